package codeclab.monitor.rules;

import codeclab.core.OutcomeKind;
import codeclab.monitor.MonitorConfig;
import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.RunSummary.ErrorGroup;
import codeclab.monitor.analysis.Trend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static codeclab.monitor.Severity.CRITICAL;
import static codeclab.monitor.Severity.INFO;
import static codeclab.monitor.Severity.WARNING;
import static codeclab.monitor.Verdict.FIX_CODE;
import static codeclab.monitor.Verdict.LET_IT_RUN;
import static codeclab.monitor.Verdict.PURGE_AND_RESTART;
import static codeclab.monitor.Verdict.TOO_EARLY;

/**
 * The plan's "When to Intervene" as a table, in precedence order: the verdict is that of the <em>first</em> rule
 * that fires, so each cause goes to its remedy. Causes a fresh start cannot cure come first and are FIX_CODE (a
 * stalled loop, an unreachable planner, codec-lab's own errors, a measurement that ignores the code, a planner
 * repeating itself, compile and sandbox failures, interrupted experiments, one repeated execution error, code too
 * slow for the limits from the start); PURGE_AND_RESTART only when a fresh start can help (the search drifted into
 * code that always times out, or it is no better than its own start and getting worse); then the healthy
 * LET_IT_RUN and TOO_EARLY. The severity is the highest of every fired rule. See docs/MONITOR.md.
 */
public final class Rules {

    /** Outcomes of the planner or its endpoint (no codec to judge). */
    static final Set<OutcomeKind> PLANNER = Set.of(OutcomeKind.PLANNER_ERROR, OutcomeKind.INVALID_RESPONSE);

    private Rules() {
    }

    /**
     * The verdict, its severity (the highest of all fired rules), every rule that fired, and whether the run is
     * paused (said first in every rendering).
     */
    public record Decision(Verdict verdict, Severity severity, List<Rule.Fired> fired, boolean paused) {
        public Decision {
            fired = List.copyOf(fired);
        }

        /** The rule that decided the verdict. */
        public Rule.Fired decisive() {
            return fired.get(0);
        }

        /** The cause of the verdict (the decisive rule's name). */
        public String cause() {
            return decisive().name();
        }

        /** The reasons behind the chosen verdict. */
        public List<String> reasons() {
            return fired.stream().filter(f -> f.verdict() == verdict).map(Rule.Fired::reason).toList();
        }

        /** Rules of other verdicts that fired too (shown as "also"). */
        public List<Rule.Fired> others() {
            return fired.stream().filter(f -> f.verdict() != verdict).toList();
        }
    }

