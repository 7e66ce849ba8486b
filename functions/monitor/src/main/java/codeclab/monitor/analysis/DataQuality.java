package codeclab.monitor.analysis;

import codeclab.core.Experiment;
import codeclab.core.OutcomeKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan's "Database &rarr; clean data?" check: items missing fields, impossible values, experiments stuck in a
 * non-final status past a deadline, and artifacts no experiment references. It reports; it never writes
 * (the caller marks stuck experiments TIMED_OUT and decides about orphans).
 */
public final class DataQuality {

    public static final String MISSING_FIELD = "missing-field";
    public static final String IMPOSSIBLE_VALUE = "impossible-value";
    public static final String COMPLETED_WITHOUT_METRICS = "completed-without-metrics";
    public static final String INCONSISTENT_STATUS = "inconsistent-status";

    private DataQuality() {
    }

    /** One problem with one item. */
    public record Finding(String kind, String experimentId, String detail) {
        @Override
        public String toString() {
            return kind + " " + experimentId + ": " + detail;
        }
    }

    /**
     * @param findingsByKind cumulative findings over the run's finished experiments
     * @param samples        the latest findings, one line each
     * @param stuck          ids of non-final experiments older than the deadline: mark them TIMED_OUT
     * @param orphanedArtifacts artifact keys nobody references, or null when the inventory was not checked
     */
    public record Audit(Map<String, Long> findingsByKind, List<String> samples, List<String> stuck,
                        List<String> orphanedArtifacts) {
        public Audit {
            findingsByKind = Map.copyOf(findingsByKind);
            samples = List.copyOf(samples);
            stuck = List.copyOf(stuck);
            orphanedArtifacts = orphanedArtifacts == null ? null : List.copyOf(orphanedArtifacts);
        }

        public long findings() {
            return findingsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean clean() {
            return findings() == 0 && stuck.isEmpty() && (orphanedArtifacts == null || orphanedArtifacts.isEmpty());
        }
    }

    /** The problems of one item. */
    public static List<Finding> check(Experiment e) {
        List<Finding> out = new ArrayList<>();
        String id = e.experimentId() == null ? "(no id)" : e.experimentId();
        List<String> missing = new ArrayList<>();
        if (e.runId() == null || e.runId().isBlank()) missing.add("runId");
        if (e.experimentId() == null || e.experimentId().isBlank()) missing.add("experimentId");
        if (e.status() == null) missing.add("status");
        if (e.createdAt() == null) missing.add("createdAt");
        if (e.status() != null && e.status().isFinal()) {
            if (e.outcome() == null) missing.add("outcome");
            if (e.finishedAt() == null) missing.add("finishedAt");
        }
        if (!missing.isEmpty()) {
            out.add(new Finding(MISSING_FIELD, id, "missing " + String.join(", ", missing)));
        }
        if (e.bitrateAtTargetKbps() != null && !(e.bitrateAtTargetKbps() >= 0 && Double.isFinite(e.bitrateAtTargetKbps()))) {
            out.add(new Finding(IMPOSSIBLE_VALUE, id, "bitrate at target " + e.bitrateAtTargetKbps() + " kbps"));
        }
        if (e.baselineBitrateAtTargetKbps() != null
                && !(e.baselineBitrateAtTargetKbps() > 0 && Double.isFinite(e.baselineBitrateAtTargetKbps()))) {
            out.add(new Finding(IMPOSSIBLE_VALUE, id, "baseline bitrate " + e.baselineBitrateAtTargetKbps() + " kbps"));
        }
        Double ratio = e.ratioToBaseline();
        if (ratio != null && !Double.isFinite(ratio)) {
            out.add(new Finding(IMPOSSIBLE_VALUE, id, "ratio to baseline is " + ratio));
        }
        if (e.createdAt() != null && e.finishedAt() != null && e.finishedAt().isBefore(e.createdAt())) {
            out.add(new Finding(IMPOSSIBLE_VALUE, id, "finished " + e.finishedAt() + " before created " + e.createdAt()));
        }
        // Completed means measured, not "reached the target" or "has a BD-rate" (either may be absent with a reason);
        // what must not happen is a completed experiment with no measurement at all, or a bitrate without x264's.
        if (e.completed() && e.evaluationHash() == null && e.bdRatePercent() == null && e.bitrateAtTargetKbps() == null) {
            out.add(new Finding(COMPLETED_WITHOUT_METRICS, id, "COMPLETED without an evaluation or any measured number"));
        }
        if (e.bitrateAtTargetKbps() != null && e.baselineBitrateAtTargetKbps() == null) {
            out.add(new Finding(COMPLETED_WITHOUT_METRICS, id, "bitrate at target without x264's at the same target"));
        }
        if (e.status() != null && e.outcome() != null
                && (e.completed() != (e.outcome() == OutcomeKind.OK))) {
            out.add(new Finding(INCONSISTENT_STATUS, id, "status " + e.status() + " with outcome " + e.outcome()));
        }
        return out;
    }

    /** Non-final experiments created longer than {@code deadline} before {@code now} (or with no creation time). */
    public static List<String> stuck(List<Experiment> inFlight, Instant now, Duration deadline) {
        Instant cutoff = now.minus(deadline);
        return inFlight.stream()
                .filter(e -> e.status() == null || !e.status().isFinal())
                .filter(e -> e.createdAt() == null || e.createdAt().isBefore(cutoff))
                .map(Experiment::experimentId)
                .sorted()
                .toList();
    }

    /** Stored artifact keys that no experiment references, sorted. */
    public static List<String> orphans(Set<String> stored, Set<String> referenced) {
        TreeSet<String> out = new TreeSet<>(stored);
        out.removeAll(referenced);
        return List.copyOf(out);
    }
}
