package codeclab.monitor.rules;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.analysis.Analysis;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One intervention rule of the plan: when {@code when} holds, the run deserves {@code verdict} because of the
 * cause {@code name}, explained by {@code reason}, remedied by {@code action}. Severity may depend on the analysis
 * (the same cause is more urgent when nothing completes at all).
 */
public record Rule(String name, Verdict verdict, Function<Analysis, Severity> severity, Predicate<Analysis> when,
                   Function<Analysis, String> reason, Function<Analysis, String> action) {

    /**
     * A rule that fired, spelled out for this analysis.
     *
     * @param name     the cause, a stable short name (e.g. {@code planner-unreachable})
     * @param reason   what the evidence shows, with its numbers
     * @param action   what to do about it (never something already done)
     */
    public record Fired(String name, Verdict verdict, Severity severity, String reason, String action) {
    }

    public boolean fires(Analysis a) {
        return when.test(a);
    }

    public Fired fire(Analysis a) {
        return new Fired(name, verdict, severity.apply(a), reason.apply(a), action.apply(a));
    }
}
