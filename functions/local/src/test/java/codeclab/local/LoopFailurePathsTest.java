package codeclab.local;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.handlers.PlanHandler;
import codeclab.handlers.RecordHandler;
import codeclab.handlers.ValidateHandler;
import codeclab.handlers.ExecuteHandler;
import codeclab.local.asl.StateMachineExecutor;
import codeclab.loop.Json;
import codeclab.loop.LoopConfig;
import codeclab.loop.LoopFactory;
import codeclab.loop.LoopService;
import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import codeclab.store.NotFoundException;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input on every handler gives a clear error; through the state machine it is recorded and the loop goes on. */
class LoopFailurePathsTest {

    @TempDir
    static Path dir;
    private static EmbeddedDynamo dynamo;
    private static DynamoExperimentStore store;
    private static LoopService loop;

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        loop = LoopFactory.create(store, new FileArtifactStore(dir.resolve("artifacts")), new EvolutionaryPlanner(),
                LoopConfig.defaults().withClipSet("tiny"), dir, null);
    }

    @AfterAll
    static void stop() {
        store.close();
        dynamo.close();
    }

    private static Map<String, Object> event(String json) {
        return Json.MAPPER.convertValue(Json.read(json, JsonNode.class), new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void planWithoutARunIdSaysWhatIsMissing() {
        assertThatThrownBy(() -> new PlanHandler(loop).handleRequest(event("{\"slot\":\"0\"}"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the event has no runId");
        assertThatThrownBy(() -> new PlanHandler(loop).handleRequest(event("{\"runId\":\"a b\"}"), null))
                .hasMessageContaining("runId 'a b' must be");
    }

    @Test
    void validateWithAPointerToAMissingObjectNamesTheKey() {
        assertThatThrownBy(() -> new ValidateHandler(loop).handleRequest(
                event("{\"runId\":\"r\",\"experimentId\":\"e\",\"sourceKey\":\"code/" + "0".repeat(64) + "\"}"), null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("code/" + "0".repeat(64));
    }

    @Test
    void executeWithoutSourceSaysSo() {
        assertThatThrownBy(() -> new ExecuteHandler(loop).handleRequest(event("{\"runId\":\"r\",\"experimentId\":\"e1\"}"), null))
                .hasMessageContaining("execute needs a sourceKey").hasMessageContaining("e1");
    }

    @Test
    void recordOfAnUnknownRunOrExperimentNamesIt() {
        assertThatThrownBy(() -> new RecordHandler(loop).handleRequest(
                event("{\"runId\":\"nope\",\"experimentId\":\"x1\",\"validation\":{\"valid\":false,\"outcome\":\"COMPILE_ERROR\"}}"), null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("x1");
    }

    @Test
    void oversizedPayloadsAreRefusedWithTheLimit() {
        Map<String, Object> big = new HashMap<>(event("{\"runId\":\"r\"}"));
        big.put("junk", "x".repeat(300_000));
        assertThatThrownBy(() -> new PlanHandler(loop).handleRequest(big, null))
                .hasMessageContaining("must stay under 262144");
    }

    @Test
    void aPlannerThatThrowsStillYieldsARecordedExperimentWithItsId() {
        codeclab.planner.Planner broken = new codeclab.planner.Planner() {
            @Override
            public String id() {
                return "broken/1";
            }

            @Override
            public codeclab.planner.Candidate plan(codeclab.planner.PlanRequest request) {
                throw new IllegalStateException("index out of range in the genome table");
            }
        };
        LoopService brokenLoop = LoopFactory.create(store, new FileArtifactStore(dir.resolve("artifacts")), broken,
                LoopConfig.defaults().withClipSet("tiny"), dir, null);
        var planned = brokenLoop.plan("broken-planner", "0");
        assertThat(planned.experimentId()).isNotNull();
        assertThat(planned.planOutcome()).isEqualTo("PLANNER_ERROR");
        var validation = brokenLoop.validate(planned);
        var recorded = brokenLoop.record(new codeclab.loop.Events.RecordEvent(planned.runId(), "0", planned.experimentId(),
                null, planned.planOutcome(), planned.planMessage(), validation, null, null));
        Experiment e = store.get("broken-planner", recorded.experimentId());
        assertThat(e.outcome()).isEqualTo(OutcomeKind.PLANNER_ERROR);
        assertThat(e.message()).contains("index out of range in the genome table");
        assertThat(store.getRun("broken-planner").finished()).isEqualTo(1);
    }

    @Test
    void theScheduleWordCurrentFollowsTheCurrentRunPointerThroughPlanAndRecord() {
        store.createRun("night-7", java.time.Instant.now());
        store.setCurrentRun("night-7");
        var planned = loop.plan("current", "0");
        assertThat(planned.runId()).isEqualTo("night-7");
        // A Record reached straight from a failed Plan still carries the word: it resolves it the same way.
        var recorded = loop.record(new codeclab.loop.Events.RecordEvent("current", "0", null, null, null, null, null, null,
                new codeclab.loop.Events.TaskError("States.TaskFailed", "planner crashed")));
        assertThat(recorded.runId()).isEqualTo("night-7");
        assertThat(store.get("night-7", recorded.experimentId()).outcome()).isEqualTo(OutcomeKind.INTERNAL_ERROR);
    }

    @Test
    void aBrokenPointerIsRecordedAsAFailureAndTheGenerationGoesOn() {
        AtomicBoolean corrupted = new AtomicBoolean();
        Function<JsonNode, JsonNode> plan = adapt(new PlanHandler(loop));
        Map<String, Function<JsonNode, JsonNode>> handlers = Map.of(
                "Plan", in -> {
                    JsonNode out = plan.apply(in);
                    // The first slot's pointer goes nowhere, as after a lost artifact.
                    return corrupted.compareAndSet(false, true) ? ((ObjectNode) out).put("sourceKey", "code/" + "f".repeat(64)) : out;
                },
                "Validate", adapt(new ValidateHandler(loop)),
                "Execute", adapt(new ExecuteHandler(loop)),
                "Record", adapt(new RecordHandler(loop)));
        LocalStateMachine machine = new LocalStateMachine(LocalStateMachine.bundledDefinition(), handlers,
                StateMachineExecutor.Options.defaults().withRetryTimeScale(0));
        var result = machine.execute("g1", Json.read("{\"runId\":\"broken\",\"slots\":[0,1]}", JsonNode.class));
        assertThat(result).isInstanceOf(StateMachineExecutor.Succeeded.class);
        List<Experiment> all = store.all("broken");
        assertThat(all).hasSize(2).allSatisfy(e -> assertThat(e.status().isFinal()).isTrue());
        assertThat(all).filteredOn(e -> e.outcome() == OutcomeKind.INTERNAL_ERROR).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("NotFoundException").contains("f".repeat(64)));
        assertThat(all).filteredOn(e -> e.status() == ExperimentStatus.COMPLETED).hasSize(1);
        // The loop continues: the next generation runs normally.
        machine.execute("g2", Json.read("{\"runId\":\"broken\",\"slots\":[0]}", JsonNode.class));
        assertThat(store.getRun("broken").finished()).isEqualTo(3);
    }

    private static Function<JsonNode, JsonNode> adapt(RequestHandler<Map<String, Object>, Map<String, Object>> h) {
        return in -> Json.MAPPER.valueToTree(h.handleRequest(Json.MAPPER.convertValue(in, new TypeReference<Map<String, Object>>() { }), null));
    }
}
