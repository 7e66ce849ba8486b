package codeclab.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Every threshold of the operator's plan, immutable, with the plan's values as defaults. The plan's absolute Mbps
 * figures are <em>success criteria</em>, as ratios of the measured x264 bitrate at the same quality on the same
 * clips: its 10 Mbps baseline is 1.0, 5 Mbps is 0.5, the 1 Mbps target is 0.1; the score they are read on is the
 * BD-rate (a ratio r is the BD-rate (r - 1) x 100 %, so 1.0 = 0 %, 0.5 = -50 %, 0.1 = -90 %). The plan's
 * "hopeless" 15 Mbps meant "no better than the broken start", so "hopeless" and "no progress" are judged against
 * the run's own start ({@code startWindow}) and its recent best, never against an absolute multiple of x264.
 * See docs/MONITOR.md for every default and why.
 *
 * @param baselineRatio              "beating the baseline" (plan: 10 Mbps)
 * @param halfBaselineRatio          the 8-hour success bar (plan: 5 Mbps)
 * @param targetRatio                the goal / stretch goal (plan: 1 Mbps)
 * @param timeoutRateLimit           "high timeout rate" above this (plan: 20 %)
 * @param validationFailureRateLimit "many validation failures" above this
 * @param minCompleted               completed experiments before any judgement (plan: "after 5+")
 * @param identicalForPurge          completed, all identical, before purging (plan: "10+ experiments")
 * @param identicalForIssue          completed, all identical, before raising Issue 1
 * @param noProgressAfter            Issue 2: still no experiment under baseline after this many (plan: 10)
 * @param noneCompletingAfter        finished experiments, none completed, before purging
 * @param repeatedErrorCount         the same error signature this many times is "repeated"
 * @param trendAlpha                 significance level of the Mann&ndash;Kendall and Mann&ndash;Whitney tests
 * @param uniqueTolerance            ratios equal after rounding to this step count as one value (0.001 = 0.1 %)
 * @param uniqueCap                  at most this many distinct values are remembered (count saturates)
 * @param trendWindow                the trend and learning tests use the last this-many completed experiments
 * @param errorSignatureCap          at most this many error signatures are remembered (least frequent evicted)
 * @param stuckAfter                 a non-final experiment older than this is stuck (to be marked TIMED_OUT)
 * @param criticalRepeat             an unchanged CRITICAL is re-sent at most once per this period
 * @param digestHourUtc              the morning digest goes out on the first run at or after this UTC hour
 * @param successAfterHours          success criteria become final after this many hours (plan: 8)
 * @param successMinCompleted        lower end of the plan's "20-40 completed experiments"
 * @param successMaxCompleted        upper end of it
 * @param pageSize                   page size when reading new experiments
 * @param dashboardUrl               where the dashboard lives (morning review), or null
 * @param blogUrl                    where the blog lives (morning review), or null
 * @param autoPause                  pause the loop on PURGE_AND_RESTART (off by default)
 * @param plannerHints               hand FIX_CODE reasons to the planner (off by default)
 * @param metricsNamespace           CloudWatch namespace of the EMF metrics
 * @param startWindow                the run's start: its first this-many measured experiments (seeds, first generation)
 * @param minImprovement             BD-rate percentage points the best must gain on the start to count as progress
 * @param hopelessAfter              measured experiments before "hopeless" (no better than the start) may be judged
 * @param headlineWindow             the headline: the best's improvement over the last this-many measured experiments
 * @param trendMinPoints             no trend is claimed from fewer measured experiments (TOO_FEW)
 * @param stallAfter                 a run not paused that finished nothing and started nothing for this long is stalled
 */
