package codeclab.planner.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static codeclab.planner.llm.LlmPlannerTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** The Converse request the real Bedrock SDK client sends for the output settings, and the answer it reads back. */
class BedrockChatModelTest {

    ReplayServer server;
    BedrockRuntimeClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        client = LlmPlannerTest.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    ChatModel.ChatReply call(ChatOptions options) throws Exception {
        return new BedrockChatModel(client, "anthropic.claude-sonnet-4-5-v1:0", options)
                .complete("sys", List.of(ChatModel.ChatMessage.user("u")), Duration.ofSeconds(5));
    }

    @Test
    void extendedThinkingSendsItsBudgetAndNoTemperatureAndOnlyTheTextIsRead() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode msg = root.putObject("output").putObject("message");
        msg.put("role", "assistant");
        msg.putArray("content").add(JSON.createObjectNode().set("reasoningContent", JSON.createObjectNode()
                        .set("reasoningText", JSON.createObjectNode().put("text", "let me think").put("signature", "sig"))))
                .add(JSON.createObjectNode().put("text", "HYPOTHESIS: x"));
        root.put("stopReason", "end_turn");
        root.putObject("usage").put("inputTokens", 10).put("outputTokens", 900).put("totalTokens", 910);
        server.then(200, Map.of(), root.toString());

        ChatModel.ChatReply r = call(new ChatOptions(16000, null, null, 8000));

        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(16000);
        assertThat(body.path("inferenceConfig").has("temperature")).isFalse();
        assertThat(body.path("additionalModelRequestFields").path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("additionalModelRequestFields").path("thinking").path("budget_tokens").asInt()).isEqualTo(8000);
        assertThat(r.text()).isEqualTo("HYPOTHESIS: x");
        assertThat(r.outputTokens()).isEqualTo(900);
    }

    @Test
    void aPlainModelGetsItsTemperatureAndNoExtraFields() throws Exception {
        server.then(200, Map.of(), LlmPlannerTest.converse("hi", 1, 1, "end_turn"));
        call(new ChatOptions(4096, 0.3, null, null));

        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.has("additionalModelRequestFields")).isFalse();
    }

    @Test
    void anAnswerWithoutUsageIsMarkedSo() throws Exception {
        server.then(200, Map.of(), LlmPlannerTest.converse("hi", -1, -1, "end_turn"));
        assertThat(call(new ChatOptions(4096, 0.3, null, null)).usageReported()).isFalse();
    }
}