    public static List<Rule> table(MonitorConfig c) {
        int rep = c.repeatedErrorCount();
        Predicate<Analysis> noneCompleting = a -> a.finished() >= c.noneCompletingAfter() && a.completed() == 0;
        java.util.function.Function<Analysis, Severity> criticalIfNoneCompleting = a -> noneCompleting.test(a) ? CRITICAL : WARNING;
        return List.of(
            new Rule("stalled", FIX_CODE, a -> CRITICAL, a -> a.activity().stalled(),
                a -> String.format(Locale.ROOT, "stalled: nothing finished or started for %s and the run is not paused"
                        + " (last finished %s, %d in flight): the loop or its schedule is down",
                        hours(a.activity().idle()), a.activity().lastFinishedAt() == null ? "never" : a.activity().lastFinishedAt(), a.inFlight()),
                a -> "AWS: check the generation schedule is enabled and the state machine's recent executions; local: "
                        + "restart `codec-lab run` (it resumes the run); if you meant to stop, `codec-lab pause` says so"),
            new Rule("planner-unreachable", FIX_CODE, a -> noneCompleting.test(a) || recentAll(a, PLANNER::contains) ? CRITICAL : WARNING,
                a -> plannerFailures(a) >= rep && share(plannerFailures(a), a.finished()) > c.validationFailureRateLimit(),
                a -> String.format(Locale.ROOT, "planner failing: %d of %d finished experiments failed in the planner (%s)%s",
                        plannerFailures(a), a.finished(), kinds(a, PLANNER), top(a, PLANNER::contains).map(g -> "; most frequent: " + g.signature()).orElse("")),
                a -> "check the planner's endpoint, credentials and budget (the message says which); a purge cannot fix it"),
            new Rule("internal-errors", FIX_CODE, criticalIfNoneCompleting,
                a -> a.counts().failed(OutcomeKind.INTERNAL_ERROR) >= rep,
                a -> a.counts().failed(OutcomeKind.INTERNAL_ERROR) + " experiments failed inside codec-lab (INTERNAL_ERROR)"
                        + top(a, k -> k == OutcomeKind.INTERNAL_ERROR).map(g -> "; most frequent: " + g.signature()).orElse(""),
                a -> "fix codec-lab as the message says (missing object, store error, bad event); a fresh start fails the same way"),
            new Rule("results-ignore-code", FIX_CODE, a -> CRITICAL,
                a -> a.results().allIdentical(c.identicalForPurge()) && a.results().completedSources() >= 2,
                a -> String.format(Locale.ROOT, "identical results from different code: %d completed experiments from %d"
                        + " different sources all measured %s: the measurement is not using the candidate's code",
                        a.results().valued(), a.results().completedSources(), a.best() == null ? "the same" : a.best()),
                a -> "check that execute runs the source the planner wrote (its hash, plan -> validate -> execute); after the"
                        + " fix purge this run, whose numbers do not measure its candidates, and fresh-start"),
            new Rule("planner-repeating", FIX_CODE, a -> a.results().allIdentical(c.identicalForPurge()) ? CRITICAL : WARNING,
                a -> repeating(a, c),
                a -> String.format(Locale.ROOT, "the planner is repeating itself: %d finished experiments re-submitted a"
                        + " source already tried (%d distinct sources%s)%s", repeats(a), a.results().sources(),
                        duplicates(a) > 0 ? ", " + duplicates(a) + " refused as duplicates" : "",
                        a.results().allIdentical(c.identicalForIssue()) && a.results().completedSources() <= 1
                                ? "; its results are identical because its code is, execution is fine" : ""),
                a -> "make the planner write new code: LLM - check its prompt shows what was already tried and raise its"
                        + " temperature; evolutionary - check its mutations change the program"),
            new Rule("repeated-validation-errors", FIX_CODE, criticalIfNoneCompleting,
                a -> a.validationFailures() >= rep && a.validationFailureRate() > c.validationFailureRateLimit(),
                a -> a.validationFailures() + " validation failures (" + pct(a.validationFailureRate()) + " of finished)"
                        + top(a, OutcomeKind::isValidationFailure).map(g -> "; most frequent (" + g.count() + "x): " + g.signature()).orElse(""),
                a -> "the prompt already carries the sandbox rules and the codec API: act on the most frequent message"
                        + " (fix the planner's template or example; fix the allowlist or toolkit if it refuses something allowed)"
                        + (c.plannerHints() ? "; it is fed to the planner as a hint" : "; or feed it to the planner with `codec-lab monitor --feed-planner`")),
            new Rule("interrupted", FIX_CODE, criticalIfNoneCompleting,
                a -> a.timeouts().interrupted() >= 2 && share(a.timeouts().interrupted(), a.finished()) > c.timeoutRateLimit(),
                a -> String.format(Locale.ROOT, "%d experiments were interrupted (stuck until the timeout sweep marked them"
                        + " TIMED_OUT), %d timed out for slowness: a crash of the loop or a worker, not the planner's code",
                        a.timeouts().interrupted(), a.timeouts().tooSlow()),
                a -> "find the crash: the loop's log (local) or the failed state machine executions and Lambda logs (AWS);"
                        + " restarting the loop resumes the run, no purge needed"),
            new Rule("repeated-execution-error", FIX_CODE, criticalIfNoneCompleting,
                a -> top(a, Rules::isExecution).filter(g -> g.count() >= rep && share(g.count(), a.finished()) > c.validationFailureRateLimit()).isPresent(),
                a -> top(a, Rules::isExecution).map(g -> g.count() + " execution failures with the same error: " + g.signature()).orElseThrow(),
                a -> "one error repeating is systemic: fix its cause (the harness or sandbox when the message points there,"
                        + " else the planner's template)"),
            new Rule("too-slow-from-the-start", FIX_CODE, a -> CRITICAL,
                a -> noneCompleting.test(a) && a.timeouts().tooSlow() * 2 >= a.finished(),
                a -> String.format(Locale.ROOT, "none of %d finished experiments completed: %d timed out because the code"
                        + " was too slow for the limits, from the first generation on", a.finished(), a.timeouts().tooSlow()),
                a -> "raise the execute limit or give the planner the time budget (a fresh start begins from the same seeds"
                        + " and would time out again)"),
            new Rule("none-completing", FIX_CODE, a -> CRITICAL, noneCompleting,
                a -> "none of " + a.finished() + " finished experiments completed (" + a.counts().describe() + ")",
                a -> "read the most frequent error below and fix it; a fresh start cannot complete what the loop cannot run"),
            new Rule("drifted-into-timeouts", PURGE_AND_RESTART, a -> CRITICAL,
                a -> a.completed() > 0 && a.recentOutcomes().size() >= c.headlineWindow()
                        && a.recentOutcomes().stream().allMatch(k -> k == OutcomeKind.TIMEOUT)
                        && a.timeouts().tooSlow() >= c.headlineWindow(),
                a -> String.format(Locale.ROOT, "the last %d finished experiments all timed out for slowness after %d completed:"
                        + " the search drifted into code too slow to run", a.recentOutcomes().size(), a.completed()),
                a -> purge(a)),
            new Rule("hopeless", PURGE_AND_RESTART, a -> CRITICAL,
                a -> a.measured() >= c.hopelessAfter() && noBetterThanStart(a, c) && a.progress().recentBest() != null
                        && a.progress().recentBest() > a.progress().startBest(),
                a -> String.format(Locale.ROOT, "hopeless: after %d measured experiments the best (%+.1f %%) is no better than"
                        + " the run's start (%+.1f %%, best of its first %d) and the last %d are worse than that start (best %+.1f %%)",
                        a.measured(), a.best().bdRate(), a.progress().startBest(), a.progress().startWindow(),
                        a.progress().window(), a.progress().recentBest()),
                a -> purge(a)),
            new Rule("no-progress", FIX_CODE, a -> WARNING,
                a -> a.measured() >= c.noProgressAfter() && noBetterThanStart(a, c),
                a -> String.format(Locale.ROOT, "no progress: after %d measured experiments the best (%+.1f %%) is within"
                        + " %.1f pp of the run's start (%+.1f %%): the planner is not learning from its results",
                        a.measured(), a.best().bdRate(), c.minImprovement(), a.progress().startBest()),
                a -> "check the planner sees previous results (best programs, failures, RD numbers) and adjust its prompt or"
                        + " selection"),
            new Rule("improving", LET_IT_RUN, a -> INFO,
                a -> progressing(a, c) && (a.progress().improvementInWindow() == null || a.progress().improvementInWindow() > 0
                        || a.trend().direction() == Trend.Direction.IMPROVING),
                a -> a.results().unique() + " distinct results; best " + a.best() + ", " + a.progress().describe()
                        + "; trend " + a.trend().direction(),
                a -> "nothing to do"),
            new Rule("plateau", LET_IT_RUN, a -> INFO,
                a -> progressing(a, c) && a.progress().improvementInWindow() != null && a.progress().improvementInWindow() <= 0
                        && a.trend().direction() != Trend.Direction.IMPROVING,
                a -> "plateau: best " + a.best() + ", " + a.progress().describe() + "; trend " + a.trend().direction()
                        + " - not hopeless, it already beat its start",
                a -> "let it run; if the plateau lasts for hours, a fresh start from the seeds is an option"),
            new Rule("too-few-measured", TOO_EARLY, a -> INFO, a -> a.measured() < c.minCompleted(),
                a -> "only " + a.measured() + " measured experiments (" + a.completed() + " completed); the rules judge from "
                        + c.minCompleted(),
                a -> "wait for the next report")
        );
    }