public record MonitorConfig(double baselineRatio, double halfBaselineRatio, double targetRatio,
                            double timeoutRateLimit, double validationFailureRateLimit,
                            int minCompleted, int identicalForPurge, int identicalForIssue, int noProgressAfter,
                            int noneCompletingAfter, int repeatedErrorCount, double trendAlpha,
                            double uniqueTolerance, int uniqueCap, int trendWindow, int errorSignatureCap,
                            Duration stuckAfter, Duration criticalRepeat, int digestHourUtc,
                            double successAfterHours, int successMinCompleted, int successMaxCompleted,
                            int pageSize, String dashboardUrl, String blogUrl,
                            boolean autoPause, boolean plannerHints, String metricsNamespace,
                            int startWindow, double minImprovement, int hopelessAfter, int headlineWindow,
                            int trendMinPoints, Duration stallAfter) {

    public MonitorConfig {
        if (!(0 < targetRatio && targetRatio < halfBaselineRatio && halfBaselineRatio < baselineRatio)) {
            throw new IllegalArgumentException("ratios must satisfy 0 < target < half-baseline < baseline, got "
                    + targetRatio + ", " + halfBaselineRatio + ", " + baselineRatio);
        }
        if (startWindow < 1 || hopelessAfter <= startWindow || headlineWindow < 2 || trendMinPoints < 4 || minImprovement < 0) {
            throw new IllegalArgumentException("need startWindow >= 1, hopelessAfter > startWindow, headlineWindow >= 2, "
                    + "trendMinPoints >= 4 and minImprovement >= 0; got " + startWindow + ", " + hopelessAfter + ", "
                    + headlineWindow + ", " + trendMinPoints + ", " + minImprovement);
        }
        Objects.requireNonNull(stallAfter, "stallAfter");
        if (!(trendAlpha > 0 && trendAlpha < 1)) {
            throw new IllegalArgumentException("trendAlpha must be in (0,1), got " + trendAlpha);
        }
        if (digestHourUtc < 0 || digestHourUtc > 23) {
            throw new IllegalArgumentException("digestHourUtc must be 0..23, got " + digestHourUtc);
        }
        if (uniqueTolerance <= 0 || uniqueCap < 1 || trendWindow < 4 || errorSignatureCap < 1 || pageSize < 1) {
            throw new IllegalArgumentException("uniqueTolerance, uniqueCap, trendWindow (>= 4), errorSignatureCap and "
                    + "pageSize must be positive");
        }
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        Objects.requireNonNull(criticalRepeat, "criticalRepeat");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
    }

    /** The plan's values. */
    public static MonitorConfig defaults() {
        return new MonitorConfig(1.0, 0.5, 0.1, 0.20, 0.20,
                5, 10, 3, 10, 5, 3, 0.05,
                0.001, 1000, 512, 200,
                Duration.ofMinutes(30), Duration.ofHours(6), 7,
                8, 20, 40,
                500, null, null,
                false, false, "CodecLab",
                5, 1.0, 15, 10, 10, Duration.ofHours(1));
    }

    /** BD-rate (percent) of a bitrate ratio to x264: 1.0 is 0 %, 0.5 is -50 %. */
    public static double bdRateOf(double ratio) {
        return (ratio - 1) * 100;
    }

    public MonitorConfig withLinks(String dashboard, String blog) {
        return new MonitorConfig(baselineRatio, halfBaselineRatio, targetRatio, timeoutRateLimit,
                validationFailureRateLimit, minCompleted, identicalForPurge, identicalForIssue, noProgressAfter,
                noneCompletingAfter, repeatedErrorCount, trendAlpha, uniqueTolerance, uniqueCap, trendWindow,
                errorSignatureCap, stuckAfter, criticalRepeat, digestHourUtc, successAfterHours, successMinCompleted,
                successMaxCompleted, pageSize, dashboard, blog, autoPause, plannerHints, metricsNamespace,
                startWindow, minImprovement, hopelessAfter, headlineWindow, trendMinPoints, stallAfter);
    }

    public MonitorConfig withActions(boolean pause, boolean hints) {
        return new MonitorConfig(baselineRatio, halfBaselineRatio, targetRatio, timeoutRateLimit,
                validationFailureRateLimit, minCompleted, identicalForPurge, identicalForIssue, noProgressAfter,
                noneCompletingAfter, repeatedErrorCount, trendAlpha, uniqueTolerance, uniqueCap, trendWindow,
                errorSignatureCap, stuckAfter, criticalRepeat, digestHourUtc, successAfterHours, successMinCompleted,
                successMaxCompleted, pageSize, dashboardUrl, blogUrl, pause, hints, metricsNamespace,
                startWindow, minImprovement, hopelessAfter, headlineWindow, trendMinPoints, stallAfter);
    }

    public MonitorConfig withAlerting(Duration repeat, int digestHour) {
        return new MonitorConfig(baselineRatio, halfBaselineRatio, targetRatio, timeoutRateLimit,
                validationFailureRateLimit, minCompleted, identicalForPurge, identicalForIssue, noProgressAfter,
                noneCompletingAfter, repeatedErrorCount, trendAlpha, uniqueTolerance, uniqueCap, trendWindow,
                errorSignatureCap, stuckAfter, repeat, digestHour, successAfterHours, successMinCompleted,
                successMaxCompleted, pageSize, dashboardUrl, blogUrl, autoPause, plannerHints,
                metricsNamespace, startWindow, minImprovement, hopelessAfter, headlineWindow, trendMinPoints, stallAfter);
    }

    public MonitorConfig withPageSize(int size) {
        return new MonitorConfig(baselineRatio, halfBaselineRatio, targetRatio, timeoutRateLimit,
                validationFailureRateLimit, minCompleted, identicalForPurge, identicalForIssue, noProgressAfter,
                noneCompletingAfter, repeatedErrorCount, trendAlpha, uniqueTolerance, uniqueCap, trendWindow,
                errorSignatureCap, stuckAfter, criticalRepeat, digestHourUtc, successAfterHours, successMinCompleted,
                successMaxCompleted, size, dashboardUrl, blogUrl, autoPause, plannerHints,
                metricsNamespace, startWindow, minImprovement, hopelessAfter, headlineWindow, trendMinPoints, stallAfter);
    }

    /** The judgement's own thresholds (start window, progress, trend, stall), everything else unchanged. */
    public MonitorConfig withJudgement(int start, double improvement, int hopeless, int headline, int trendMin,
                                       Duration stall) {
        return new MonitorConfig(baselineRatio, halfBaselineRatio, targetRatio, timeoutRateLimit,
                validationFailureRateLimit, minCompleted, identicalForPurge, identicalForIssue, noProgressAfter,
                noneCompletingAfter, repeatedErrorCount, trendAlpha, uniqueTolerance, uniqueCap, trendWindow,
                errorSignatureCap, stuckAfter, criticalRepeat, digestHourUtc, successAfterHours, successMinCompleted,
                successMaxCompleted, pageSize, dashboardUrl, blogUrl, autoPause, plannerHints,
                metricsNamespace, start, improvement, hopeless, headline, trendMin, stall);
    }
}
