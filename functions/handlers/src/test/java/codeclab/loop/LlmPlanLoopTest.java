package codeclab.loop;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.harness.HarnessConfig;
import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;
import codeclab.planner.llm.ChatOptions;
import codeclab.planner.llm.LlmConfig;
import codeclab.planner.llm.LlmPlanner;
import codeclab.planner.llm.ModelPrice;
import codeclab.planner.llm.OpenAiChatModel;
import codeclab.planner.llm.PromptBuilder;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import codeclab.store.FinalResult;
import codeclab.store.RunSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan stage with the LLM planner (real OpenAI-compatible client on a loopback server, the real store on dynalite,
 * the real compiler and verifier): usage, cost and the planner's trace stored per experiment and per run; the budget
 * pausing the run with one record; duplicates recorded as DUPLICATE; a sandbox violation told as one; a hung Plan step
 * recorded as the planner's failure.
 */
class LlmPlanLoopTest {

    @TempDir
    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static FileArtifactStore artifacts;

    HttpServer server;
    final Deque<String> answers = new ArrayDeque<>();
    final List<String> requests = new ArrayList<>();

    static final String THREADS = """
            import codeclab.codec.*;

            public class ThreadCodec implements Codec {
                public Encoder encoder(StreamHeader h, int quality) {
                    new Thread(() -> { }).start();
                    return null;
                }
                public Decoder decoder(StreamHeader h, byte[] bits) { return null; }
            }
            """;

