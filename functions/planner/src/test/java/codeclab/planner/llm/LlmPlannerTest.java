package codeclab.planner.llm;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the LLM planner shows and how it handles answers, through the real Bedrock SDK client pointed at a loopback
 * server replaying Converse answers. Endpoint trouble and money: {@link LlmEndpointFailureTest}, {@link LlmBudgetTest}.
 */
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
    static final String THREAD_SOURCE = """
            import codeclab.codec.*;

            public class ThreadCodec implements Codec {
                public Encoder encoder(StreamHeader h, int quality) {
                    new Thread(() -> { }).start();
                    return null;
                }
                public Decoder decoder(StreamHeader h, byte[] bits) { return null; }
            }
            """;

    ReplayServer server;
    BedrockRuntimeClient client;
    InMemoryHistory history;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        client = client(server);
        history = new InMemoryHistory()
                .add(Fixtures.completed("e1", null, "First DCT codec.", -3.25, 187.5, 0.5),
                        Fixtures.evaluation(-3.25, 187.5, 30.11, 34.22, 38.33, 42.44), Fixtures.PARENT_SOURCE)
                .add(Fixtures.completed("e2", "e1", "Coarser chroma.", 12.5, 240.0, 0.5), Fixtures.evaluation(12.5, 240.0, 29, 33, 37, 41),
                        Fixtures.PARENT_SOURCE.replace("STEP = 12", "STEP = 16"))
                .add(Fixtures.failed("e3", OutcomeKind.FORBIDDEN_API,
                        "the bytecode uses what the sandbox forbids:\nline 5 (ThreadCodec.encoder): java.lang.Thread.start() — threads are forbidden",
                        "Parallel encode."), null, THREAD_SOURCE);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static BedrockRuntimeClient client(ReplayServer s) {
        return BedrockChatModel.client("us-east-1", s.uri(), Duration.ofSeconds(5),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    static String converse(String text, int in, int out, String stop) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode msg = root.putObject("output").putObject("message");
        msg.put("role", "assistant");
        msg.putArray("content").addObject().put("text", text);
        root.put("stopReason", stop);
        if (in >= 0) {
            root.putObject("usage").put("inputTokens", in).put("outputTokens", out).put("totalTokens", in + out);
        }
        root.putObject("metrics").put("latencyMs", 12);
        return root.toString();
    }

    ReplayServer answer(String text) {
        return server.then(200, Map.of(), converse(text, 1000, 500, "end_turn"));
    }

    ReplayServer truncatedAnswer(String text) {
        return server.then(200, Map.of(), converse(text, 1000, 4096, "max_tokens"));
    }

    ReplayServer error(int status, String type, String message) {
        return server.then(status, Map.of("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/"),
                "{\"message\":\"" + message + "\"}");
    }

    LlmPlanner planner(LlmConfig config) {
        return new LlmPlanner("bedrock", new BedrockChatModel(client, MODEL, new ChatOptions(4096, 0.7, null, null)), config, new PromptBuilder());
    }

    static LlmConfig config() {
        return LlmConfig.defaults(new ModelPrice(3, 15)).withBudgetUsd(20)
                .withBackoff(4, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    Candidate plan() {
        return planner(config()).plan(new PlanRequest("run-1", 42, 3, history));
    }

    static String userText(ReplayServer.Request r, int message) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        return body.path("messages").path(message).path("content").path(0).path("text").asText();
    }

    static String systemText(ReplayServer.Request r) throws Exception {
        return JSON.readTree(r.body()).path("system").path(0).path("text").asText();
    }

    static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    @Test
    void promptCarriesParentCodeRdNumbersItsChildrenAndTheForbiddenApiLesson() throws Exception {
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.isFailure()).isFalse();
        ReplayServer.Request r = server.requests().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/model/" + MODEL + "/converse");
        String user = userText(r, 0);
        assertThat(user).contains("## Parent: experiment e1").contains("static final int STEP = 12;")
                .contains("BD-rate -3.25%").contains("187.5 kbps").contains("30.11").contains("42.44")
                .contains("## Already tried on this parent").contains("- e2 completed, BD-rate +12.50%")
                .contains("FORBIDDEN_API in e3").contains("java.lang.Thread.start() — threads are forbidden")
                .contains(">   5|         new Thread(() -> { }).start();")
                .contains("<<<<<<< SEARCH");
    }

    @Test
    void systemPromptSaysSandboxRulesAndMetricOnceWithoutTheExampleCodecAndOnePackageRule() throws Exception {
        answer(GOOD);
        plan();
        String system = systemText(server.requests().getFirst());
        String user = userText(server.requests().getFirst(), 0);

        assertThat(system).contains("interface Codec").contains("reflection");
        assertThat(count(system, "## Sandbox rules")).isEqualTo(1);
        assertThat(count(system + user, "Lower BD-rate is better")).isEqualTo(1);
        assertThat(count(system + user, "**Forbidden**")).isEqualTo(1);
        assertThat(system).doesNotContain("Minimal example codec").doesNotContain("class DpcmCodec");
        assertThat(user).doesNotContain("no package line)").contains(PromptBuilder.PACKAGE_RULE);
        assertThat(count(user, PromptBuilder.PACKAGE_RULE)).isEqualTo(2); // beside the parent and in the format
    }

    @Test
    void aCompletedCodecThatMissesTheTargetIsStillRankedAndOfferedAsParent() throws Exception {
        InMemoryHistory h = new InMemoryHistory().add(new Experiment("run-1", "e9", ExperimentStatus.COMPLETED, OutcomeKind.OK, null,
                "test/1", null, "Very coarse.", "hash-e9", null, Instant.EPOCH, Instant.EPOCH, 92.0, null, null, 0.1), null, Fixtures.PARENT_SOURCE);
        answer(GOOD);
        Candidate c = planner(config()).plan(new PlanRequest("run-1", 42, 0, h));

        assertThat(c.parentId()).isEqualTo("e9");
        assertThat(userText(server.requests().getFirst(), 0)).contains("## Parent: experiment e9").contains("BD-rate +92.00%")
                .contains("bitrate at target n/a").doesNotContain("No parent");
    }

    @Test
    void anEmptyRunOffersTheReferenceCodecsAsParents() throws Exception {
        String strongest = ReferenceCodecs.names().getLast();
        String firstLine = ReferenceCodecs.asCandidate(strongest).lines()
                .filter(l -> l.contains("class " + strongest)).findFirst().orElseThrow();
        answer("HYPOTHESIS: rename.\n<<<<<<< SEARCH\n" + firstLine + "\n=======\n" + firstLine.replace(strongest, "Renamed" + strongest)
                + "\n>>>>>>> REPLACE\n");
        Candidate c = planner(config().withFollowUps(0)).plan(new PlanRequest("run-1", 42, 0, new InMemoryHistory()));

        String user = userText(server.requests().getFirst(), 0);
        assertThat(user).contains("## Parent: reference codec " + strongest).contains(ReferenceCodecs.asCandidate(strongest).strip());
        ReferenceCodecs.names().stream().filter(n -> !n.equals(strongest))
                .forEach(n -> assertThat(user).contains("## Other reference codecs").contains(n));
        assertThat(c.isFailure()).isFalse();
        assertThat(c.parentId()).isEqualTo("reference:" + strongest);
        assertThat(c.source()).contains("class Renamed" + strongest);
    }

    @Test
    void fullSourceAnswerBecomesACandidateWithCostHypothesisAndTrace() {
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(c.parentId()).isEqualTo("e1");
        assertThat(c.hypothesis()).isEqualTo("A smaller step keeps more detail.");
        assertThat(c.planner()).isEqualTo("bedrock:" + MODEL + "/" + LlmPlanner.VERSION);
        assertThat(c.cost().inputTokens()).isEqualTo(1000);
        assertThat(c.cost().outputTokens()).isEqualTo(500);
        assertThat(c.cost().usd()).isCloseTo(0.003 + 0.0075, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.decisions()).anyMatch(d -> d.startsWith("parent e1"));
        assertThat(c.trace().calls()).singleElement().satisfies(call -> {
            assertThat(call.answer()).isEqualTo(GOOD);
            assertThat(call.inputTokens()).isEqualTo(1000);
            assertThat(call.usageReported()).isTrue();
            assertThat(call.reservedUsd()).isGreaterThan(call.usd());
        });
        assertThat(c.trace().prompt()).contains("## Parent: experiment e1");
        assertThat(c.trace().endpoint()).contains("Bedrock us-east-1 at " + server.uri());
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
    void editsThatDoNotApplyGetAFollowUp() throws Exception {
        answer("HYPOTHESIS: x.\n<<<<<<< SEARCH\nint notInParent = 1;\n=======\nint y = 2;\n>>>>>>> REPLACE\n");
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(server.requests()).hasSize(2);
        assertThat(userText(server.requests().get(1), 2)).contains("did not apply").contains("does not match the parent");
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
        for (int i = 0; i < 3; i++) {
            answer(text);
        }
        Candidate c = plan();

        assertThat(c.isFailure()).isTrue();
        assertThat(c.outcome()).isEqualTo(OutcomeKind.INVALID_RESPONSE);
        assertThat(c.message()).startsWith("invalid model answer: ").contains(reason).doesNotContain("\n");
        assertThat(c.rawAnswer()).isEqualTo(text);
        assertThat(server.requests()).hasSize(3); // two follow-ups, then give up
        assertThat(c.cost().inputTokens()).isEqualTo(3000);
        assertThat(c.trace().calls()).hasSize(3);
    }

    @Test
    void aCompileErrorIsRepairedWithEditsAgainstTheModelsOwnSourceAndTheFirstHypothesisIsKept() throws Exception {
        answer(GOOD);
        answer("HYPOTHESIS: Same idea, with the class renamed so it compiles.\n<<<<<<< SEARCH\npublic class BetterCodec implements Codec {\n"
                + "=======\npublic class FixedCodec implements Codec {\n>>>>>>> REPLACE\n");
        PlanRequest req = new PlanRequest("run-1", 42, 3, history, List.of("most frequent violation: java.lang.Thread"),
                src -> src.contains("BetterCodec") ? Optional.of(new PlanRequest.CheckFailure(OutcomeKind.COMPILE_ERROR,
                        "line 4:5: cannot find symbol foo")) : Optional.empty());
        Candidate c = planner(config()).plan(req);

        assertThat(c.source()).isEqualTo(GOOD_SOURCE.replace("BetterCodec", "FixedCodec"));
        assertThat(userText(server.requests().get(0), 0)).contains("most frequent violation: java.lang.Thread");
        assertThat(userText(server.requests().get(1), 2)).contains("does not compile").contains("cannot find symbol foo")
                .doesNotContain("sandbox");
        assertThat(c.hypothesis()).isEqualTo("Same idea, with the class renamed so it compiles.");
        assertThat(c.trace().originalHypothesis()).isEqualTo("A smaller step keeps more detail.");
        assertThat(c.trace().calls().stream().map(call -> call.purpose()).toList())
                .containsExactly("first answer", "repair: compile error");
    }

    @Test
    void aSandboxViolationIsToldAsASandboxViolation() throws Exception {
        answer(GOOD);
        answer(GOOD.replace("BetterCodec", "SafeCodec"));
        PlanRequest req = new PlanRequest("run-1", 42, 3, history, List.of(),
                src -> src.contains("BetterCodec") ? Optional.of(new PlanRequest.CheckFailure(OutcomeKind.FORBIDDEN_API,
                        "line 4 (BetterCodec.encoder): java.lang.Thread.start() — threads are forbidden")) : Optional.empty());
        Candidate c = planner(config()).plan(req);

        assertThat(c.source()).contains("SafeCodec");
        String followUp = userText(server.requests().get(1), 2);
        assertThat(followUp).contains("breaks the sandbox rules").contains("not a compile error").contains("threads are forbidden")
                .doesNotContain("does not compile");
        assertThat(c.trace().calls().get(1).purpose()).isEqualTo("repair: sandbox violation");
    }

    @Test
    void aTruncatedFileIsRedoneAsEditsNotAsTheWholeFileAgain() throws Exception {
        truncatedAnswer("HYPOTHESIS: rewrite.\n```java\npublic class T implements Codec {\n  void f() {\n    int x = 1;\n");
        answer("HYPOTHESIS: finer step.\n<<<<<<< SEARCH\n    static final int STEP = 12;\n=======\n    static final int STEP = 6;\n>>>>>>> REPLACE\n");
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(Fixtures.PARENT_SOURCE.replace("STEP = 12", "STEP = 6"));
        assertThat(userText(server.requests().get(1), 2)).contains("cut at the output limit (4096 tokens)")
                .contains("Do not resend the file").contains("SEARCH/REPLACE").doesNotContain("```java block");
    }

    @Test
    void truncatedEditsAreContinuedWithTheRemainingBlocks() throws Exception {
        truncatedAnswer("HYPOTHESIS: two changes.\n<<<<<<< SEARCH\n    static final int STEP = 12;\n=======\n    static final int STEP = 10;\n"
                + ">>>>>>> REPLACE\n<<<<<<< SEARCH\n        return null; // parent body\n=======\n        return null; // cut her");
        answer("<<<<<<< SEARCH\n        return null; // parent body\n=======\n        return null; // changed body\n>>>>>>> REPLACE\n");
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(Fixtures.PARENT_SOURCE.replace("STEP = 12", "STEP = 10").replace("// parent body", "// changed body"));
        assertThat(userText(server.requests().get(1), 2)).contains("after 1 complete SEARCH/REPLACE block(s); they are applied")
                .contains("Send only the remaining");
    }

    @Test
    void aDuplicateOfAnEarlierExperimentIsToldToTheModel() throws Exception {
        // e2's source with other comments and layout: the same codec.
        answer("HYPOTHESIS: again.\n```java\n// my take\n" + Fixtures.PARENT_SOURCE.replace("STEP = 12", "STEP =   16")
                .replace("// parent body", "") + "```\n");
        answer(GOOD);
        Candidate c = plan();

        assertThat(c.source()).isEqualTo(GOOD_SOURCE);
        assertThat(userText(server.requests().get(1), 2)).contains("the same codec as experiment e2").contains("Make a real change");
    }

    @Test
    void aDuplicateIsHandedOverWhenNoFollowUpIsLeftSoTheLoopRecordsIt() {
        answer("HYPOTHESIS: unchanged.\n```java\n" + Fixtures.PARENT_SOURCE + "```\n");
        Candidate c = planner(config().withFollowUps(0)).plan(new PlanRequest("run-1", 42, 3, history));

        assertThat(c.isFailure()).isFalse();
        assertThat(c.source()).isEqualTo(Fixtures.PARENT_SOURCE);
        assertThat(c.decisions()).anyMatch(d -> d.startsWith("duplicate of experiment e1"));
    }

    @Test
    void oneLessonPerFailureKindSurvivesABurstOfEndpointErrors() throws Exception {
        for (int i = 0; i < 5; i++) {
            history.add(Fixtures.failed("p" + i, OutcomeKind.PLANNER_ERROR, "the chat endpoint failed (HTTP 500: boom " + i + ")", null), null, null);
        }
        answer(GOOD);
        plan();
        String user = userText(server.requests().getFirst(), 0);

        assertThat(user).contains("FORBIDDEN_API in e3").contains("PLANNER_ERROR in p4").doesNotContain("PLANNER_ERROR in p3");
        Matcher lessons = Pattern.compile("(?m)^- [A-Z_]+ in ").matcher(user);
        assertThat(lessons.results().count()).isEqualTo(2);
    }

    @Test
    void sameSeedAndSlotMakeTheSameDecisions() {
        for (int i = 0; i < 2; i++) {
            answer(GOOD);
        }
        Candidate a = plan();
        Candidate b = plan();
        assertThat(a.decisions().stream().map(d -> d.replaceAll("\\d+ ms", "")).toList())
                .isEqualTo(b.decisions().stream().map(d -> d.replaceAll("\\d+ ms", "")).toList());
    }
}
