package codeclab.site;

import java.util.Locale;

/** Number formatting for pages: absent values print as an em dash, never as 0. */
final class Format {

    private Format() {
    }

    static String num(Double v, int decimals) {
        return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pct(Double v) {
        return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%+.2f %%", v);
    }

    /** A BD-rate with its overlap, "-12.30 % (overlap 94 %)"; "— (overlap 40 %)" when not measurable. */
    static String bd(codeclab.core.MetricBdRate b) {
        return pct(b.percent()) + (b.overlapPercent() == null ? "" : " (overlap " + num(b.overlapPercent(), 0) + " %)");
    }

    /** A BD-rate and the overlap behind it: "-12.30 % (overlap 94 %)"; the overlap is left out when unknown. */
    static String pct(Double v, Double overlapPercent) {
        return pct(v) + (v == null || overlapPercent == null ? "" : " (overlap " + num(overlapPercent, 0) + " %)");
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** A time as people read it: to the second, in UTC (never nanoseconds). */
    static String time(java.time.Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** A duration as people read it: "42 s", "3 min 5 s", "2 h 10 min". */
    static String duration(java.time.Duration d) {
        if (d == null || d.isNegative()) {
            return "—";
        }
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** "3.2 points better" / "1.0 points worse" for a BD-rate change (negative delta = better). */
    static String bdDelta(double delta) {
        return String.format(Locale.ROOT, "%.2f percentage points %s", Math.abs(delta), delta < 0 ? "better" : delta > 0 ? "worse" : "(equal)");
    }

    /** CSS class for a BD-rate: negative (fewer bits than x264) is good. */
    static String bdClass(Double v) {
        return v == null || v.isNaN() ? "" : v < 0 ? "good" : "bad";
    }

    /** CSS class for a ratio to the baseline: under 1.0 is good. */
    static String ratioClass(Double v) {
        return v == null || v.isNaN() ? "" : v < 1 ? "good" : "bad";
    }
}
