package codeclab.core;

import java.util.List;

/**
 * A candidate measured on one clip, next to the x264 baseline measured on the same clip.
 *
 * @param clipId                      human name of the clip
 * @param clipHash                    content hash of the clip's frames (SHA-256, hex)
 * @param width                       luma width
 * @param height                      luma height
 * @param frames                      frame count
 * @param fps                         frame rate
 * @param points                      the candidate's RD points, by increasing quality knob
 * @param baseline                    x264's RD points on the same clip
 * @param bdRates                     BD-rate vs x264 on each {@link QualityMetric}, with its overlap, in metric order
 * @param bitrateAtTargetKbps         candidate bitrate at the target PSNR-Y, or null when out of its range
 * @param baselineBitrateAtTargetKbps x264 bitrate at the target PSNR-Y, or null when out of its range
 * @param targetNote                  why {@code bitrateAtTargetKbps} is null, else null
 * @param source                      where the clip came from (for the bundled clips: film, licence, "H.264 source",
 *                                    frames and crop; "synthetic" for generated ones), or null when not recorded
 */
public record ClipEvaluation(String clipId, String clipHash, int width, int height, int frames, double fps,
                             List<RdPoint> points, List<RdPoint> baseline, List<MetricBdRate> bdRates,
                             Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps, String targetNote,
                             String source) {

    public ClipEvaluation {
        points = List.copyOf(points);
        baseline = List.copyOf(baseline);
        bdRates = bdRates == null ? List.of() : List.copyOf(bdRates);
    }

    /**
     * A clip with only a PSNR-Y BD-rate whose overlap is unknown: for fixtures and callers that predate the
     * per-metric results. The harness never uses it.
     */
    public ClipEvaluation(String clipId, String clipHash, int width, int height, int frames, double fps,
                          List<RdPoint> points, List<RdPoint> baseline, Double bdRatePercent, String bdRateNote,
                          Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps) {
        this(clipId, clipHash, width, height, frames, fps, points, baseline,
                List.of(new MetricBdRate(QualityMetric.PSNR_Y, bdRatePercent, null,
                        bdRatePercent == null ? (bdRateNote == null ? "not measured" : bdRateNote) : null)),
                bitrateAtTargetKbps, baselineBitrateAtTargetKbps, null, null);
    }

    /** BD-rate on {@code metric}; a null-valued one saying "not measured" when this evaluation has none. */
    public MetricBdRate bdRate(QualityMetric metric) {
        return bdRates.stream().filter(b -> b.metric() == metric).findFirst()
                .orElse(new MetricBdRate(metric, null, null, "not measured on " + metric.label()));
    }

    /** BD-rate on PSNR-Y (the score) in percent, or null. */
    public Double bdRatePercent() {
        return bdRate(QualityMetric.PSNR_Y).percent();
    }

    /** Overlap behind the PSNR-Y BD-rate, in percent of x264's range, or null. */
    public Double bdRateOverlapPercent() {
        return bdRate(QualityMetric.PSNR_Y).overlapPercent();
    }

    /** Why the PSNR-Y BD-rate or the bitrate at target is missing, or null when both exist. */
    public String bdRateNote() {
        String bd = bdRate(QualityMetric.PSNR_Y).note();
        if (bd == null) {
            return targetNote;
        }
        return targetNote == null ? bd : bd + "; " + targetNote;
    }

    /** Candidate bitrate at target divided by x264's, or null when either is unknown. */
    public Double ratioToBaseline() {
        return bitrateAtTargetKbps == null || baselineBitrateAtTargetKbps == null || baselineBitrateAtTargetKbps <= 0
                ? null : bitrateAtTargetKbps / baselineBitrateAtTargetKbps;
    }
}
