package codeclab.core;

import java.util.List;
import java.util.Objects;

/**
 * A candidate measured on every clip of a set, with the summary numbers the loop ranks by.
 *
 * @param targetPsnrY  the PSNR-Y (dB) at which "bitrate at target quality" is read
 * @param clips        one evaluation per clip
 * @param encodeFps    frames encoded per second over the whole sweep
 * @param decodeFps    frames decoded per second over the whole sweep
 * @param codecSize    the candidate's class-file bytes and literal data, or null when not measured (trusted codecs)
 */
public record Evaluation(double targetPsnrY, List<ClipEvaluation> clips, double encodeFps, double decodeFps,
                         CodecSize codecSize) {

    public Evaluation {
        clips = List.copyOf(clips);
    }

    /** An evaluation whose codec size is not (yet) known: the harness measures frames, validate measures sizes. */
    public Evaluation(double targetPsnrY, List<ClipEvaluation> clips, double encodeFps, double decodeFps) {
        this(targetPsnrY, clips, encodeFps, decodeFps, null);
    }

    /** This evaluation with the codec's size attached. */
    public Evaluation withCodecSize(CodecSize size) {
        return new Evaluation(targetPsnrY, clips, encodeFps, decodeFps, size);
    }

    /** Mean BD-rate over the clips where it was measurable, or null when none. */
    public Double bdRatePercent() {
        return mean(clips.stream().map(ClipEvaluation::bdRatePercent).toList());
    }

    /** Mean candidate bitrate at target quality, or null unless every clip reached the target. */
    public Double bitrateAtTargetKbps() {
        return meanOfAll(clips.stream().map(ClipEvaluation::bitrateAtTargetKbps).toList());
    }

    /** Mean x264 bitrate at target quality, or null unless every clip has one. */
    public Double baselineBitrateAtTargetKbps() {
        return meanOfAll(clips.stream().map(ClipEvaluation::baselineBitrateAtTargetKbps).toList());
    }

    /** Candidate / x264 bitrate at target quality (1.0 = as good as x264), or null when unknown. */
    public Double ratioToBaseline() {
        Double c = bitrateAtTargetKbps();
        Double b = baselineBitrateAtTargetKbps();
        return c == null || b == null || b <= 0 ? null : c / b;
    }

    private static Double mean(List<Double> values) {
        List<Double> known = values.stream().filter(Objects::nonNull).filter(d -> !d.isNaN()).toList();
        return known.isEmpty() ? null : known.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Double meanOfAll(List<Double> values) {
        return values.isEmpty() || values.stream().anyMatch(Objects::isNull) ? null : mean(values);
    }
}
