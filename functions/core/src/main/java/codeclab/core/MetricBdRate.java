package codeclab.core;

import java.util.Locale;
import java.util.Objects;

/**
 * BD-rate against x264 on one quality metric, with the overlap behind it: a BD-rate is only as meaningful as the
 * share of x264's quality range over which the two curves were compared.
 *
 * @param metric         the quality measure
 * @param percent        BD-rate in percent (negative = fewer bits than x264), or null when not measurable
 * @param overlapPercent share of x264's range (of this metric, on this clip) the curves share, 0..100, or null
 *                       when a curve could not be built; for an experiment, the smallest over its clips
 * @param note           why {@code percent} is null (for an experiment: which clip and why), else null
 */
public record MetricBdRate(QualityMetric metric, Double percent, Double overlapPercent, String note) {

    public MetricBdRate {
        Objects.requireNonNull(metric, "metric");
        if ((percent == null) == (note == null)) {
            throw new IllegalArgumentException("a BD-rate has either a value or a note saying why not, got "
                    + percent + " / " + note);
        }
    }

    public boolean defined() {
        return percent != null;
    }

    /** "-12.3 % (overlap 94 %)", "n/a (overlap 40 %)" or "n/a (no overlap)": how every report prints a BD-rate. */
    public String format() {
        String overlap = overlapPercent == null ? "no curve" : String.format(Locale.ROOT, "overlap %.0f %%", overlapPercent);
        return percent == null ? "n/a (" + overlap + ")" : String.format(Locale.ROOT, "%+.1f %% (%s)", percent, overlap);
    }
}
