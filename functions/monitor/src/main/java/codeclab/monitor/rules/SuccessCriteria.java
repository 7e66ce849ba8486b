package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Trend;

import java.util.List;

/**
 * The plan's "Success Criteria" after 8 hours (evaluated at any time; {@code finalResult} says whether the
 * 8 hours have passed).
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

    public static Result evaluate(Analysis a, MonitorConfig c) {
        Analysis.Learning l = a.learning();
        String best = a.best() == null ? "none" : a.best().toString();
        List<Criterion> list = List.of(
            new Criterion(c.successMinCompleted() + "-" + c.successMaxCompleted() + " completed experiments",
                a.completed() >= c.successMinCompleted(), a.completed() + " completed"
                    + (a.completed() > c.successMaxCompleted() ? " (more than planned)" : "")),
            new Criterion("varying bitrates", a.uniqueValues() >= 2, a.uniqueValues() + " distinct"),
            new Criterion("best < " + c.halfBaselineRatio() + "x baseline",
                a.best() != null && a.best().ratio() < c.halfBaselineRatio(), "best " + best),
            new Criterion("clear improvement trend", a.trend().direction() == Trend.Direction.IMPROVING,
                a.trend().direction() + String.format(" (p=%.3f)", a.trend().pValue())),
            new Criterion("timeout rate < " + Rules.pct(c.timeoutRateLimit()),
                a.timeoutRate() < c.timeoutRateLimit(), Rules.pct(a.timeoutRate())),
            new Criterion("evidence of learning (later experiments beat earlier ones)", l.evident(),
                l.medianEarlier() == null ? "too few completed to compare halves"
                    : String.format("median %.3fx -> %.3fx, Mann-Whitney p=%.3f", l.medianEarlier(), l.medianLater(), l.pValue())));
        Criterion stretch = new Criterion("stretch: best < " + c.targetRatio() + "x baseline (target)",
            a.best() != null && a.best().ratio() < c.targetRatio(), "best " + best);
        return new Result(a.hoursSinceStart() >= c.successAfterHours(), list, stretch);
    }
}
