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
 * @param bdRatePercent               BD-rate vs x264 on PSNR-Y in percent (negative = fewer bits), or null
 * @param bdRateNote                  why {@code bdRatePercent} is null (curves do not overlap, too few points)
 * @param bitrateAtTargetKbps         candidate bitrate at the target PSNR-Y, or null when out of its range
 * @param baselineBitrateAtTargetKbps x264 bitrate at the target PSNR-Y, or null when out of its range
 */
public record ClipEvaluation(String clipId, String clipHash, int width, int height, int frames, double fps,
                             List<RdPoint> points, List<RdPoint> baseline,
                             Double bdRatePercent, String bdRateNote,
                             Double bitrateAtTargetKbps, Double baselineBitrateAtTargetKbps) {

    public ClipEvaluation {
        points = List.copyOf(points);
        baseline = List.copyOf(baseline);
    }

    /** Candidate bitrate at target divided by x264's, or null when either is unknown. */
    public Double ratioToBaseline() {
        return bitrateAtTargetKbps == null || baselineBitrateAtTargetKbps == null || baselineBitrateAtTargetKbps <= 0
                ? null : bitrateAtTargetKbps / baselineBitrateAtTargetKbps;
    }
}
