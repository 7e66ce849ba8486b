package codeclab.loop;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.Evaluation;
import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.harness.HarnessConfig;
import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.FileArtifactStore;
import codeclab.store.FinalResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The held-out set end to end through the loop's steps: a first good candidate is evaluated on it and promoted, one
 * that is not better skips it, an unconfirmed one is not promoted, and the planner never sees any of it.
 */
class HoldoutLoopTest {

    @TempDir
    static Path dir;
    static EmbeddedDynamo dynamo;
    static DynamoExperimentStore store;
    static FileArtifactStore artifacts;

    /** Proposes the given sources in order and keeps every request it was given. */
    static final class Scripted implements Planner {
        final List<String> sources = new ArrayList<>();
        final List<PlanRequest> requests = new ArrayList<>();

        @Override
        public String id() {
            return "scripted/1";
        }

        @Override
        public Candidate plan(PlanRequest request) {
            requests.add(request);
            return Candidate.proposed(sources.remove(0), null, "try it", id(), Cost.ZERO, List.of());
        }
    }

    @BeforeAll
    static void start() {
        dynamo = EmbeddedDynamo.inMemory();
        store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint())).createTables();
        artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    }

    @AfterAll
    static void stop() {
        store.close();
        dynamo.close();
    }

    private static LoopService loop(Planner planner) {
        LoopConfig config = LoopConfig.defaults().withClipSet("tiny")
                .withHarness(HarnessConfig.defaults().withTargetPsnrY(32));
        return LoopFactory.create(store, artifacts, planner, config, dir, null);
    }

    /** One experiment through plan, validate, execute and record, the state passed as JSON as the state machine does. */
    private static Step step(LoopService loop, String run) {
        Events.Planned p = loop.plan(run, "0");
        Events.Validation v = loop.validate(Json.read(Json.write(p), Events.Planned.class));
        assertThat(v.valid()).as(v.message()).isTrue();
        Events.Execution x = loop.execute(Json.read(Json.write(p), Events.Planned.class));
        ObjectNode state = Json.MAPPER.valueToTree(p);
        state.set("validation", Json.MAPPER.valueToTree(v));
        state.set("execution", Json.MAPPER.valueToTree(x));
        Events.Recorded r = loop.record(Json.read(state.toString(), Events.RecordEvent.class));
        return new Step(p, x, store.get(run, r.experimentId()));
    }

    record Step(Events.Planned planned, Events.Execution execution, Experiment experiment) {
    }

    @Test
    void aFirstGoodCandidateIsConfirmedOnHeldOutClipsAndAWorseOneIsNotEvaluatedThere() {
        Scripted planner = new Scripted();
        // The second is the same codec with an unused constant: measured the same, but not a duplicate.
        planner.sources.addAll(List.of(ReferenceCodecs.asCandidate("InterCodec"),
                ReferenceCodecs.asCandidate("InterCodec").replaceFirst("(class InterCodec[^{]*\\{)", "$1\n    static final int VARIANT = 2;"),
                ReferenceCodecs.asCandidate("IntraDctCodec")));
        LoopService loop = loop(planner);
        String run = "held";

        Step first = step(loop, run);
        assertThat(first.planned().promoteBelow()).isNull();
        assertThat(first.execution().holdoutKey()).isNotNull().isNotEqualTo(first.execution().evaluationKey());
        Evaluation heldOut = Json.read(artifacts.getString(first.execution().holdoutKey()), Evaluation.class);
        assertThat(heldOut.clips()).extracting(c -> c.clipId()).containsExactly("tiny-holdout-1");
        Experiment e1 = first.experiment();
        assertThat(e1.status()).isEqualTo(ExperimentStatus.COMPLETED);
        assertThat(e1.ratioToBaseline()).isNotNull();
        assertThat(e1.holdoutRatio()).isEqualTo(heldOut.ratioToBaseline());
        assertThat(e1.holdoutBdRatePercent()).as(heldOut.bdRateNote()).isEqualTo(heldOut.bdRatePercent()).isNotNull();
        assertThat(e1.holdoutConfirmed()).as("held-out %s vs dev %s", e1.holdoutBdRatePercent(), e1.bdRatePercent()).isTrue();
        assertThat(e1.bdRateOverlapPercent()).isGreaterThanOrEqualTo(75.0);
        assertThat(store.getRun(run).bestExperimentId()).isEqualTo(e1.experimentId());
        assertThat(store.getRun(run).bestBdRate()).isEqualTo(e1.bdRatePercent());
        assertThat(store.getRun(run).bestRatio()).isEqualTo(e1.ratioToBaseline());

        // The same codec again is not better than the best: no held-out evaluation, no promotion, no note.
        Step second = step(loop, run);
        assertThat(second.planned().promoteBelow()).isEqualTo(e1.bdRatePercent());
        assertThat(second.execution().holdoutKey()).isNull();
        assertThat(second.experiment().holdoutRatio()).isNull();
        assertThat(second.experiment().message()).isNull();
        assertThat(store.getRun(run).bestExperimentId()).isEqualTo(e1.experimentId());

        // The planner never sees held-out numbers, clips or notes.
        step(loop, run);
        PlanRequest last = planner.requests.get(2);
        List<Program> seen = new ArrayList<>(last.history().best(10));
        seen.addAll(last.history().recent(10));
        seen.add(last.history().program(e1.experimentId()).orElseThrow());
        assertThat(seen).isNotEmpty().allSatisfy(p -> {
            assertThat(p.experiment().holdoutRatio()).isNull();
            assertThat(p.experiment().holdoutBdRatePercent()).isNull();
            String json = Json.write(p);
            assertThat(json).doesNotContain("tiny-holdout").doesNotContain(heldOut.clips().get(0).clipHash())
                    .doesNotContain(first.execution().holdoutKey().substring("results/".length()));
        });
    }

    @Test
    void anUnconfirmedResultIsStoredWithItsHeldOutNumbersButNeverBecomesTheBest() {
        Scripted planner = new Scripted();
        planner.sources.add(ReferenceCodecs.asCandidate("InterCodec"));
        LoopService loop = loop(planner);
        Events.Planned p = loop.plan("overfit", "0");
        FinalResult fitted = FinalResult.ok(-30.0, 50.0, 100.0, null).withHoldout(40.0, 1.4, false, "not promoted: fitted");
        store.finish("overfit", p.experimentId(), fitted, "record:" + p.experimentId());

        Experiment e = store.get("overfit", p.experimentId());
        assertThat(e.holdoutRatio()).isEqualTo(1.4);
        assertThat(e.holdoutBdRatePercent()).isEqualTo(40.0);
        assertThat(e.holdoutConfirmed()).isFalse();
        assertThat(e.message()).isEqualTo("not promoted: fitted");
        assertThat(store.getRun("overfit").bestBdRate()).isNull();
        assertThat(store.getRun("overfit").bestRatio()).isNull();
        assertThat(store.getRun("overfit").completed()).isEqualTo(1);
        // Its dev numbers still rank it for the planner, without the held-out ones or the note.
        assertThat(new StoreHistory(store, artifacts, "overfit").best(5)).singleElement()
                .satisfies(prog -> assertThat(prog.experiment().message()).isNull())
                .satisfies(prog -> assertThat(prog.experiment().holdoutRatio()).isNull());
    }
}
