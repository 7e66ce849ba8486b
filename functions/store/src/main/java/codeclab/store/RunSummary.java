package codeclab.store;

import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;

import java.time.Instant;
import java.util.Map;

/**
 * A run's item: atomic counters over its recorded experiments and the best so far.
 *
 * @param runId            the run
 * @param startedAt        when the run was created
 * @param paused           true while the loop is paused
 * @param finished         experiments recorded in a final status
 * @param completed        experiments recorded COMPLETED
 * @param byOutcome        recorded experiments by outcome (kinds never seen are absent)
 * @param byStatus         recorded experiments by final status
 * @param ratioSum         sum of bitrate-at-target ratios to x264 over completed experiments that have one
 * @param ratioCount       how many ratios are in {@code ratioSum}
 * @param bdRateSum        sum of BD-rates over experiments that have one
 * @param bdRateCount      how many BD-rates are in {@code bdRateSum}
 * @param costUsdSum       planner cost of the recorded experiments
 * @param bestBdRate       the run's best-so-far score: the lowest promotable BD-rate (PSNR-Y, percent), or null
 * @param bestRatio        the bitrate-at-target ratio of that best experiment (a second figure), or null when it
 *                         has none
 * @param bestExperimentId experiment holding {@code bestBdRate}, or null
 * @param monitorState     the monitor's opaque state (JSON), or null
 * @param plannerHints     notes for the planner's next prompts
 * @param pauseReason      why the loop paused itself (e.g. the LLM budget is spent), or null (running, or paused by hand)
 * @param plannerSpend     the planner's money and tokens over every model call of the run
 */
public record RunSummary(String runId, Instant startedAt, boolean paused, long finished, long completed,
                         Map<OutcomeKind, Long> byOutcome, Map<ExperimentStatus, Long> byStatus,
                         double ratioSum, long ratioCount, double bdRateSum, long bdRateCount, double costUsdSum,
                         Double bestBdRate, Double bestRatio, String bestExperimentId, String monitorState,
                         java.util.List<String> plannerHints, String pauseReason, PlannerSpend plannerSpend) {

    public RunSummary {
        plannerSpend = plannerSpend == null ? PlannerSpend.NONE : plannerSpend;
        plannerHints = plannerHints == null ? java.util.List.of() : java.util.List.copyOf(plannerHints);
        byOutcome = Map.copyOf(byOutcome);
        byStatus = Map.copyOf(byStatus);
    }

    public long count(OutcomeKind outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    public long count(ExperimentStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Mean ratio to x264 over completed experiments with a ratio, or null when none. */
    public Double averageRatio() {
        return ratioCount == 0 ? null : ratioSum / ratioCount;
    }

    /** Mean BD-rate, or null when none. */
    public Double averageBdRate() {
        return bdRateCount == 0 ? null : bdRateSum / bdRateCount;
    }
}
