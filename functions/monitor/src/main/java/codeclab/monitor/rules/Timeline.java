package codeclab.monitor.rules;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.analysis.Analysis;
import codeclab.monitor.analysis.RunSummary.BestPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's "Expected Timeline": each step is due at the end of its last hour; a due step compares the
 * completed count and the best BD-rate <em>at that moment</em> (from the hourly buckets and the best-so-far curve)
 * with what the plan expected (its Mbps figures as ratios of x264, read as BD-rates: ratio r is (r - 1) x 100 %).
 * The run's status is that of the latest due step; before hour 1 ends, the completions so far already count: a run
 * that finished its first experiments without completing any is BEHIND, not ON_TRACK.
 */
public final class Timeline {

    public enum Status { AHEAD, ON_TRACK, BEHIND }

    /**
     * @param name         the plan's heading
     * @param fromHour     start (elapsed hours)
     * @param toHour       end; the step is due once this many hours have passed
     * @param minCompleted expected cumulative completed experiments at the end
     * @param maxCompleted more than this is ahead (null: no upper end)
     * @param bestBelow    expected best ratio below this at the end (null: no expectation)
     * @param varying      bitrates expected to vary
     * @param bestImproving the best expected to improve during the step
     * @param bestCaseBelow the plan's best case: best ratio below this means ahead
     */
    public record Step(String name, int fromHour, int toHour, long minCompleted, Long maxCompleted, Double bestBelow,
                       boolean varying, boolean bestImproving, double bestCaseBelow) {
    }

    /** A step's evaluation. */
    public record StepResult(String step, boolean due, long completedByEnd, Double bestByEnd, Status status,
                             List<String> missed, List<String> ahead) {
        public StepResult {
            missed = List.copyOf(missed);
            ahead = List.copyOf(ahead);
        }
    }

    /** The whole check: the status, the step it comes from (null before hour 1 ends), every due step. */
    public record Check(Status status, String step, List<String> missed, List<StepResult> steps) {
        public Check {
            missed = List.copyOf(missed);
            steps = List.copyOf(steps);
        }
    }

    /** The plan's steps with its Mbps figures as ratios of the baseline. */
    public static List<Step> plan(MonitorConfig c) {
        return List.of(
            new Step("Hour 1 (first 3-5 experiments)", 0, 1, 3, 5L, null, true, false, c.baselineRatio()),
            new Step("Hour 2 (6-10 experiments)", 1, 2, 6, 10L, null, true, true, c.halfBaselineRatio()),
            new Step("Hour 3 (11-15 experiments)", 2, 3, 11, 15L, c.halfBaselineRatio(), true, false, 2 * c.targetRatio()),
            new Step("Hours 4-6 (16-30 experiments)", 3, 6, 16, 30L, c.halfBaselineRatio(), true, true, c.targetRatio()),
            new Step("Hours 7-8 (31+ experiments)", 6, 8, 31, null, c.halfBaselineRatio(), true, false, c.targetRatio()));
    }

    public static Check check(Analysis a, List<Step> steps) {
        List<StepResult> results = new ArrayList<>();
        for (Step s : steps) {
            if (a.hoursSinceStart() >= s.toHour()) {
                results.add(evaluate(a, s));
            }
        }
        if (results.isEmpty()) {
            Step first = steps.get(0);
            long n = a.completed();
            List<String> missed = new ArrayList<>();
            if (n == 0 && a.finished() >= first.minCompleted()) {
                missed.add(a.finished() + " finished in hour 1, none completed");
            } else if (first.varying() && a.results().allIdentical(first.minCompleted())) {
                missed.add("all " + a.results().valued() + " completed results are identical (the plan's worst case: the fix failed)");
            }
            Status st = !missed.isEmpty() ? Status.BEHIND
                    : first.maxCompleted() != null && n > first.maxCompleted() ? Status.AHEAD : Status.ON_TRACK;
            return new Check(st, null, missed, List.of());
        }
        StepResult last = results.get(results.size() - 1);
        return new Check(last.status(), last.step(), last.missed(), results);
    }

    static StepResult evaluate(Analysis a, Step s) {
        Instant end = a.startedAt().plus(Duration.ofHours(s.toHour()));
        Instant begin = a.startedAt().plus(Duration.ofHours(s.fromHour()));
        long n = a.hourly().stream().filter(h -> h.hour() <= s.toHour()).mapToLong(Analysis.HourPoint::completed).sum();
        Double best = bestAt(a.bestSoFar(), end);
        List<String> missed = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        if (n < s.minCompleted()) {
            missed.add("expected at least " + s.minCompleted() + " completed, had " + n);
        }
        if (s.maxCompleted() != null && n > s.maxCompleted()) {
            ahead.add(n + " completed, more than the " + s.maxCompleted() + " expected");
        }
        if (s.bestBelow() != null && (best == null || best >= MonitorConfig.bdRateOf(s.bestBelow()))) {
            missed.add("expected best below " + fmt(MonitorConfig.bdRateOf(s.bestBelow())) + " BD-rate (" + s.bestBelow()
                    + "x x264), had " + (best == null ? "none" : fmt(best)));
        }
        if (s.varying() && a.results().allIdentical(2)) {
            missed.add("expected varying results, all " + a.results().valued() + " are identical");
        }
        if (s.bestImproving() && a.bestSoFar().stream().noneMatch(p -> p.at().isAfter(begin) && !p.at().isAfter(end))) {
            missed.add("expected the best to improve during " + s.name());
        }
        if (best != null && best < MonitorConfig.bdRateOf(s.bestCaseBelow())) {
            ahead.add("best " + fmt(best) + " already below the best case " + fmt(MonitorConfig.bdRateOf(s.bestCaseBelow())));
        }
        Status st = !missed.isEmpty() ? Status.BEHIND : !ahead.isEmpty() ? Status.AHEAD : Status.ON_TRACK;
        return new StepResult(s.name(), true, n, best, st, missed, ahead);
    }

    private static Double bestAt(List<BestPoint> curve, Instant t) {
        Double best = null;
        for (BestPoint p : curve) {
            if (!p.at().isAfter(t)) {
                best = p.bdRate();
            }
        }
        return best;
    }

    private static String fmt(double r) {
        return String.format(java.util.Locale.ROOT, "%+.1f %%", r);
    }
}
