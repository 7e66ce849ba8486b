package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.Trend;

import java.util.List;

/**
 * One of the plan's success or failure indicators, present or not.
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
        String trend = t.direction() + String.format(" (slope %+.4f/h, p=%.3f, n=%d)", t.slopePerHour(), t.pValue(), t.points());
        var top = a.topError();
        return List.of(
            new Indicator("bitrates-differ", Kind.SUCCESS, a.uniqueValues() >= 2, "the planner's code is being run",
                a.uniqueValues() + " distinct of " + a.completed()),
            new Indicator("average-trending-down", Kind.SUCCESS, t.direction() == Trend.Direction.IMPROVING,
                "moving toward the target", trend),
            new Indicator("best-under-baseline", Kind.SUCCESS, a.best() != null && a.best().ratio() < c.baselineRatio(),
                "beating x264", "best " + (a.best() == null ? "none" : a.best().toString())),
            new Indicator("three-unique-values", Kind.SUCCESS, a.uniqueValues() >= 3, "real exploration",
                a.uniqueValues() + " distinct"),
            new Indicator("all-identical", Kind.FAILURE, a.completed() >= 2 && a.uniqueValues() == 1,
                "the planner's output is not being used", a.completed() + " completed, " + a.uniqueValues() + " distinct"),
            new Indicator("average-trending-up", Kind.FAILURE, t.direction() == Trend.Direction.WORSENING,
                "the planner is getting worse", trend),
            new Indicator("many-timeouts", Kind.FAILURE, a.finished() > 0 && a.timeoutRate() > c.timeoutRateLimit(),
                "validation or execution issues", Rules.pct(a.timeoutRate()) + " of " + a.finished() + " finished"),
            new Indicator("same-errors-repeated", Kind.FAILURE, top != null && top.count() >= c.repeatedErrorCount(),
                "a systemic bug", top == null ? "no failures" : top.count() + "x " + top.signature())
        );
    }
}
