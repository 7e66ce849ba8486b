package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static codeclab.planner.llm.LlmPlannerTest.GOOD;
import static codeclab.planner.llm.LlmPlannerTest.GOOD_SOURCE;
import static codeclab.planner.llm.LlmPlannerTest.MODEL;
import static codeclab.planner.llm.LlmPlannerTest.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoint trouble through the real Bedrock SDK client and the OpenAI-compatible client on loopback: every failure is a
 * PLANNER_ERROR naming the endpoint and the cause, within the plan's deadline; throttling, 5xx, malformed bodies and
 * timeouts are retried, honouring Retry-After.
 */
class LlmEndpointFailureTest {

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

    ReplayServer error(int status, String type, String message, Map<String, String> headers) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        return server.then(status, h, "{\"message\":\"" + message + "\"}");
    }

    LlmPlanner bedrock(LlmConfig config) {
        return new LlmPlanner("bedrock", new BedrockChatModel(client, MODEL, new ChatOptions(4096, 0.7, null, null)), config, new PromptBuilder());
    }

    LlmPlanner openai(LlmConfig config) {
        return new LlmPlanner("openai", new OpenAiChatModel(server.uri() + "/v1", "k", "gpt-test", new ChatOptions(2048, null, null, null)),
                config, new PromptBuilder());
    }

    Candidate plan(LlmPlanner p) {
        return p.plan(new PlanRequest("run-1", 42, 3, new InMemoryHistory()));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithBackoffThenSucceed() {
        error(429, "ThrottlingException", "Too many requests, please wait before trying again.", Map.of());
        error(503, "ServiceUnavailableException", "busy", Map.of());
        server.then(200, Map.of(), converse(GOOD, 1000, 500, "end_turn"));
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.isFailure()).isFalse();
        assertThat(server.requests()).hasSize(3);
        assertThat(c.decisions()).anyMatch(d -> d.contains("THROTTLED: retrying in"));
        assertThat(c.trace().calls()).hasSize(3);
        assertThat(c.trace().calls().get(0).error()).startsWith("THROTTLED");
    }

    @Test
    void throttlingThatNeverEndsIsAPlannerErrorNamingTheEndpoint() {
        for (int i = 0; i < 4; i++) {
            error(429, "ThrottlingException", "Too many requests", Map.of());
        }
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("throttled").contains("gave up after 4 attempts").contains(server.uri().toString());
    }

    @Test
    void retryAfterIsHonouredOverTheShorterBackoff() {
        error(429, "ThrottlingException", "slow down", Map.of("Retry-After", "1"));
        server.then(200, Map.of(), converse(GOOD, 10, 10, "end_turn"));
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.isFailure()).isFalse();
        long gapMillis = (server.requests().get(1).atNanos() - server.requests().get(0).atNanos()) / 1_000_000;
        assertThat(gapMillis).isGreaterThanOrEqualTo(950);
        assertThat(c.decisions()).anyMatch(d -> d.contains("(Retry-After)"));
    }

    @Test
    void aRetryAfterBeyondThePlanDeadlineEndsThePlanAtOnce() {
        server.then(429, Map.of("Retry-After", "120"), "{\"error\":{\"message\":\"Rate limit reached\"}}");
        long t0 = System.nanoTime();
        Candidate c = plan(openai(LlmPlannerTest.config().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains(server.uri() + "/v1/chat/completions").contains("HTTP 429").contains("Retry-After")
                .contains("--plan-timeout");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void aMalformedJsonBodyIsRetriedOnBedrock() {
        server.then(200, Map.of(), "{\"output\": {\"message\": {\"role\": \"assis");
        server.then(200, Map.of(), converse(GOOD, 1000, 500, "end_turn"));
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.decisions()).anyMatch(d -> d.contains("MALFORMED: retrying"));
    }

    @Test
    void aMalformedJsonBodyIsRetriedOnOpenAiCompatibleEndpoints() {
        server.then(200, Map.of(), "<html>502 Bad Gateway</html>");
        server.then(200, Map.of(), OpenAiChatModelTest.completion(GOOD, "stop"));
        Candidate c = plan(openai(LlmPlannerTest.config()));

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.trace().calls().getFirst().error()).startsWith("MALFORMED").contains("not JSON");
    }

    @Test
    void aHungBedrockEndpointIsAPlannerErrorWithinThePlanDeadlineNotACodecTimeout() {
        for (int i = 0; i < 4; i++) {
            server.thenHang(10_000, 0, 200, converse(GOOD, 1, 1, "end_turn"));
        }
        long t0 = System.nanoTime();
        Candidate c = plan(bedrock(LlmPlannerTest.config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(2500))));
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("Bedrock model " + MODEL).contains(server.uri().toString())
                .contains("did not answer within 1 s").doesNotContain("\n");
        assertThat(seconds).isLessThan(4.5);
    }

    @Test
    void anOpenAiEndpointThatHangsMidBodyIsCutByTheCallTimeout() {
        server.thenHang(0, 10_000, 200, OpenAiChatModelTest.completion(GOOD, "stop"));
        server.then(200, Map.of(), OpenAiChatModelTest.completion(GOOD, "stop"));
        long t0 = System.nanoTime();
        Candidate c = plan(openai(LlmPlannerTest.config().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(20))));

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.trace().calls().getFirst().error()).startsWith("TIMEOUT").contains("did not answer within 1 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void anAnswerWithoutUsageIsBilledAnEstimateWithAWarning() {
        server.then(200, Map.of(), converse(GOOD, -1, -1, "end_turn"));
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.isFailure()).isFalse();
        assertThat(c.cost().usd()).isPositive();
        assertThat(c.cost().outputTokens()).isPositive();
        assertThat(c.decisions()).anyMatch(d -> d.startsWith("warning: ") && d.contains("reported no token usage"));
        assertThat(c.trace().calls().getFirst().usageReported()).isFalse();
    }

    @Test
    void badCredentialsAreAOneLineMessage() {
        error(403, "UnrecognizedClientException", "The security token included in the request is invalid.", Map.of());
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("credentials").contains("security token").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void accessDeniedNamesThePermission() {
        error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", Map.of());
        assertThat(plan(bedrock(LlmPlannerTest.config())).message()).contains("access denied").contains("bedrock:InvokeModel");
    }

    @Test
    void unknownModelIsAOneLineMessageWithoutRetry() {
        error(400, "ValidationException", "The provided model identifier is invalid.", Map.of());
        Candidate c = plan(bedrock(LlmPlannerTest.config()));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("unknown or unsupported Bedrock model " + MODEL).contains("check --model").doesNotContain("\n");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void missingModelResourceIsAOneLineMessage() {
        error(404, "ResourceNotFoundException", "Model not found.", Map.of());
        assertThat(plan(bedrock(LlmPlannerTest.config())).message()).contains("unknown Bedrock model").contains("check --model");
    }

    @Test
    void anUnreachableEndpointIsAOneLineMessage() throws Exception {
        URI dead;
        try (ReplayServer s = new ReplayServer()) {
            dead = s.uri();
        }
        try (BedrockRuntimeClient c = BedrockChatModel.client("us-east-1", dead, Duration.ofSeconds(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            Candidate cand = new LlmPlanner("bedrock", new BedrockChatModel(c, MODEL, new ChatOptions(1000, 0.5, null, null)),
                    LlmPlannerTest.config(), new PromptBuilder()).plan(new PlanRequest("run-1", 1, 0, new InMemoryHistory()));
            assertThat(cand.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
            assertThat(cand.message()).startsWith("cannot reach the Bedrock endpoint").contains(dead.toString())
                    .contains("check the region, endpoint and network").doesNotContain("\n");
        }
    }
}
