package codeclab.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A candidate measured on every clip of a set, with the summary numbers the loop ranks by.
 *
 * @param targetPsnrY  the PSNR-Y (dB) at which "bitrate at target quality" is read
 * @param clips        one evaluation per clip
 * @param encodeFps    frames encoded per second over the whole sweep
 * @param decodeFps    frames decoded per second over the whole sweep
 * @param sweep        how the points were chosen and ordered (what a re-run needs to reproduce them), or null for
 *                     evaluations made before it was recorded
 * @param codecSize    the candidate's class-file bytes and literal data, or null when not measured (trusted codecs)
 */
public record Evaluation(double targetPsnrY, List<ClipEvaluation> clips, double encodeFps, double decodeFps,
                         Sweep sweep, CodecSize codecSize) {

    /** The project's minimum overlap (75 %), the default of the harness. */
    public static final double DEFAULT_MIN_OVERLAP = 0.75;

    /**
     * How the harness swept the quality knob.
     *
     * @param qualities   the knobs every clip started with
     * @param extraPoints how many knobs it could add per clip to cover x264's PSNR-Y range
     * @param minOverlap  share of x264's range (0..1) a clip's curves had to share for a BD-rate
     * @param seed        the seed the order of the points was shuffled with: the same seed gives the same order
     */
    public record Sweep(List<Integer> qualities, int extraPoints, double minOverlap, long seed) {

        public Sweep {
            qualities = List.copyOf(qualities);
        }
    }

    public Evaluation {
        clips = List.copyOf(clips);
    }

    /** An evaluation without a recorded sweep or codec size (fixtures, older callers). */
    public Evaluation(double targetPsnrY, List<ClipEvaluation> clips, double encodeFps, double decodeFps) {
        this(targetPsnrY, clips, encodeFps, decodeFps, null, null);
    }

    /** An evaluation whose codec size is not (yet) known: the harness measures frames, validate measures sizes. */
    public Evaluation(double targetPsnrY, List<ClipEvaluation> clips, double encodeFps, double decodeFps, Sweep sweep) {
        this(targetPsnrY, clips, encodeFps, decodeFps, sweep, null);
    }

    /** This evaluation with the codec's size attached. */
    public Evaluation withCodecSize(CodecSize size) {
        return new Evaluation(targetPsnrY, clips, encodeFps, decodeFps, sweep, size);
    }

    /** The seed of the quality order, or null when none was recorded. */
    public Long qualitySeed() {
        return sweep == null ? null : sweep.seed();
    }

    /** The minimum overlap the BD-rates were held to (the default when none was recorded). */
    public double minOverlap() {
        return sweep == null ? DEFAULT_MIN_OVERLAP : sweep.minOverlap();
    }

    /**
     * The experiment's BD-rate on {@code metric}: the mean of the clips' BD-rates (as AWCY averages), defined only
     * when every clip has one; otherwise null with the first clip that has none and why. Its overlap is the
     * smallest of the clips' (the weakest comparison behind the mean).
     */
    public MetricBdRate bdRate(QualityMetric metric) {
        if (clips.isEmpty()) {
            return new MetricBdRate(metric, null, null, "no clips");
        }
        List<MetricBdRate> perClip = clips.stream().map(c -> c.bdRate(metric)).toList();
        Double overlap = perClip.stream().anyMatch(b -> b.overlapPercent() == null) ? null
                : perClip.stream().mapToDouble(MetricBdRate::overlapPercent).min().orElseThrow();
        for (int i = 0; i < perClip.size(); i++) {
            if (!perClip.get(i).defined()) {
                return new MetricBdRate(metric, null, overlap, clips.get(i).clipId() + ": " + perClip.get(i).note());
            }
        }
        return new MetricBdRate(metric, perClip.stream().mapToDouble(MetricBdRate::percent).average().orElseThrow(),
                overlap, null);
    }

    /** The BD-rate on every metric, in {@link QualityMetric} order. */
    public List<MetricBdRate> bdRates() {
        return Arrays.stream(QualityMetric.values()).map(this::bdRate).toList();
    }

    /** The score: BD-rate on PSNR-Y when every clip has one, else null ({@link #bdRateNote()} says why). */
    public Double bdRatePercent() {
        return bdRate(QualityMetric.PSNR_Y).percent();
    }

    /** Why {@link #bdRatePercent()} is null (the clip and the reason), or null. */
    public String bdRateNote() {
        return bdRate(QualityMetric.PSNR_Y).note();
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

    private static Double meanOfAll(List<Double> values) {
        return values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isNaN()) ? null
                : values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