    public static Decision decide(Analysis a, List<Rule> table) {
        List<Rule.Fired> fired = table.stream().filter(r -> r.fires(a)).map(r -> r.fire(a)).toList();
        if (fired.isEmpty()) {
            fired = List.of(new Rule.Fired("undecided", TOO_EARLY, INFO,
                    "no intervention rule fired and progress is not shown yet (" + a.progress().describe() + ")",
                    "wait for the next report"));
        }
        Verdict v = fired.get(0).verdict();
        Severity s = fired.stream().map(Rule.Fired::severity).reduce(INFO, Severity::max);
        return new Decision(v, s, fired, a.paused());
    }

    private static String purge(Analysis a) {
        return (a.paused() ? "the loop is already paused: " : "pause the loop (`codec-lab pause`), then ")
                + "`codec-lab purge --run " + a.runId() + " --yes` (archived, restorable) and `codec-lab fresh-start`: a new run"
                + " starts again from the seeds";
    }

    private static boolean progressing(Analysis a, MonitorConfig c) {
        return a.measured() >= c.minCompleted() && a.results().unique() >= 2 && a.progress().improvementOnStart() != null
                && a.progress().improvementOnStart() >= c.minImprovement();
    }

    private static boolean noBetterThanStart(Analysis a, MonitorConfig c) {
        return a.progress().improvementOnStart() != null && a.progress().improvementOnStart() < c.minImprovement();
    }

