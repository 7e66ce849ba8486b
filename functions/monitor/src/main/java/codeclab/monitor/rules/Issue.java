package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.Severity;
import codeclab.monitor.analysis.Analysis;

import java.util.List;
import java.util.Locale;

/**
 * One of the plan's "Specific Issues to Watch For", with its symptom, cause, fix and action for codec-lab. The cause
 * is named from the evidence (the sources behind identical results, what timed the experiments out, the compiler's
 * own line), and no fix asks for what is already there.
 *
 * @param number   the plan's issue number (1..4)
 * @param title    the plan's title
 * @param severity how urgent it is when present
 * @param present  whether the run shows it
 * @param symptom  what the operator sees
 * @param cause    the likely cause, from the evidence
 * @param fix      what to fix
 * @param action   what to do now
 * @param detail   the numbers behind it
 */
public record Issue(int number, String title, Severity severity, boolean present, String symptom, String cause,
                    String fix, String action, String detail) {

    public static List<Issue> evaluate(Analysis a, MonitorConfig c) {
        return List.of(identical(a, c), noProgress(a, c), timeouts(a, c), validation(a, c));
    }

    private static Issue identical(Analysis a, MonitorConfig c) {
        var r = a.results();
        boolean present = r.allIdentical(c.identicalForIssue());
        boolean sameCode = r.completedSources() <= 1;
        String detail = r.valued() + " completed with a result, " + r.unique() + " distinct, from "
                + r.completedSources() + " distinct source(s)";
        return sameCode
                ? new Issue(1, "Identical bitrates", Severity.WARNING, present,
                    "All experiments produce the same result",
                    "The planner is repeating itself: every completed experiment ran the same source (it was executed;"
                            + " there was nothing different to measure)",
                    "Make the planner produce new code (LLM: the history of what was tried in its prompt, temperature;"
                            + " evolutionary: mutations that change the program)",
                    "Compare the source hashes of the last experiments (`codec-lab experiments show ID`); fix the planner", detail)
                : new Issue(1, "Identical bitrates", Severity.CRITICAL, present,
                    "All experiments produce the same result",
                    "Different code, identical results: the measurement is not using the candidate's code",
                    "Check that execute runs the source the planner wrote: the source hash passed from plan to validate"
                            + " to execute",
                    "Review the execute logs of the last experiments (sourceHash, class name); after the fix purge the"
                            + " run and fresh-start", detail);
    }

    private static Issue noProgress(Analysis a, MonitorConfig c) {
        var p = a.progress();
        boolean present = a.measured() >= c.noProgressAfter() && p.improvementOnStart() != null
                && p.improvementOnStart() < c.minImprovement();
        return new Issue(2, "No progress after " + c.noProgressAfter() + " experiments", Severity.WARNING, present,
                "The best is no better than the run's own start (its first " + c.startWindow() + " measured experiments)",
                "The planner is not learning, or the feedback loop is broken",
                "Check that the planner sees previous results (best programs, failures, RD numbers); adjust the prompt",
                "Review the planner's history and the prompt it built for the last experiments",
                (a.best() == null ? "nothing measured" : "best " + a.best() + ", " + p.describe()) + " after "
                        + a.measured() + " measured");
    }

    private static Issue timeouts(Analysis a, MonitorConfig c) {
        var t = a.timeouts();
        boolean present = a.finished() >= c.minCompleted() && a.timeoutRate() > c.timeoutRateLimit();
        boolean crash = t.interrupted() > t.tooSlow();
        String detail = String.format(Locale.ROOT, "%s of %d finished timed out: %d too slow for the limits, %d interrupted",
                Rules.pct(a.timeoutRate()), a.finished(), t.tooSlow(), t.interrupted());
        return crash
                ? new Issue(3, "High timeout rate (>" + Rules.pct(c.timeoutRateLimit()) + ")", Severity.WARNING, present,
                    "Many experiments stuck in validation or execution",
                    "Interrupted, not slow: experiments stayed in flight until the timeout sweep marked them (the loop or a"
                            + " worker crashed)",
                    "Find and fix the crash (the loop's log, the state machine's failed executions)",
                    "Restart the loop; the planner's code is not the cause", detail)
                : new Issue(3, "High timeout rate (>" + Rules.pct(c.timeoutRateLimit()) + ")", Severity.WARNING, present,
                    "Many experiments stuck in validation or execution",
                    "The planner generates code too slow for the sandbox's wall-clock limits",
                    "Review the timeout thresholds against the clips' size; tell the planner its time budget",
                    "Give the planner the timed-out experiments' limits as feedback (`codec-lab monitor --feed-planner`)",
                    detail);
    }

    private static Issue validation(Analysis a, MonitorConfig c) {
        boolean present = a.validationFailures() >= c.repeatedErrorCount()
                && a.validationFailureRate() > c.validationFailureRateLimit();
        var top = Rules.top(a, OutcomeKind::isValidationFailure);
        return new Issue(4, "Validation failures", Severity.WARNING, present,
                "Many experiments fail validation (compile errors, forbidden APIs)",
                "The planner's code does not meet the codec contract or the sandbox rules"
                        + top.map(g -> "; most frequent: " + g.signature()).orElse(""),
                "The planner's prompt already carries the sandbox rules and the codec API: act on the most frequent"
                        + " message (the template or example the planner copies, or an allowlist gap)",
                c.plannerHints() ? "The most frequent violation is fed to the planner as a hint; watch whether it drops"
                        : "Feed the most frequent violation back as a hint (`codec-lab monitor --feed-planner`)",
                a.validationFailures() + " validation failures, " + Rules.pct(a.validationFailureRate()) + " of finished");
    }
}
