package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenAI-compatible client against a loopback server speaking chat-completions. */
class OpenAiChatModelTest {

    static final ObjectMapper JSON = new ObjectMapper();
    ReplayServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A chat completion with 700 prompt and 300 completion tokens of usage. */
    static String completion(String text, String finish) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode choice = root.putArray("choices").addObject();
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", finish);
        root.putObject("usage").put("prompt_tokens", 700).put("completion_tokens", 300);
        return root.toString();
    }

    OpenAiChatModel model(String key) {
        return new OpenAiChatModel(server.uri() + "/v1/", key, "gpt-test", new ChatOptions(2048, 0.4, null, null));
    }

    @Test
    void sendsSystemAndUserMessagesWithBearerKeyAndReadsUsage() throws Exception {
        server.then(200, Map.of(), completion("hello", "stop"));
        ChatModel.ChatReply r = model("sk-test").complete("SYS", java.util.List.of(ChatModel.ChatMessage.user("USR")), Duration.ofSeconds(5));

        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.inputTokens()).isEqualTo(700);
        assertThat(r.outputTokens()).isEqualTo(300);
        assertThat(r.truncated()).isFalse();
        ReplayServer.Request req = server.requests().getFirst();
        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.headers().get("Authorization")).containsExactly("Bearer sk-test");
        JsonNode body = JSON.readTree(req.body());
        assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo("SYS");
        assertThat(body.path("messages").path(1).path("content").asText()).isEqualTo("USR");
    }

    @Test
    void reasoningModelsGetMaxCompletionTokensAndReasoningEffortAndNoTemperature() throws Exception {
        server.then(200, Map.of(), completion("hi", "stop"));
        new OpenAiChatModel(server.uri() + "/v1", null, "o4-mini", new ChatOptions(16000, null, "high", null))
                .complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5));

        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(16000);
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void temperatureNoneIsNotSentAndMaxTokensIsTheConfiguredOne() throws Exception {
        server.then(200, Map.of(), completion("hi", "stop"));
        new OpenAiChatModel(server.uri() + "/v1", null, "m", new ChatOptions(3000, ChatOptions.temperature("none"), null, null))
                .complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5));

        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("max_tokens").asInt()).isEqualTo(3000);
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void settingsThatCannotWorkTogetherAreRefusedWithTheOptionToChange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChatOptions(8192, 0.7, "high", null))
                .hasMessageContaining("--temperature none");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChatOptions(4096, null, null, 8000))
                .hasMessageContaining("below max tokens");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChatOptions(8192, null, "extreme", null))
                .hasMessageContaining("--reasoning-effort");
    }

    @Test
    void throttlingCarriesRetryAfterAndAnAnswerWithoutUsageSaysSo() throws Exception {
        server.then(429, Map.of("Retry-After", "7"), "{\"error\":{\"message\":\"Rate limit reached\"}}");
        server.then(200, Map.of(), "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"finish_reason\":\"stop\"}]}");
        OpenAiChatModel m = model(null);
        assertThatThrownBy(() -> m.complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.THROTTLED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
        ChatModel.ChatReply r = m.complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5));
        assertThat(r.usageReported()).isFalse();
        assertThat(r.text()).isEqualTo("x");
    }

    @Test
    void retryAfterReadsSecondsMillisecondsAndHttpDates() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T01:00:00Z");
        assertThat(LlmException.parseRetryAfter("3", null, now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(LlmException.parseRetryAfter(null, "1500", now)).isEqualTo(Duration.ofMillis(1500));
        assertThat(LlmException.parseRetryAfter("Wed, 02 Dec 2026 01:00:20 GMT", null, now)).isEqualTo(Duration.ofSeconds(20));
        assertThat(LlmException.parseRetryAfter("soon", null, now)).isNull();
    }

    @Test
    void plannerRetries429ThenProposesTheSource() {
        server.then(429, Map.of(), "{\"error\":{\"message\":\"Rate limit reached\"}}");
        server.then(200, Map.of(), completion(LlmPlannerTest.GOOD, "stop"));
        LlmPlanner p = new LlmPlanner("openai", model("k"), LlmConfig.defaults(new ModelPrice(1, 2))
                .withBackoff(3, Duration.ofMillis(1), Duration.ofMillis(2)), new PromptBuilder());
        Candidate c = p.plan(new PlanRequest("r", 1, 0, new InMemoryHistory()));

        assertThat(c.source()).isEqualTo(LlmPlannerTest.GOOD_SOURCE);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void badKeyNamesTheVariableToSet() {
        server.then(401, Map.of(), "{\"error\":{\"message\":\"Incorrect API key provided: sk-bad\"}}");
        assertThatThrownBy(() -> model("sk-bad").complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTH);
                    assertThat(e.getMessage()).contains("HTTP 401").contains("CODEC_LAB_LLM_API_KEY").doesNotContain("\n");
                });
    }

    @Test
    void unknownModelNamesModelAndUrl() {
        server.then(404, Map.of(), "{\"error\":{\"message\":\"The model `gpt-test` does not exist\"}}");
        LlmPlanner p = new LlmPlanner("openai", model("k"), LlmConfig.defaults(new ModelPrice(1, 2)), new PromptBuilder());
        Candidate c = p.plan(new PlanRequest("r", 1, 0, new InMemoryHistory()));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("model 'gpt-test'").contains("check --model and --llm-url").doesNotContain("\n");
    }

    @Test
    void unreachableEndpointNamesTheUrlFlag() throws Exception {
        String dead;
        try (ReplayServer s = new ReplayServer()) {
            dead = s.uri().toString();
        }
        OpenAiChatModel m = new OpenAiChatModel(dead, null, "x", new ChatOptions(300, 0.0, null, null));
        assertThatThrownBy(() -> m.complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("cannot reach").contains("--llm-url").doesNotContain("\n");
                });
    }

    @Test
    void lengthFinishReasonMarksTruncation() throws Exception {
        server.then(200, Map.of(), completion("```java\npublic class A implements Codec {", "length"));
        assertThat(model(null).complete("s", java.util.List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5)).truncated()).isTrue();
        assertThat(server.requests().getFirst().headers()).doesNotContainKey("Authorization");
    }

    @Test
    void apiKeyComesFromCodecLabVariableThenOpenAiThenSecret() {
        ApiKeys.SecretResolver secrets = id -> "from-secret-" + id;
        assertThat(ApiKeys.resolve(Map.of("CODEC_LAB_LLM_API_KEY", "a", "OPENAI_API_KEY", "b"), secrets)).contains("a");
        assertThat(ApiKeys.resolve(Map.of("OPENAI_API_KEY", "b"), secrets)).contains("b");
        assertThat(ApiKeys.resolve(Map.of("CODEC_LAB_LLM_SECRET_ID", "llm-key"), secrets)).contains("from-secret-llm-key");
        assertThat(ApiKeys.resolve(Map.of(), secrets)).isEmpty();
    }
}
