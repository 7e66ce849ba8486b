package codeclab.site;

import codeclab.core.ClipEvaluation;
import codeclab.core.ExperimentStatus;
import codeclab.core.OutcomeKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard of one run shows, as plain values. The site does not compute the analysis: the
 * caller maps the monitor's report into this record (ratios are candidate bitrate / measured x264 bitrate at
 * the same target quality on the same clips, 1.0 = as good as x264). Nullable fields are documented; lists and
 * maps are copied and never null.
 *
 * @param runId                 the run
 * @param generatedAt           when the numbers were computed
 * @param startedAt             when the run started, or null
 * @param verdict               the monitor's verdict (LET_IT_RUN, FIX_CODE, PURGE_AND_RESTART, TOO_EARLY...)
 * @param severity              how urgently to look
 * @param reasons               why the verdict, one line each
 * @param experiments           experiments in the run (every status)
 * @param completed             completed experiments (measured)
 * @param byOutcome             final experiments per outcome
 * @param byStatus              experiments per status
 * @param bestBitrate           the lowest bitrate at target (its ratio and experiment), or null when none completed
 * @param bestBdRate            the best (lowest) mean BD-rate and its experiment, or null
 * @param baselineKbps          the measured x264 bitrate at target quality, or null
 * @param trend                 each completed experiment's ratio, oldest first
 * @param trendLine             the robust trend of the ratios, or null when unknown
 * @param guides                horizontal guides on the trend chart (the plan's thresholds)
 * @param rdCurves              the best programs' RD curves per clip, best first
 * @param timeoutRate           TIMED_OUT / finished, in [0, 1]
 * @param validationFailureRate validation failures / finished, in [0, 1]
 * @param errors                top error signatures, most frequent first
 * @param timeline              progress against the plan's timeline, or null before the first step is due
 * @param success               the plan's success criteria
 * @param costUsd               planner cost so far
 * @param dataQuality           data-quality findings, one line each (empty = clean)
 */
public record DashboardInput(String runId, Instant generatedAt, Instant startedAt,
                             String verdict, Severity severity, List<String> reasons,
                             long experiments, long completed,
                             Map<OutcomeKind, Long> byOutcome, Map<ExperimentStatus, Long> byStatus,
                             BestBitrate bestBitrate, BestBdRate bestBdRate, Double baselineKbps,
                             List<TrendPoint> trend, TrendLine trendLine, List<Guide> guides,
                             List<RdCurve> rdCurves, double timeoutRate, double validationFailureRate,
                             List<ErrorRow> errors, TimelineCheck timeline, List<Criterion> success,
                             double costUsd, List<String> dataQuality) {

    public DashboardInput {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("dashboard needs a run id");
        }
        verdict = verdict == null ? "TOO_EARLY" : verdict;
        severity = severity == null ? Severity.INFO : severity;
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
        byOutcome = new LinkedHashMap<>(byOutcome == null ? Map.of() : byOutcome);
        byStatus = new LinkedHashMap<>(byStatus == null ? Map.of() : byStatus);
        trend = List.copyOf(trend == null ? List.of() : trend);
        guides = List.copyOf(guides == null ? defaultGuides() : guides);
        rdCurves = List.copyOf(rdCurves == null ? List.of() : rdCurves);
        errors = List.copyOf(errors == null ? List.of() : errors);
        success = List.copyOf(success == null ? List.of() : success);
        dataQuality = List.copyOf(dataQuality == null ? List.of() : dataQuality);
    }

    /** How urgently an operator should look. */
    public enum Severity { INFO, WARNING, CRITICAL }

    /** The lowest bitrate at target quality: {@code ratio} is it divided by x264's on the same clips. */
    public record BestBitrate(String experimentId, double kbps, double ratio) {
    }

    /** The best mean BD-rate vs x264 in percent (negative = fewer bits). */
    public record BestBdRate(String experimentId, double percent, Double overlapPercent) {

        /** Without a known overlap. */
        public BestBdRate(String experimentId, double percent) {
            this(experimentId, percent, null);
        }
    }

    /** One completed experiment on the trend chart: {@code hour} is hours since the run started. */
    public record TrendPoint(String experimentId, double hour, double ratio) {
    }

    /**
     * The robust trend: ratio = intercept + slopePerHour &times; hour (Theil&ndash;Sen), with the Mann&ndash;Kendall
     * two-sided p-value and the monitor's reading of it (IMPROVING, WORSENING, FLAT, UNKNOWN).
     */
    public record TrendLine(double slopePerHour, double intercept, double pValue, String direction) {
    }

    /** A horizontal guide on the trend chart. */
    public record Guide(String label, double value) {
    }

    /** One program's measurement on one clip (the baseline curve inside is x264's on the same clip). */
    public record RdCurve(String experimentId, ClipEvaluation clip) {
    }

    /** A repeated failure: normalised signature, how often, one example message and experiment. */
    public record ErrorRow(String signature, long count, String exampleMessage, String exampleExperimentId) {
    }

    /** The timeline check: status (AHEAD, ON_TRACK, BEHIND), the plan step it comes from, what was missed. */
    public record TimelineCheck(String status, String step, List<String> missed, List<String> ahead) {
        public TimelineCheck {
            missed = List.copyOf(missed == null ? List.of() : missed);
            ahead = List.copyOf(ahead == null ? List.of() : ahead);
        }
    }

    /** One success criterion of the plan. */
    public record Criterion(String name, boolean met, String detail) {
    }

    /** The plan's thresholds as ratios of the measured baseline: x264 (10 Mbps), 50 % better (5 Mbps), target (1 Mbps). */
    public static List<Guide> defaultGuides() {
        return List.of(new Guide("x264 = 1.0", 1.0), new Guide("success 0.5", 0.5), new Guide("target 0.1", 0.1));
    }

    /** A run with nothing in it yet: the dashboard of a fresh run. */
    public static DashboardInput empty(String runId, Instant generatedAt) {
        return new DashboardInput(runId, generatedAt, null, "TOO_EARLY", Severity.INFO, List.of("no experiments yet"),
                0, 0, Map.of(), Map.of(), null, null, null, List.of(), null, null, List.of(), 0, 0, List.of(), null,
                List.of(), 0, List.of());
    }
}
