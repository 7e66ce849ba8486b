package codeclab.monitor.analysis;

import codeclab.core.OutcomeKind;
import codeclab.core.RunCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one run at one instant: the plan's hourly checklist, computed. Plain data; the rules, the
 * report and the metrics all read it. Counts come from {@link RunCounts} (the one definition every surface uses);
 * the score is the BD-rate vs x264 (lower is better), the bitrate-at-target ratio is the second figure.
 *
 * @param runId             the run
 * @param now               when it was computed
 * @param startedAt         run start
 * @param hoursSinceStart   elapsed hours
 * @param paused            the loop is paused for this run (nothing new will be planned until resumed)
 * @param counts            planned / in flight / finished / completed / measured / failed by outcome
 * @param completedLastHour completed experiments finished in the last hour
 * @param averageBdRate     mean BD-rate of the measured experiments, or null
 * @param averageRatio      mean bitrate-at-target ratio to x264 of the completed experiments that reached it, or null
 * @param best              the best score so far, or null when nothing was measured
 * @param progress          the best against the run's own start and over the recent window
 * @param baselineKbps      latest measured x264 bitrate at target quality, or null
 * @param results           how varied the completed results and their sources are
 * @param timeouts          timeouts by cause
 * @param trend             the trend of the score
 * @param bestSoFar         the best-so-far curve
 * @param hourly            per elapsed hour: finished, completed, measured, mean and min BD-rate
 * @param errors            failure groups by normalised signature, most frequent first
 * @param recentOutcomes    outcomes of the last finished experiments, oldest first
 * @param learning          later experiments against earlier ones
 * @param activity          when the loop last did something
 * @param dataQuality       the audit of this run
 */
public record Analysis(String runId, Instant now, Instant startedAt, double hoursSinceStart, boolean paused,
                       RunCounts counts, long completedLastHour, Double averageBdRate, Double averageRatio, Score best, Progress progress,
                       Double baselineKbps, Results results, TimeoutCause.Split timeouts, Trend trend,
                       List<RunSummary.BestPoint> bestSoFar, List<HourPoint> hourly,
                       List<RunSummary.ErrorGroup> errors, List<OutcomeKind> recentOutcomes, Learning learning,
                       Activity activity, DataQuality.Audit dataQuality) {

    public Analysis {
        bestSoFar = List.copyOf(bestSoFar);
        hourly = List.copyOf(hourly);
        errors = List.copyOf(errors);
        recentOutcomes = List.copyOf(recentOutcomes);
    }

    /** One elapsed hour (1 = the first hour). */
    public record HourPoint(int hour, long finished, long completed, long cumulativeCompleted, long measured,
                            Double averageBdRate, Double minBdRate) {
    }

    /**
     * A score as the reports show it: BD-rate first, the bitrate at target as the second figure.
     *
     * @param ratio bitrate at target / x264's, or null when it did not reach the target
     * @param kbps  bitrate at target, or null
     */
    public record Score(String experimentId, double bdRate, Double ratio, Double kbps) {
        @Override
        public String toString() {
            String s = String.format(java.util.Locale.ROOT, "%+.1f %% BD-rate", bdRate);
            if (ratio != null) {
                s += String.format(java.util.Locale.ROOT, " (%.3fx x264 at target%s)", ratio,
                        kbps == null ? "" : String.format(java.util.Locale.ROOT, ", %.0f kbps", kbps));
            }
            return s;
        }
    }

    /**
     * The plan's "progress", judged on the run's own scale.
     *
     * @param startWindow        how many measured experiments make the start
     * @param startBest          the best BD-rate of the start (seeds and first generation), or null
     * @param improvementOnStart startBest - best, in percentage points (positive = better than the start), or null
     * @param window             the headline window (measured experiments)
     * @param bestBeforeWindow   the best before the last {@code window} measured experiments, or null
     * @param improvementInWindow the headline: bestBeforeWindow - best (points gained over the last window), or null
     *                           while fewer than {@code window} + 1 experiments were measured
     * @param recentBest         the best BD-rate among the last {@code window} measured experiments, or null
     */
    public record Progress(int startWindow, Double startBest, Double improvementOnStart, int window,
                           Double bestBeforeWindow, Double improvementInWindow, Double recentBest) {

        /** "best -23.4 %: 12.1 pp better than the run's start (-11.3 %); +2.0 pp over the last 10". */
        public String describe() {
            if (startBest == null) {
                return "nothing measured yet";
            }
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%.1f pp better than the run's start (best of its first %d measured: %+.1f %%)",
                    improvementOnStart, startWindow, startBest));
            b.append(improvementInWindow == null ? "; fewer than " + (window + 1) + " measured, no headline yet"
                    : String.format(java.util.Locale.ROOT, "; %+.1f pp over the last %d measured", improvementInWindow, window));
            return b.toString();
        }
    }

    /**
     * How varied the results are, and whether the code behind them was.
     *
     * @param valued           completed experiments with a result (BD-rate or ratio)
     * @param unique           distinct results among them (after rounding to the tolerance)
     * @param saturated        true when {@code unique} is a lower bound
     * @param sources          distinct source hashes among the finished experiments
     * @param completedSources distinct source hashes among the valued ones
     * @param repeatedSources  finished experiments that re-submitted a source already tried
     */
    public record Results(long valued, long unique, boolean saturated, long sources, long completedSources,
                          long repeatedSources) {
        /** Every valued result identical. */
        public boolean allIdentical(long atLeast) {
            return valued >= atLeast && unique == 1;
        }
    }

    /**
     * @param lastFinishedAt the latest finish, or null
     * @param lastCreatedAt  the latest creation among the experiments in flight, or null
     * @param idle           since the later of those (or the run's start), nothing finished and nothing started
     * @param stalled        idle for longer than the configured stall time while not paused
     */
    public record Activity(Instant lastFinishedAt, Instant lastCreatedAt, Duration idle, boolean stalled) {
    }

    /**
     * "Evidence of learning": the later half of the trend window beats the earlier half (lower BD-rates), by a
     * one-sided Mann&ndash;Whitney U test held to the same alpha-spending level as the trend.
     */
    public record Learning(int earlier, int later, Double medianEarlier, Double medianLater, double pValue,
                           double level, boolean evident) {
    }

    public long finished() {
        return counts.finished();
    }

    public long completed() {
        return counts.completed();
    }

    public long measured() {
        return counts.measured();
    }

    public long inFlight() {
        return counts.inFlight();
    }

    public Map<OutcomeKind, Long> byOutcome() {
        return counts.failedByOutcome();
    }

    public double timeoutRate() {
        return counts.timeoutRate();
    }

    public double validationFailureRate() {
        return counts.validationFailureRate();
    }

    public long validationFailures() {
        return counts.validationFailures();
    }

    /** The most frequent error group, or null. */
    public RunSummary.ErrorGroup topError() {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
