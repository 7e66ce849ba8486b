package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Trend;

import java.util.List;

/**
 * One of the plan's success or failure indicators, present or not, read on the score (BD-rate vs x264).
 *
 * @param name    short name
 * @param kind    SUCCESS or FAILURE
 * @param present whether the run shows it now
 * @param meaning what the plan says it means
 * @param detail  the numbers behind it
 */
public record Indicator(String name, Kind kind, boolean present, String meaning, String detail) {

    public enum Kind { SUCCESS, FAILURE }

    /** The plan's eight indicators, in its order. */
    public static List<Indicator> evaluate(Analysis a, MonitorConfig c) {
        Trend t = a.trend();
        var r = a.results();
        var top = a.topError();
        double baseline = MonitorConfig.bdRateOf(c.baselineRatio());
        String distinct = r.unique() + (r.saturated() ? "+" : "") + " distinct of " + r.valued();
        return List.of(
            new Indicator("results-differ", Kind.SUCCESS, r.unique() >= 2, "the planner's code is being run", distinct),
            new Indicator("score-trending-down", Kind.SUCCESS, t.direction() == Trend.Direction.IMPROVING,
                "moving toward the target", t.describe()),
            new Indicator("best-beats-x264", Kind.SUCCESS, a.best() != null && a.best().bdRate() < baseline,
                "beating the baseline (BD-rate below " + String.format(java.util.Locale.ROOT, "%+.0f %%", baseline) + ")",
                "best " + (a.best() == null ? "none" : a.best().toString())),
            new Indicator("three-unique-values", Kind.SUCCESS, r.unique() >= 3, "real exploration", distinct),
            new Indicator("all-identical", Kind.FAILURE, r.allIdentical(2),
                r.completedSources() >= 2 ? "the measurement is not using the code" : "the planner repeats the same code",
                distinct + " from " + r.completedSources() + " source(s)"),
            new Indicator("score-trending-up", Kind.FAILURE, t.direction() == Trend.Direction.WORSENING,
                "the planner is getting worse", t.describe()),
            new Indicator("many-timeouts", Kind.FAILURE, a.finished() > 0 && a.timeoutRate() > c.timeoutRateLimit(),
                "validation or execution issues", Rules.pct(a.timeoutRate()) + " of " + a.finished() + " finished ("
                    + a.timeouts().tooSlow() + " too slow, " + a.timeouts().interrupted() + " interrupted)"),
            new Indicator("same-errors-repeated", Kind.FAILURE, top != null && top.count() >= c.repeatedErrorCount(),
                "a systemic bug", top == null ? "no failures" : top.count() + "x " + top.signature())
        );
    }
}
