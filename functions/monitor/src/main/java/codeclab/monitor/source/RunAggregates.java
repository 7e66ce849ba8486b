package codeclab.monitor.source;

import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The run item's atomic counters, as the record stage maintains them. Reading them is O(1) whatever the
 * run's size; the monitor takes its counts and rates from here, never from a scan.
 *
 * @param runId            the run
 * @param startedAt        when the run started (iteration 1)
 * @param byStatus         experiments per current status (non-final ones included)
 * @param byOutcome        final experiments per outcome
 * @param completed        experiments with status COMPLETED and a ratio to baseline
 * @param ratioSum         sum of the completed experiments' bitrate ratios to baseline
 * @param bestRatio        lowest ratio so far, or null when none completed
 * @param bestExperimentId the experiment that holds {@code bestRatio}, or null
 * @param paused           the loop is paused for this run
 */
public record RunAggregates(String runId, Instant startedAt, Map<ExperimentStatus, Long> byStatus,
                            Map<OutcomeKind, Long> byOutcome, long completed, double ratioSum,
                            Double bestRatio, String bestExperimentId, boolean paused) {

    public RunAggregates {
        byStatus = byStatus.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byStatus));
        byOutcome = byOutcome.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byOutcome));
    }

    /** Counters of a run that is not paused. */
    public RunAggregates(String runId, Instant startedAt, Map<ExperimentStatus, Long> byStatus,
                         Map<OutcomeKind, Long> byOutcome, long completed, double ratioSum, Double bestRatio,
                         String bestExperimentId) {
        this(runId, startedAt, byStatus, byOutcome, completed, ratioSum, bestRatio, bestExperimentId, false);
    }

    public long count(ExperimentStatus s) {
        return byStatus.getOrDefault(s, 0L);
    }

    public long count(OutcomeKind k) {
        return byOutcome.getOrDefault(k, 0L);
    }

    /** Experiments in a final status. */
    public long finished() {
        return byStatus.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Mean ratio of the completed experiments, or null when none. */
    public Double averageRatio() {
        return completed == 0 ? null : ratioSum / completed;
    }
}
