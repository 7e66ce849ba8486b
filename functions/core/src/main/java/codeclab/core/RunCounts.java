package codeclab.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one definition of a run's counts, computed from its experiments, so that the CLI summary, the monitor, the
 * review, the site and the email say the same numbers:
 * <ul>
 *   <li><b>planned</b>: every experiment the planner produced (any status);</li>
 *   <li><b>in flight</b>: not yet in a final status (planned, validated or executed);</li>
 *   <li><b>finished</b>: in a final status; finished = completed + failed;</li>
 *   <li><b>completed</b>: status COMPLETED (compiled, ran and was measured), whether or not it reached the target
 *       quality or has a BD-rate;</li>
 *   <li><b>measured</b>: completed with a BD-rate ({@link Experiment#bdRatePercent()}), the score that ranks;</li>
 *   <li><b>at target</b>: completed with a bitrate at the target quality (the second figure);</li>
 *   <li><b>failed</b>: finished but not completed (INVALID, FAILED or TIMED_OUT), per outcome kind in
 *       {@link #failedByOutcome()} (a final experiment without an outcome counts under none);</li>
 *   <li><b>invalid</b>, <b>timed out</b>: the statuses INVALID and TIMED_OUT.</li>
 * </ul>
 * Immutable; {@link #plus(Experiment)} folds one more experiment in, so an incremental reader (the monitor)
 * gets the same numbers as {@link #of(Iterable)} over the whole list.
 */
public record RunCounts(long planned, long inFlight, long finished, long completed, long measured, long atTarget,
                        long invalid, long timedOut, Map<OutcomeKind, Long> failedByOutcome) {

    public static final RunCounts EMPTY = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public RunCounts {
        if (planned < 0 || inFlight < 0 || finished < 0 || completed < 0 || measured < 0 || atTarget < 0
                || invalid < 0 || timedOut < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        EnumMap<OutcomeKind, Long> m = new EnumMap<>(OutcomeKind.class);
        if (failedByOutcome != null) {
            failedByOutcome.forEach((k, v) -> {
                if (v != null && v > 0) m.put(k, v);
            });
        }
        failedByOutcome = Collections.unmodifiableMap(m);
    }

    /** The counts of these experiments. */
    public static RunCounts of(Iterable<Experiment> experiments) {
        RunCounts c = EMPTY;
        for (Experiment e : experiments) {
            c = c.plus(e);
        }
        return c;
    }

    /** These counts with one more experiment. */
    public RunCounts plus(Experiment e) {
        ExperimentStatus s = e.status();
        boolean fin = s != null && s.isFinal();
        boolean done = e.completed();
        EnumMap<OutcomeKind, Long> by = new EnumMap<>(OutcomeKind.class);
        by.putAll(failedByOutcome);
        if (fin && !done && e.outcome() != null) {
            by.merge(e.outcome(), 1L, Long::sum);
        }
        return new RunCounts(planned + 1, inFlight + (fin ? 0 : 1), finished + (fin ? 1 : 0),
                completed + (done ? 1 : 0),
                measured + (done && e.bdRatePercent() != null && !e.bdRatePercent().isNaN() ? 1 : 0),
                atTarget + (done && e.bitrateAtTargetKbps() != null ? 1 : 0),
                invalid + (s == ExperimentStatus.INVALID ? 1 : 0),
                timedOut + (s == ExperimentStatus.TIMED_OUT ? 1 : 0), by);
    }

    /** Both sets of counts together (e.g. the finished ones folded earlier and the ones in flight now). */
    public RunCounts plus(RunCounts o) {
        EnumMap<OutcomeKind, Long> by = new EnumMap<>(OutcomeKind.class);
        by.putAll(failedByOutcome);
        o.failedByOutcome.forEach((k, v) -> by.merge(k, v, Long::sum));
        return new RunCounts(planned + o.planned, inFlight + o.inFlight, finished + o.finished,
                completed + o.completed, measured + o.measured, atTarget + o.atTarget, invalid + o.invalid,
                timedOut + o.timedOut, by);
    }

    /** Finished but not completed: INVALID, FAILED or TIMED_OUT. */
    public long failed() {
        return finished - completed;
    }

    /** Failed experiments of one outcome kind. */
    public long failed(OutcomeKind k) {
        return failedByOutcome.getOrDefault(k, 0L);
    }

    /** Validation failures (compile errors, forbidden APIs: {@link OutcomeKind#isValidationFailure()}). */
    public long validationFailures() {
        return failedByOutcome.entrySet().stream().filter(e -> e.getKey().isValidationFailure())
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Completed but without a BD-rate (not measurable, e.g. too little overlap with x264). */
    public long completedUnmeasured() {
        return completed - measured;
    }

    /** TIMED_OUT / finished, 0 when nothing finished. */
    public double timeoutRate() {
        return rate(timedOut);
    }

    /** Validation failures / finished, 0 when nothing finished. */
    public double validationFailureRate() {
        return rate(validationFailures());
    }

    /** Failed / finished, 0 when nothing finished. */
    public double failureRate() {
        return rate(failed());
    }

    private double rate(long n) {
        return finished == 0 ? 0 : (double) n / finished;
    }

    /**
     * One line every surface prints the same way, e.g.
     * {@code "20 planned, 1 in flight, 19 finished: 12 completed (10 measured), 7 failed (5 COMPILE_ERROR, 2 TIMEOUT)"}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(planned).append(" planned, ").append(inFlight).append(" in flight, ").append(finished)
                .append(" finished: ").append(completed).append(" completed (").append(measured).append(" measured)")
                .append(", ").append(failed()).append(" failed");
        if (!failedByOutcome.isEmpty()) {
            b.append(failedByOutcome.entrySet().stream()
                    .sorted(Map.Entry.<OutcomeKind, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> String.format(Locale.ROOT, "%d %s", e.getValue(), e.getKey()))
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        return b.toString();
    }
}
