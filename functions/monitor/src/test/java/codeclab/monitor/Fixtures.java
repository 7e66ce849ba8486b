package codeclab.monitor;

import codeclab.core.Experiment;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.monitor.source.InMemoryMonitorSource;

import java.time.Duration;
import java.time.Instant;

/** Small constructed histories: a run started at T0, experiments finishing at given minutes. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2025-10-17T06:50:00Z");
    public static final double BASE = 10_000; // kbps: the plan's 10 Mbps baseline
    public static final String RUN = "run-1";

    private final InMemoryMonitorSource source = new InMemoryMonitorSource().startRun(RUN, T0);
    private int n;

    public InMemoryMonitorSource source() {
        return source;
    }

    public static Instant at(double minutes) {
        return T0.plus(Duration.ofSeconds(Math.round(minutes * 60)));
    }

    private String nextId() {
        return String.format("exp-%05d", ++n);
    }

    /**
     * A completed experiment with the given ratio to the 10 Mbps baseline, finished at minute {@code m}; its BD-rate
     * is (ratio - 1) x 100 % and its source is its own.
     */
    public Fixtures completed(double m, double ratio) {
        return completed(m, ratio, null);
    }

    /** As {@link #completed(double, double)} with a given source hash (null: a source of its own). */
    public Fixtures completed(double m, double ratio, String sourceHash) {
        Instant end = at(m);
        String id = nextId();
        source.put(new Experiment(RUN, id, ExperimentStatus.COMPLETED, OutcomeKind.OK, null, "evo-1", null, "h",
                sourceHash == null ? "src-" + id : sourceHash, "eval", end.minusSeconds(60), end, (ratio - 1) * 100,
                ratio * BASE, BASE, 0));
        return this;
    }

    /** Completed experiments at the given ratios, evenly spread between minutes {@code from} and {@code to}. */
    public Fixtures series(double from, double to, double... ratios) {
        for (int i = 0; i < ratios.length; i++) {
            completed(from + (to - from) * (i + 1) / ratios.length, ratios[i]);
        }
        return this;
    }

    public Fixtures failed(double m, OutcomeKind kind, String message) {
        Instant end = at(m);
        String id = nextId();
        source.put(new Experiment(RUN, id, ExperimentStatus.finalFor(kind), kind, message, "evo-1", null, "h",
                kind == OutcomeKind.PLANNER_ERROR || kind == OutcomeKind.INVALID_RESPONSE ? null : "src-" + id, null,
                end.minusSeconds(60), end, null, null, null, 0));
        return this;
    }

    public Fixtures failures(int count, double m, OutcomeKind kind, String message) {
        for (int i = 0; i < count; i++) {
            failed(m + i * 0.01, kind, message);
        }
        return this;
    }

    public Fixtures inFlight(double createdMinute) {
        source.put(new Experiment(RUN, nextId(), ExperimentStatus.PLANNED, null, null, "evo-1", null, "h",
                null, null, at(createdMinute), null, null, null, null, 0));
        return this;
    }

    /** One monitor run over the history at {@code minutes} after the start, with default config. */
    public codeclab.monitor.report.Report report(double minutes) {
        return report(MonitorConfig.defaults(), minutes);
    }

    public codeclab.monitor.report.Report report(MonitorConfig config, double minutes) {
        return new MonitorService(source, new codeclab.monitor.source.InMemoryMonitorStateStore(), config, null, null, null)
                .run(RUN, at(minutes));
    }

    public Fixtures raw(Experiment e) {
        source.put(e);
        return this;
    }
}
