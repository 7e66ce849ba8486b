package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Fixtures;
import codeclab.planner.InMemoryHistory;
import codeclab.planner.PlanRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The LLM planner through the real Bedrock SDK client, pointed at a loopback server replaying Converse answers. */
class LlmPlannerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "anthropic.claude-test-v1:0";

    static final String GOOD_SOURCE = """
            import codeclab.codec.*;

            public class BetterCodec implements Codec {
                public Encoder encoder(StreamHeader h, int quality) { return null; }
                public Decoder decoder(StreamHeader h, byte[] bits) { return null; }
            }
            """;
    static final String GOOD = "HYPOTHESIS: A smaller step keeps more detail.\n```java\n" + GOOD_SOURCE + "```\n";

    ReplayServer server;
    BedrockRuntimeClient client;
    InMemoryHistory history;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        client = BedrockChatModel.client("us-east-1", server.uri(), Duration.ofSeconds(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
        history = new InMemoryHistory()
                .add(Fixtures.completed("e1", null, "First DCT codec.", -3.25, 187.5, 0.5),
                        Fixtures.evaluation(-3.25, 187.5, 30.11, 34.22, 38.33, 42.44), Fixtures.PARENT_SOURCE)
                .add(Fixtures.completed("e2", "e1", "Coarser chroma.", 12.5, 240.0, 0.5), Fixtures.evaluation(12.5, 240.0, 29, 33, 37, 41), "class X {}")
                .add(Fixtures.failed("e3", OutcomeKind.FORBIDDEN_API, "uses java.lang.Thread.start (threads are forbidden)", "Parallel encode."), null, "x");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static String converse(String text, int in, int out, String stop) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode msg = root.putObject("output").putObject("message");
        msg.put("role", "assistant");
        msg.putArray("content").addObject().put("text", text);
        root.put("stopReason", stop);
        root.putObject("usage").put("inputTokens", in).put("outputTokens", out).put("totalTokens", in + out);
        root.putObject("metrics").put("latencyMs", 12);
        return root.toString();
    }

    ReplayServer answer(String text) {
        return server.then(200, Map.of(), converse(text, 1000, 500, "end_turn"));
    }

    ReplayServer error(int status, String type, String message) {
        return server.then(status, Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/"),
                "{\"message\":\"" + message + "\"}");
    }

    LlmPlanner planner(LlmConfig config) {
        return new LlmPlanner("bedrock", new BedrockChatModel(client, MODEL, 4096, 0.7), config, new PromptBuilder());
    }

    LlmConfig config() {
        return LlmConfig.defaults(MODEL).withPrice(new ModelPrice(0.003, 0.015))
                .withBackoff(4, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    Candidate plan() {
        return planner(config()).plan(new PlanRequest("run-1", 42, 3, history));
    }

    static String userText(ReplayServer.Request r, int message) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        return body.path("messages").path(message).path("content").path(0).path("text").asText();
    }

    @Test
    void promptCarriesParentCodeRdNumbersAndLastError() throws Exception {
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.isFailure()).isFalse();
        ReplayServer.Request r = server.requests().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/model/" + MODEL + "/converse");
        JsonNode body = JSON.readTree(r.body());
        String system = body.path("system").path(0).path("text").asText();
        String user = userText(r, 0);
        assertThat(system).contains("interface Codec").contains("Forbidden").contains("reflection")
                .contains("LOWER IS BETTER");
        assertThat(user).contains("## Parent program e1").contains("static final int STEP = 12;")
                .contains("BD-rate -3.25%").contains("187.5 kbps").contains("30.11").contains("42.44")
                .contains("e2: BD-rate +12.50%")
                .contains("FORBIDDEN_API").contains("uses java.lang.Thread.start (threads are forbidden)")
                .contains("<<<<<<< SEARCH");
    }

    @Test
    void fullSourceAnswerBecomesACandidateWithCostAndHypothesis() {
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.parentId()).isEqualTo("e1");
        assertThat(c.hypothesis()).isEqualTo("A smaller step keeps more detail.");
        assertThat(c.planner()).isEqualTo("bedrock:" + MODEL + "/1");
        assertThat(c.cost().inputTokens()).isEqualTo(1000);
        assertThat(c.cost().outputTokens()).isEqualTo(500);
        assertThat(c.cost().usd()).isCloseTo(0.003 + 0.0075, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.decisions()).anyMatch(d -> d.startsWith("parent e1"));
    }

    @Test
    void searchReplaceEditsApplyToTheParent() {
        answer("HYPOTHESIS: finer step.\n<<<<<<< SEARCH\n    static final int STEP = 12;\n=======\n    static final int STEP = 8;\n>>>>>>> REPLACE\n");
        Candidate c = plan();

        assertThat(c.isFailure()).isFalse();
        assertThat(c.source()).isEqualTo(Fixtures.PARENT_SOURCE.replace("STEP = 12", "STEP = 8"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void diffThatDoesNotApplyFallsBackToAskingForFullSource() throws Exception {
        answer("HYPOTHESIS: x.\n<<<<<<< SEARCH\nint notInParent = 1;\n=======\nint y = 2;\n>>>>>>> REPLACE\n");
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(server.requests()).hasSize(2);
        String followUp = userText(server.requests().get(1), 2);
        assertThat(followUp).contains("did not apply").contains("does not match the parent").contains("complete new source");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty answer      | ''                                                                                   | the answer was empty
            no code block     | 'HYPOTHESIS: use a wavelet. I would change the transform to a wavelet.'              | no ```java code block
            two code blocks   | '```java\nclass A implements Codec {}\n```\n```java\nclass B implements Codec {}\n```' | 2 ```java code blocks
            wrong class       | '```java\npublic class Helper { int x() { return 1; } }\n```'                        | no public class implementing codeclab.codec.Codec
            truncated code    | '```java\npublic class T implements Codec {\n  void f() {\n    int x = 1;\n'          | looks truncated
            refusal           | 'I''m sorry, but I can''t help with writing that.'                                   | the model declined
            """)
    void everyBadAnswerIsInvalidResponseWithTheRawAnswerKept(String name, String answer, String reason) {
        String text = answer.replace("\\n", "\n");
        answer(text);
        answer(text);
        Candidate c = plan();

        assertThat(c.isFailure()).isTrue();
        assertThat(c.outcome()).isEqualTo(OutcomeKind.INVALID_RESPONSE);
        assertThat(c.message()).startsWith("invalid model answer: ").contains(reason).doesNotContain("\n");
        assertThat(c.rawAnswer()).isEqualTo(text);
        assertThat(server.requests()).hasSize(2); // one repair round-trip, then give up
        assertThat(c.cost().inputTokens()).isEqualTo(2000);
    }

    @Test
    void oneRepairRoundTripSendsTheParserError() throws Exception {
        answer("```java\npublic class T implements Codec {\n  void f() {\n");
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        String repair = userText(server.requests().get(1), 2);
        assertThat(repair).contains("could not be used").contains("looks truncated").contains("HYPOTHESIS:");
    }

    @Test
    void compileErrorFromTheLoopsCheckerGetsOneRepair() throws Exception {
        answer(GOOD);
        answer(GOOD.replace("BetterCodec", "FixedCodec"));
        PlanRequest req = new PlanRequest("run-1", 42, 3, history, List.of("most frequent violation: java.lang.Thread"),
                src -> src.contains("BetterCodec") ? Optional.of("BetterCodec.java:4: error: cannot find symbol foo") : Optional.empty());
        Candidate c = planner(config()).plan(req);

        assertThat(c.source()).contains("FixedCodec");
        assertThat(userText(server.requests().get(0), 0)).contains("most frequent violation: java.lang.Thread");
        assertThat(userText(server.requests().get(1), 2)).contains("does not compile").contains("cannot find symbol foo");
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSucceeds() {
        error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        error(503, "ServiceUnavailableException", "busy");
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.isFailure()).isFalse();
        assertThat(server.requests()).hasSize(3);
        assertThat(c.decisions()).anyMatch(d -> d.contains("THROTTLED: retrying in"));
    }

    @Test
    void throttlingThatNeverEndsIsAPlannerError() {
        for (int i = 0; i < 4; i++) {
            error(429, "ThrottlingException", "Too many requests");
        }
        Candidate c = plan();

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("throttled").contains("gave up after 4 attempts");
    }

    @Test
    void spentBudgetStopsPlanningWithoutCallingTheModel() {
        Candidate c = planner(config().withBudgetUsd(1.0)).plan(new PlanRequest("run-1", 42, 3, history));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).startsWith("budget spent: $1.0000 of the run's $1.0000");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void budgetRunningOutMidConversationStopsBeforeTheRepair() {
        answer("no code at all");
        Candidate c = planner(config().withBudgetUsd(1.005)).plan(new PlanRequest("run-1", 42, 3, history));

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("budget spent");
        assertThat(c.rawAnswer()).isEqualTo("no code at all");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void badCredentialsAreAOneLineMessage() {
        error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        Candidate c = plan();

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("credentials").contains("security token").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void accessDeniedNamesThePermission() {
        error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
        assertThat(plan().message()).contains("access denied").contains("bedrock:InvokeModel");
    }

    @Test
    void unknownModelIsAOneLineMessage() {
        error(400, "ValidationException", "The provided model identifier is invalid.");
        Candidate c = plan();

        assertThat(c.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(c.message()).contains("unknown or unsupported Bedrock model " + MODEL).contains("check --model").doesNotContain("\n");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void missingModelResourceIsAOneLineMessage() {
        error(404, "ResourceNotFoundException", "Model not found.");
        assertThat(plan().message()).contains("unknown Bedrock model").contains("check --model");
    }

    @Test
    void unreachableEndpointIsAOneLineMessage() throws Exception {
        URI dead;
        try (ReplayServer s = new ReplayServer()) {
            dead = s.uri();
        }
        try (BedrockRuntimeClient c = BedrockChatModel.client("us-east-1", dead, Duration.ofSeconds(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            Candidate cand = new LlmPlanner("bedrock", new BedrockChatModel(c, MODEL, 100, 0.5), config(), new PromptBuilder())
                    .plan(new PlanRequest("run-1", 1, 0, history));
            assertThat(cand.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
            assertThat(cand.message()).startsWith("cannot reach the Bedrock endpoint").contains("check the region, endpoint and network")
                    .doesNotContain("\n");
        }
    }

    @Test
    void emptyHistoryAsksForAFirstCodecWithoutParent() throws Exception {
        answer(GOOD);
        Candidate c = planner(config()).plan(new PlanRequest("run-1", 42, 0, new InMemoryHistory()));

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.parentId()).isNull();
        assertThat(userText(server.requests().getFirst(), 0)).contains("No parent yet");
    }

    @Test
    void sameSeedAndSlotMakeTheSameDecisions() {
        for (int i = 0; i < 2; i++) {
            answer(GOOD);
        }
        Candidate a = plan();
        Candidate b = plan();
        assertThat(a.decisions()).isEqualTo(b.decisions());
    }
}