    @BeforeAll
    static void startStore() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    }

    @AfterAll
    static void stopStore() {
        store.close();
        dynamo.close();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            synchronized (this) {
                requests.add(body);
                answer = answers.isEmpty() ? "no answer left" : answers.poll();
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            ObjectNode choice = root.putArray("choices").addObject();
            choice.putObject("message").put("role", "assistant").put("content", answer);
            choice.put("finish_reason", "stop");
            root.putObject("usage").put("prompt_tokens", 700).put("completion_tokens", 300);
            byte[] out = root.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    LoopService loop(Planner planner) {
        LoopConfig config = LoopConfig.defaults().withClipSet("tiny").withHarness(HarnessConfig.defaults().withTargetPsnrY(32));
        return LoopFactory.create(store, artifacts, planner, config, dir, null);
    }

    LlmPlanner llm(double budget) {
        return new LlmPlanner("openai", new OpenAiChatModel("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", null,
                "gpt-test", new ChatOptions(2048, 0.2, null, null)),
                LlmConfig.defaults(new ModelPrice(2, 8)).withBudgetUsd(budget).withBackoff(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                new PromptBuilder());
    }

    /** Validate then record, as the state machine does after plan. */
    static Experiment finishInvalid(LoopService loop, Events.Planned p) {
        Events.Validation v = loop.validate(Json.read(Json.write(p), Events.Planned.class));
        assertThat(v.valid()).isFalse();
        ObjectNode state = Json.MAPPER.valueToTree(p);
        state.set("validation", Json.MAPPER.valueToTree(v));
        Events.Recorded r = loop.record(Json.read(state.toString(), Events.RecordEvent.class));
        return store.get(p.runId(), r.experimentId());
    }

    @Test
    void usageCostAndTheTraceAreStoredPerExperimentAndPerRun() throws Exception {
        answers.add("HYPOTHESIS: Threads make it faster.\n```java\n" + THREADS + "```\n");
        answers.add("HYPOTHESIS: Threads make it faster.\n```java\n" + THREADS + "```\n");
        answers.add("HYPOTHESIS: Still threads.\n```java\n" + THREADS.replace("ThreadCodec", "ThreadCodec2") + "```\n");
        LoopService loop = loop(llm(5));
        Events.Planned p = loop.plan("usage", "0");

        Experiment e = store.get("usage", p.experimentId());
        assertThat(e.inputTokens()).isEqualTo(3 * 700);
        assertThat(e.outputTokens()).isEqualTo(3 * 300);
        assertThat(e.costUsd()).isCloseTo(3 * (700 * 2 + 300 * 8) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.plannerLog()).startsWith("planner/");
        JsonNode trace = Json.MAPPER.readTree(artifacts.getString(e.plannerLog()));
        assertThat(trace.path("calls")).hasSize(3);
        assertThat(trace.path("calls").path(0).path("answer").asText()).contains("class ThreadCodec");
        assertThat(trace.path("calls").path(1).path("purpose").asText()).isEqualTo("repair: sandbox violation");
        assertThat(trace.path("originalHypothesis").asText()).isEqualTo("Threads make it faster.");
        assertThat(trace.path("hypothesis").asText()).isEqualTo("Still threads.");
        // The real verifier's refusal reached the model as a sandbox violation, not as a compile error.
        assertThat(requests.get(1)).contains("breaks the sandbox rules").contains("java.lang.Thread").doesNotContain("does not compile");

        RunSummary run = store.getRun("usage");
        assertThat(run.plannerSpend().inputTokens()).isEqualTo(2100);
        assertThat(run.plannerSpend().outputTokens()).isEqualTo(900);
        assertThat(run.plannerSpend().calls()).isEqualTo(3);
        assertThat(run.plannerSpend().spentUsd()).isCloseTo(e.costUsd(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(run.plannerSpend().committedUsd()).isCloseTo(e.costUsd(), org.assertj.core.data.Offset.offset(1e-9));
        // Handed over after the follow-ups: validation records the real class.
        assertThat(finishInvalid(loop, p).outcome()).isEqualTo(OutcomeKind.FORBIDDEN_API);
    }

    @Test
    void aSpentBudgetPausesTheRunWithOneRecordAndLaterSlotsAreSkipped() {
        LoopService loop = loop(llm(0.0001));
        Events.Planned first = loop.plan("broke", "0");
        Events.Planned second = loop.plan("broke", "1");

        assertThat(requests).isEmpty();
        assertThat(first.experimentId()).isNotNull();
        assertThat(first.planOutcome()).isEqualTo("PLANNER_ERROR");
        assertThat(finishInvalid(loop, first).message()).startsWith("budget spent").contains("the run pauses");
        assertThat(second.experimentId()).isNull();
        assertThat(second.planOutcome()).isEqualTo(Events.Planned.SKIPPED);
        assertThat(second.planMessage()).contains("the run is paused: budget spent");
        ObjectNode state = Json.MAPPER.valueToTree(second);
        state.set("validation", Json.MAPPER.valueToTree(loop.validate(second)));
        Events.Recorded skipped = loop.record(Json.read(state.toString(), Events.RecordEvent.class));
        assertThat(skipped.experimentId()).isNull();
        assertThat(Json.write(skipped)).doesNotContain("experimentId");

        RunSummary run = store.getRun("broke");
        assertThat(run.paused()).isTrue();
        assertThat(run.pauseReason()).startsWith("budget spent");
        assertThat(run.finished()).isEqualTo(1);
        store.setPaused("broke", false);
        assertThat(store.getRun("broke").pauseReason()).isNull();
    }

    /** Proposes the given sources in order. */
    record Scripted(Deque<String> sources) implements Planner {
        @Override
        public String id() {
            return "scripted/1";
        }

        @Override
        public Candidate plan(PlanRequest request) {
            return Candidate.proposed(sources.poll(), null, "try", id(), Cost.ZERO, List.of());
        }
    }

    @Test
    void theSameSourceAgainIsRecordedAsADuplicatePointingAtTheOriginalAndIsNotEvaluated() {
        String broken = "public class Broken implements codeclab.codec.Codec { int x = ; }\n";
        LoopService loop = loop(new Scripted(new ArrayDeque<>(List.of(broken, "// same thing\npublic  class Broken implements\n"
                + "  codeclab.codec.Codec {\n  int x = ;\n}\n"))));
        Experiment original = finishInvalid(loop, loop.plan("dups", "0"));
        Events.Planned again = loop.plan("dups", "1");
        Experiment dup = finishInvalid(loop, again);

        assertThat(original.outcome()).isEqualTo(OutcomeKind.COMPILE_ERROR);
        assertThat(again.sourceKey()).isNull();
        assertThat(again.planOutcome()).isEqualTo("DUPLICATE");
        assertThat(dup.outcome()).isEqualTo(OutcomeKind.DUPLICATE);
        assertThat(dup.status()).isEqualTo(ExperimentStatus.INVALID);
        assertThat(dup.message()).contains("duplicate of experiment " + original.experimentId()).contains("not evaluated again");
        assertThat(dup.sourceHash()).isNotNull().isNotEqualTo(original.sourceHash());
        assertThat(dup.sourceFingerprint()).isEqualTo(original.sourceFingerprint());
        // The next prompt's lessons carry it.
        assertThat(new StoreHistory(store, artifacts, "dups").latestFailurePerKind()).extracting(Program::outcome)
                .containsExactly(OutcomeKind.DUPLICATE, OutcomeKind.COMPILE_ERROR);
    }

    @Test
    void completedExperimentsRankByBdRateWhetherOrNotTheyReachTheTarget() {
        LoopService loop = loop(new Scripted(new ArrayDeque<>(List.of("class A {}", "class B {}", "class C {}"))));
        String run = "ranks";
        String noTarget = loop.plan(run, "0").experimentId();
        String goodRatio = loop.plan(run, "1").experimentId();
        String unmeasured = loop.plan(run, "2").experimentId();
        store.finish(run, noTarget, FinalResult.ok(-5.0, null, null, null), "r1");
        store.finish(run, goodRatio, FinalResult.ok(12.0, 90.0, 100.0, null), "r2");
        store.finish(run, unmeasured, FinalResult.ok(null, null, null, null), "r3");

        assertThat(new StoreHistory(store, artifacts, run).best(10)).extracting(Program::id)
                .containsExactly(noTarget, goodRatio, unmeasured);
    }

    @Test
    void aPlanStepThatTimedOutIsThePlannersFailureNotACodecTimeout() {
        LoopService loop = loop(new Scripted(new ArrayDeque<>()));
        Events.Recorded r = loop.record(new Events.RecordEvent("hung", "0", null, null, null, null, null, null,
                new Events.TaskError("States.Timeout", "Task timed out after 660.00 seconds")));
        Experiment e = store.get("hung", r.experimentId());

        assertThat(e.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(e.message()).contains("the Plan step timed out before the planner answered").contains("States.Timeout")
                .contains("--plan-timeout");
    }
}
