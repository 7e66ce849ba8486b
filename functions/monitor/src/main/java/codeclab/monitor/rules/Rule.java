package codeclab.monitor.rules;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.analysis.Analysis;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One intervention rule of the plan: when {@code when} holds, the run deserves {@code verdict} because of
 * {@code reason}.
 */
public record Rule(String name, Verdict verdict, Severity severity, Predicate<Analysis> when,
                   Function<Analysis, String> reason) {

    /** A rule that fired, with its reason spelled out for this analysis. */
    public record Fired(String name, Verdict verdict, Severity severity, String reason) {
    }

    public boolean fires(Analysis a) {
        return when.test(a);
    }

    public Fired fire(Analysis a) {
        return new Fired(name, verdict, severity, reason.apply(a));
    }
}
