package codeclab.monitor.analysis;

import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one run at one instant: the plan's hourly checklist, computed. Plain data; the rules, the
 * report and the metrics all read it.
 *
 * @param runId               the run
 * @param now                 when it was computed
 * @param startedAt           run start
 * @param hoursSinceStart     elapsed hours
 * @param byStatus            experiments per status
 * @param byOutcome           final experiments per outcome
 * @param finished            experiments in a final status
 * @param inFlight            experiments not yet final
 * @param completed           completed experiments with a bitrate ratio
 * @param completedLastHour   of those, finished in the last hour
 * @param average             mean ratio of the completed ones, or null
 * @param best                lowest ratio, or null
 * @param bestExperimentId    who holds it, or null
 * @param baselineKbps        latest measured x264 bitrate at target quality, or null
 * @param uniqueValues        distinct completed ratios (after rounding to the tolerance)
 * @param uniqueSaturated     true when {@code uniqueValues} is a lower bound
 * @param trend               the trend of the ratios over time
 * @param bestSoFar           the best-so-far curve
 * @param hourly              per elapsed hour: completed, cumulative completed, mean and min ratio
 * @param timeoutRate         TIMED_OUT / finished (0 when none finished)
 * @param validationFailureRate validation failures (compile error, forbidden API) / finished
 * @param validationFailures  their count
 * @param humanNeeded         failures the loop cannot fix by itself (internal / planner errors)
 * @param errors              failure groups by normalised signature, most frequent first
 * @param learning            later experiments against earlier ones
 * @param dataQuality         the audit of this run
 * @param counts              the run's {@link RunCounts} (finished ones folded so far plus those in flight now):
 *                            the numbers every surface prints
 */
public record Analysis(String runId, Instant now, Instant startedAt, double hoursSinceStart,
                       Map<ExperimentStatus, Long> byStatus, Map<OutcomeKind, Long> byOutcome,
                       long finished, long inFlight, long completed, long completedLastHour,
                       Bitrate average, Bitrate best, String bestExperimentId, Double baselineKbps,
                       long uniqueValues, boolean uniqueSaturated, Trend trend,
                       List<RunSummary.BestPoint> bestSoFar, List<HourPoint> hourly,
                       double timeoutRate, double validationFailureRate, long validationFailures, long humanNeeded,
                       List<RunSummary.ErrorGroup> errors, Learning learning, DataQuality.Audit dataQuality,
                       RunCounts counts) {

    public Analysis {
        byStatus = Map.copyOf(byStatus);
        byOutcome = Map.copyOf(byOutcome);
        bestSoFar = List.copyOf(bestSoFar);
        hourly = List.copyOf(hourly);
        errors = List.copyOf(errors);
    }

    /** One elapsed hour (1 = the first hour). */
    public record HourPoint(int hour, long completed, long cumulativeCompleted, Double averageRatio, Double minRatio) {
    }

    /**
     * "Evidence of learning": the later half of the trend window beats the earlier half (lower ratios), by a
     * one-sided Mann&ndash;Whitney U test.
     *
     * @param earlier     experiments in the earlier half
     * @param later       in the later half
     * @param medianEarlier median ratio of the earlier half, or null
     * @param medianLater median ratio of the later half, or null
     * @param pValue      one-sided p-value of "earlier ratios are greater", 1 when unknown
     * @param evident     p &lt; alpha
     */
    public record Learning(int earlier, int later, Double medianEarlier, Double medianLater, double pValue,
                           boolean evident) {
    }

    /** The most frequent error group, or null. */
    public RunSummary.ErrorGroup topError() {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
