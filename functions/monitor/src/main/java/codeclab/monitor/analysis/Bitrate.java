package codeclab.monitor.analysis;

/**
 * A bitrate as the reports show it: the ratio to the measured x264 baseline and the absolute kbps.
 *
 * @param ratio candidate / x264 bitrate at target quality (1.0 = as good as x264)
 * @param kbps  absolute bitrate, or null when no baseline has been measured
 */
public record Bitrate(double ratio, Double kbps) {

    public static Bitrate of(double ratio, Double baselineKbps) {
        return new Bitrate(ratio, baselineKbps == null ? null : ratio * baselineKbps);
    }

    @Override
    public String toString() {
        return kbps == null ? String.format("%.3fx", ratio) : String.format("%.3fx (%.0f kbps)", ratio, kbps);
    }
}
