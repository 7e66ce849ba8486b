package codeclab.monitor.store;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentIds;
import codeclab.store.FinalResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor on the store (dynalite) as a run grows: every run of it counts every experiment. This 500-item version
 * runs in the suite; that its time grows with what is new, not with the history, is measured by
 * {@link StoreMonitorScaleBench} (the 1k / 20k figures of docs/BENCHMARKS.md).
 */
class StoreMonitorScaleTest {

    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    /** Times in ms: load, first monitor run (whole history), run after +fresh new, run with nothing new. */
    record Times(int history, int fresh, long loadMs, long firstMs, long incrementalMs, long idleMs) {
        @Override
        public String toString() {
            return String.format("| %,d | %,d | %d ms | %d ms | %d ms | %d ms |", history, fresh, loadMs, firstMs,
                    incrementalMs, idleMs);
        }
    }

    static Times measure(EmbeddedDynamo dynamo, String run, int history, int fresh) {
        MutableClock clock = new MutableClock(T0);
        DynamoConfig config = DynamoConfig.local(dynamo.endpoint());
        try (var client = DynamoExperimentStore.client(config)) {
            var store = new DynamoExperimentStore(client, config, clock).createTables();
            Random rnd = new Random(7);
            List<Experiment> finals = new ArrayList<>(history);
            for (int i = 0; i < history; i++) {
                Instant c = T0.plusSeconds(6L * i);
                boolean ok = rnd.nextDouble() < 0.8;
                OutcomeKind k = ok ? OutcomeKind.OK : OutcomeKind.COMPILE_ERROR;
                finals.add(new Experiment(run, ExperimentIds.next(c), ExperimentStatus.finalFor(k), k,
                        ok ? null : "Codec.java:" + rnd.nextInt(200) + ": error: cannot find symbol", "evo", null, "h",
                        null, null, c, c.plusSeconds(5), ok ? -3.0 : null, ok ? 300 + 900 * rnd.nextDouble() : null,
                        ok ? 1000.0 : null, 0));
            }
            long t = System.nanoTime();
            store.loadFinished(run, T0, finals);
            long load = ms(t);
            Operations ops = new Operations(store, null, ScheduleControl.NONE, clock);
            clock.set(T0.plusSeconds(6L * history + 3600));

            t = System.nanoTime();
            var first = ops.monitor(run, MonitorConfig.defaults(), null, null);
            long firstMs = ms(t);
            assertThat(first.report().analysis().finished()).isEqualTo(history);

            for (int i = 0; i < fresh; i++) {
                Instant c = clock.instant().plusSeconds(i);
                Experiment e = new Experiment(run, ExperimentIds.next(c), ExperimentStatus.PLANNED, null, null, "evo",
                        null, "h", null, null, c, null, null, null, null, 0);
                store.plan(e);
                store.finish(run, e.experimentId(), FinalResult.ok(-4.0, 250.0 + i, 1000.0, null), "k" + i);
            }
            clock.advance(Duration.ofHours(1));
            t = System.nanoTime();
            var second = ops.monitor(run, MonitorConfig.defaults(), null, null);
            long incMs = ms(t);
            assertThat(second.report().analysis().finished()).isEqualTo(history + fresh);

            clock.advance(Duration.ofHours(1));
            t = System.nanoTime();
            var idle = ops.monitor(run, MonitorConfig.defaults(), null, null);
            long idleMs = ms(t);
            assertThat(idle.report().analysis().finished()).isEqualTo(history + fresh);
            return new Times(history, fresh, load, firstMs, incMs, idleMs);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void monitorRunsOnAFiveHundredItemRunCountEveryExperimentAsTheRunGrows() {
        // the counts are asserted in measure(); the times are printed, and benchmarked by StoreMonitorScaleBench
        // (docs/BENCHMARKS.md): a timing assertion here failed whenever the build machine was loaded
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.inMemory()) {
            Times t = measure(dynamo, "scale-500", 500, 50);
            System.out.println("store monitor scale " + t);
            assertThat(t.history()).isEqualTo(500);
        }
    }
}
