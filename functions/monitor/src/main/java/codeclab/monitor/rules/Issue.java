package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.Severity;
import codeclab.monitor.analysis.Analysis;

import java.util.List;

/**
 * One of the plan's "Specific Issues to Watch For", with its symptom, cause, fix and action for codec-lab.
 *
 * @param number   the plan's issue number (1..4)
 * @param title    the plan's title
 * @param severity how urgent it is when present
 * @param present  whether the run shows it
 * @param symptom  what the operator sees
 * @param cause    the likely cause
 * @param fix      what to fix
 * @param action   what to do now
 * @param detail   the numbers behind it
 */
public record Issue(int number, String title, Severity severity, boolean present, String symptom, String cause,
                    String fix, String action, String detail) {

    public static List<Issue> evaluate(Analysis a, MonitorConfig c) {
        return List.of(
            new Issue(1, "Identical bitrates", Severity.CRITICAL,
                a.completed() >= c.identicalForIssue() && a.uniqueValues() == 1,
                "All experiments produce the same bitrate",
                "The planner's code is not being executed (a fixed or cached codec runs instead)",
                "Check that the planner's output reaches execute: the source hash passed from plan to validate to execute",
                "Review the execute logs of the last experiments (sourceHash, class name); redeploy with cdk deploy if needed",
                a.completed() + " completed, " + a.uniqueValues() + " distinct"),
            new Issue(2, "No progress after " + c.noProgressAfter() + " experiments", Severity.WARNING,
                a.completed() >= c.noProgressAfter() && a.best() != null && a.best().ratio() >= c.baselineRatio(),
                "Best result still at or above the x264 baseline",
                "The planner is not learning, or the feedback loop is broken",
                "Check that the planner sees previous results (best programs, failures, RD numbers); adjust the prompt",
                "Review the planner's history analysis and the prompt it built for the last experiments",
                "best " + (a.best() == null ? "none" : a.best().toString()) + " after " + a.completed()),
            new Issue(3, "High timeout rate (>" + Rules.pct(c.timeoutRateLimit()) + ")", Severity.WARNING,
                a.finished() >= c.minCompleted() && a.timeoutRate() > c.timeoutRateLimit(),
                "Many experiments stuck in validation or execution",
                "The planner generates invalid or slow code",
                "Tighten the sandbox limits and the per-stage timeouts",
                "Review the timeout thresholds; give the planner the timed-out experiments' limits as feedback",
                Rules.pct(a.timeoutRate()) + " of " + a.finished() + " finished timed out"),
            new Issue(4, "Validation failures", Severity.WARNING,
                a.validationFailures() >= c.repeatedErrorCount() && a.validationFailureRate() > c.validationFailureRateLimit(),
                "Many experiments fail validation (compile errors, forbidden APIs)",
                "The planner's code does not meet the sandbox rules",
                "Put the sandbox rules (allowlist) in the planner's system prompt",
                "Add the sandbox documentation to the system prompt; feed the most frequent violation back as a hint",
                a.validationFailures() + " validation failures, " + Rules.pct(a.validationFailureRate()) + " of finished")
        );
    }
}
