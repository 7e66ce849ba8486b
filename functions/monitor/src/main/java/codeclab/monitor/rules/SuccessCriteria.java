package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Trend;

import java.util.List;
import java.util.Locale;

/**
 * The plan's "Success Criteria" after 8 hours (evaluated at any time; {@code finalResult} says whether the
 * 8 hours have passed). The plan's absolute targets live here, and only here: its 5 Mbps success bar against a
 * 10 Mbps baseline is half x264's bits ({@code halfBaselineRatio} 0.5, a BD-rate of -50 %), its 1 Mbps stretch goal
 * a tenth ({@code targetRatio} 0.1, -90 %). They say how far the run got, never whether to purge it.
 */
public final class SuccessCriteria {

    private SuccessCriteria() {
    }

    public record Criterion(String name, boolean met, String detail) {
    }

    /**
     * @param finalResult true once the configured hours have passed
     * @param criteria    each criterion, in the plan's order
     * @param stretch     the stretch goal (best under the target)
     */
    public record Result(boolean finalResult, List<Criterion> criteria, Criterion stretch) {
        public Result {
            criteria = List.copyOf(criteria);
        }

        public boolean allMet() {
            return criteria.stream().allMatch(Criterion::met);
        }
    }

    /** "BD-rate < -50 % (half x264's bits; the plan's 5 Mbps vs its 10 Mbps baseline)". */
    static String target(double ratio, String plan) {
        return String.format(Locale.ROOT, "BD-rate < %+.0f %% (%.2fx x264's bits; the plan's %s)",
                MonitorConfig.bdRateOf(ratio), ratio, plan);
    }

    public static Result evaluate(Analysis a, MonitorConfig c) {
        Analysis.Learning l = a.learning();
        String best = a.best() == null ? "none" : a.best().toString();
        List<Criterion> list = List.of(
            new Criterion(c.successMinCompleted() + "-" + c.successMaxCompleted() + " completed experiments",
                a.completed() >= c.successMinCompleted(), a.completed() + " completed"
                    + (a.completed() > c.successMaxCompleted() ? " (more than planned)" : "")),
            new Criterion("varying results", a.results().unique() >= 2, a.results().unique() + " distinct"),
            new Criterion("best " + target(c.halfBaselineRatio(), "5 Mbps vs its 10 Mbps baseline"),
                a.best() != null && a.best().bdRate() < MonitorConfig.bdRateOf(c.halfBaselineRatio()), "best " + best),
            new Criterion("clear improvement trend", a.trend().direction() == Trend.Direction.IMPROVING, a.trend().describe()),
            new Criterion("timeout rate < " + Rules.pct(c.timeoutRateLimit()),
                a.timeoutRate() < c.timeoutRateLimit(), Rules.pct(a.timeoutRate())),
            new Criterion("evidence of learning (later experiments beat earlier ones)", l.evident(),
                l.medianEarlier() == null ? "too few measured to compare halves"
                    : String.format(Locale.ROOT, "median BD-rate %+.1f %% -> %+.1f %%, Mann-Whitney p=%.4f vs level %.4f",
                        l.medianEarlier(), l.medianLater(), l.pValue(), l.level())));
        Criterion stretch = new Criterion("stretch: best " + target(c.targetRatio(), "1 Mbps target"),
            a.best() != null && a.best().bdRate() < MonitorConfig.bdRateOf(c.targetRatio()), "best " + best);
        return new Result(a.hoursSinceStart() >= c.successAfterHours(), list, stretch);
    }
}
