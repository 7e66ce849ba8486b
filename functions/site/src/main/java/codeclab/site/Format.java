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

    /** CSS class for a BD-rate: negative (fewer bits than x264) is good. */
    static String bdClass(Double v) {
        return v == null || v.isNaN() ? "" : v < 0 ? "good" : "bad";
    }

    /** CSS class for a ratio to the baseline: under 1.0 is good. */
    static String ratioClass(Double v) {
        return v == null || v.isNaN() ? "" : v < 1 ? "good" : "bad";
    }
}
