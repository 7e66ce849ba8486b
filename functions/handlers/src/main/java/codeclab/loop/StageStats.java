package codeclab.loop;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects {@link StageListener.Timing}s and summarises them per stage (and per cache HIT/MISS for the x264
 * baseline): count, total, mean, median, 90th percentile. Thread-safe. Used by {@code codec-lab run --timings}.
 */
public final class StageStats implements StageListener {

    /** One row of the breakdown; times in seconds. */
    public record Row(String stage, int count, double total, double mean, double median, double p90) {
    }

    private final List<Timing> timings = new ArrayList<>();

    @Override
    public synchronized void stageDone(Timing timing) {
        timings.add(timing);
    }

    public synchronized List<Timing> timings() {
        return List.copyOf(timings);
    }

    /** Rows in stage order; the baseline split into {@code BASELINE HIT} and {@code BASELINE MISS}. */
    public synchronized List<Row> rows() {
        Map<Stage, Map<String, List<Double>>> by = new EnumMap<>(Stage.class);
        for (Timing t : timings) {
            String key = t.stage() == Stage.BASELINE ? t.outcome() : "";
            by.computeIfAbsent(t.stage(), s -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(t.seconds());
        }
        List<Row> rows = new ArrayList<>();
        by.forEach((stage, groups) -> groups.forEach((key, seconds) ->
                rows.add(row(key.isEmpty() ? stage.name() : stage.name() + " " + key, seconds))));
        return rows;
    }

    /** The breakdown as an aligned text table. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-15s %6s %10s %9s %9s %9s%n",
                "stage", "count", "total s", "mean s", "median s", "p90 s"));
        for (Row r : rows()) {
            b.append(String.format(Locale.ROOT, "%-15s %6d %10.2f %9.3f %9.3f %9.3f%n",
                    r.stage(), r.count(), r.total(), r.mean(), r.median(), r.p90()));
        }
        return b.toString();
    }

    static Row row(String stage, List<Double> seconds) {
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double total = 0;
        for (double v : s) {
            total += v;
        }
        return new Row(stage, s.length, total, total / s.length, quantile(s, 0.5), quantile(s, 0.9));
    }

    /** Linear interpolation between closest ranks (the R-7 / NumPy default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