    private static boolean repeating(Analysis a, MonitorConfig c) {
        long repeats = repeats(a);
        boolean sameSourceSameResult = a.results().allIdentical(c.identicalForIssue()) && a.results().completedSources() == 1;
        return sameSourceSameResult || repeats >= c.repeatedErrorCount() && repeats > a.results().sources();
    }

    private static long repeats(Analysis a) {
        return Math.max(a.results().repeatedSources(), duplicates(a));
    }

    /** Experiments refused as duplicates by the planner stage (a DUPLICATE outcome, when the loop records one). */
    private static long duplicates(Analysis a) {
        return a.byOutcome().entrySet().stream().filter(e -> e.getKey().name().equals("DUPLICATE"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    private static long plannerFailures(Analysis a) {
        return PLANNER.stream().mapToLong(k -> a.counts().failed(k)).sum();
    }

    private static boolean recentAll(Analysis a, Predicate<OutcomeKind> p) {
        return !a.recentOutcomes().isEmpty() && a.recentOutcomes().stream().allMatch(p);
    }

    private static String kinds(Analysis a, Set<OutcomeKind> ks) {
        return ks.stream().filter(k -> a.counts().failed(k) > 0).sorted()
                .map(k -> a.counts().failed(k) + " " + k).reduce((x, y) -> x + ", " + y).orElse("none");
    }

    /** The most frequent failure group whose kind matches. */
    static Optional<ErrorGroup> top(Analysis a, Predicate<OutcomeKind> kind) {
        return a.errors().stream().filter(g -> kind.test(g.outcome())).findFirst();
    }

    /**
     * Failures while running the candidate, other than timeouts (split by cause elsewhere): crashes, out of memory,
     * bad output, and any kind this monitor does not know yet (a new sandbox or validation kind is a code problem).
     */
    static boolean isExecution(OutcomeKind k) {
        return k != OutcomeKind.OK && k != OutcomeKind.TIMEOUT && !k.isValidationFailure() && !PLANNER.contains(k)
                && k != OutcomeKind.INTERNAL_ERROR && !k.name().equals("DUPLICATE");
    }

    static double share(long n, long of) {
        return of == 0 ? 0 : (double) n / of;
    }

    static String pct(double r) {
        return String.format(Locale.ROOT, "%.0f%%", r * 100);
    }

    static String hours(java.time.Duration d) {
        return String.format(Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
    }
}
