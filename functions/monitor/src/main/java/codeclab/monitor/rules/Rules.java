package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.RunSummary.ErrorGroup;
import codeclab.monitor.analysis.Trend;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static codeclab.monitor.Severity.CRITICAL;
import static codeclab.monitor.Severity.INFO;
import static codeclab.monitor.Severity.WARNING;
import static codeclab.monitor.Verdict.FIX_CODE;
import static codeclab.monitor.Verdict.LET_IT_RUN;
import static codeclab.monitor.Verdict.PURGE_AND_RESTART;
import static codeclab.monitor.Verdict.TOO_EARLY;

/**
 * The plan's "When to Intervene" as a table: one line per rule. The verdict is that of the fired rule with the
 * highest precedence (PURGE_AND_RESTART, FIX_CODE, LET_IT_RUN, TOO_EARLY); when none fires it is TOO_EARLY.
 */
public final class Rules {

    private Rules() {
    }

    /** The verdict, its severity (the highest of all fired rules) and every rule that fired. */
    public record Decision(Verdict verdict, Severity severity, List<Rule.Fired> fired) {
        public Decision {
            fired = List.copyOf(fired);
        }

        /** The reasons behind the chosen verdict. */
        public List<String> reasons() {
            return fired.stream().filter(f -> f.verdict() == verdict).map(Rule.Fired::reason).toList();
        }
    }

    public static List<Rule> table(MonitorConfig c) {
        return List.of(
            new Rule("all-identical", PURGE_AND_RESTART, CRITICAL, a -> a.completed() >= c.identicalForPurge() && a.uniqueValues() == 1,
                a -> a.completed() + " experiments, all at the same bitrate " + a.best() + ": the planner's code is not being run"),
            new Rule("none-completing", PURGE_AND_RESTART, CRITICAL, a -> a.finished() >= c.noneCompletingAfter() && a.completed() == 0,
                a -> a.finished() + " experiments finished, none completed (" + pct(a.timeoutRate()) + " timed out)"),
            new Rule("hopeless-best", PURGE_AND_RESTART, CRITICAL, a -> a.completed() >= c.minCompleted() && a.best() != null && a.best().ratio() > c.hopelessRatio(),
                a -> "best " + a.best() + " is still above " + c.hopelessRatio() + "x baseline after " + a.completed() + " experiments"),
            new Rule("repeated-validation-errors", FIX_CODE, WARNING, a -> a.validationFailures() >= c.repeatedErrorCount() && a.validationFailureRate() > c.validationFailureRateLimit(),
                a -> a.validationFailures() + " validation failures (" + pct(a.validationFailureRate()) + " of finished)" + top(a, true).map(g -> "; most frequent: " + g.signature()).orElse("")),
            new Rule("repeated-execution-failure", FIX_CODE, WARNING, a -> top(a, false).filter(g -> g.count() >= c.repeatedErrorCount()).isPresent(),
                a -> top(a, false).map(g -> g.count() + " execution failures with the same error: " + g.signature()).orElseThrow()),
            new Rule("repeated-human-needed", FIX_CODE, WARNING, a -> a.humanNeeded() >= c.repeatedErrorCount(),
                a -> a.humanNeeded() + " failures the loop cannot fix by itself (" + c.humanNeeded().stream().sorted().toList() + ")"),
            new Rule("improving", LET_IT_RUN, INFO, a -> a.uniqueValues() >= 2 && a.best() != null && a.best().ratio() < c.baselineRatio() && a.trend().direction() == Trend.Direction.IMPROVING,
                a -> a.uniqueValues() + " distinct bitrates, best " + a.best() + " beats the baseline, trend " + String.format("%+.4f/h (p=%.3f)", a.trend().slopePerHour(), a.trend().pValue())),
            new Rule("too-few-completed", TOO_EARLY, INFO, a -> a.completed() < c.minCompleted(),
                a -> "only " + a.completed() + " completed experiments (rules judge from " + c.minCompleted() + ")")
        );
    }

    public static Decision decide(Analysis a, List<Rule> table) {
        List<Rule.Fired> fired = table.stream().filter(r -> r.fires(a)).map(r -> r.fire(a)).toList();
        if (fired.isEmpty()) {
            return new Decision(TOO_EARLY, INFO, List.of(new Rule.Fired("undecided", TOO_EARLY, INFO,
                    "no intervention rule fired and improvement is not shown yet")));
        }
        Verdict v = fired.stream().map(Rule.Fired::verdict).min(Comparator.naturalOrder()).orElseThrow();
        Severity s = fired.stream().map(Rule.Fired::severity).reduce(INFO, Severity::max);
        return new Decision(v, s, fired);
    }

    /** The most frequent failure group: validation ones ({@code validation}) or execution ones. */
    static Optional<ErrorGroup> top(Analysis a, boolean validation) {
        return a.errors().stream()
                .filter(g -> g.outcome().isValidationFailure() == validation)
                .filter(g -> validation || isExecution(g.outcome()))
                .findFirst();
    }

    static boolean isExecution(OutcomeKind k) {
        return k == OutcomeKind.CRASH || k == OutcomeKind.OUT_OF_MEMORY || k == OutcomeKind.BAD_OUTPUT
                || k == OutcomeKind.TIMEOUT;
    }

    static String pct(double r) {
        return String.format("%.0f%%", r * 100);
    }
}
