package codeclab.monitor.report;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.alert.AlertPolicy;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.rules.Indicator;
import codeclab.monitor.rules.Issue;
import codeclab.monitor.rules.Rule;
import codeclab.monitor.rules.SuccessCriteria;
import codeclab.monitor.rules.Timeline;

import java.time.Instant;
import java.util.List;

/**
 * One monitor run's judgement of one run: plain records all the way down, so {@code --json} is a Jackson
 * serialisation of it (register the JavaTimeModule).
 *
 * @param runId        the run
 * @param at           when it was made
 * @param verdict      the plan's intervention verdict
 * @param severity     INFO / WARNING / CRITICAL (the highest of the fired rules and present issues)
 * @param reasons      why the verdict, one line each
 * @param firedRules   every rule that fired (also of lower-precedence verdicts)
 * @param analysis     the numbers
 * @param indicators   the plan's success and failure indicators
 * @param issues       the plan's four specific issues (present or not)
 * @param timeline     progress against the plan's hour-by-hour expectations
 * @param success      the 8-hour success criteria
 * @param plannerHints FIX_CODE reasons for the planner's next prompt (empty unless enabled)
 * @param actions      automatic actions taken, or those that would have been with the option on
 * @param alert        whether this report was published, and why
 * @param dashboardUrl where to look: the dashboard, or null
 * @param blogUrl      where to look: the blog, or null
 * @param cause        the decisive rule's cause (e.g. {@code planner-unreachable}, {@code improving})
 * @param todo         what to do about it (never something already done)
 * @param paused       the loop is paused for this run (said first everywhere)
 * @param change       what changed since the monitor's previous run, or null on the first
 */
public record Report(String runId, Instant at, Verdict verdict, Severity severity, List<String> reasons,
                     List<Rule.Fired> firedRules, Analysis analysis, List<Indicator> indicators, List<Issue> issues,
                     Timeline.Check timeline, SuccessCriteria.Result success, List<String> plannerHints,
                     List<String> actions, AlertPolicy.Decision alert, String dashboardUrl, String blogUrl,
                     String cause, String todo, boolean paused, Change change) {

    /**
     * What changed since the previous report.
     *
     * @param previousAt      when the monitor last ran
     * @param previousVerdict its verdict, or null
     * @param finished        experiments finished since
     * @param completed       of those, completed
     * @param measured        of those, measured
     * @param previousBest    the best BD-rate then, or null
     * @param best            the best BD-rate now, or null
     */
    public record Change(Instant previousAt, Verdict previousVerdict, long finished, long completed, long measured,
                         Double previousBest, Double best) {
    }

    public Report {
        reasons = List.copyOf(reasons);
        firedRules = List.copyOf(firedRules);
        indicators = List.copyOf(indicators);
        issues = List.copyOf(issues);
        plannerHints = List.copyOf(plannerHints);
        actions = List.copyOf(actions);
    }

    public List<Issue> presentIssues() {
        return issues.stream().filter(Issue::present).toList();
    }
}
