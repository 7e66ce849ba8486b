package codeclab.harness;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.MetricBdRate;
import codeclab.core.QualityMetric;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;
import codeclab.media.Clip;
import codeclab.metrics.rd.BdRate;
import codeclab.metrics.rd.RateAtQuality;
import codeclab.metrics.rd.RateCurve;
import codeclab.metrics.rd.RatePoint;
import codeclab.sandbox.CodecRunner;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Measures a compiled codec: for each clip, one encode of every quality point and one decode of every
 * bitstream through a {@link CodecRunner}, in an order shuffled from a recorded seed, plus up to a budget of extra
 * points until the candidate's PSNR-Y range covers x264's ({@link Sweep}); then the harness alone computes size,
 * bitrate (bytes &times; 8 &times; fps / frames), PSNR and SSIM against the source frames, BD-rate against the
 * x264 curve of the same clip on PSNR-Y, PSNR-YUV and SSIM-Y (each defined only over at least
 * {@link HarnessConfig#minOverlap()} of x264's range) and the bitrate at the target PSNR-Y.
 *
 * <p>Nothing is ever defaulted: a decoder returning the wrong number or size of frames fails the
 * experiment as BAD_OUTPUT, and a value that cannot be computed (BD-rate of curves that do not overlap,
 * a target the curve never reaches) is null with the reason, not a number.
 */
public final class Harness {

    /** Seeds of the quality order when the caller gives none: unpredictable, and recorded in the evaluation. */
    private static final SecureRandom SEEDS = new SecureRandom();

    private final HarnessConfig config;
    private final BaselineSource baselines;

    public Harness(HarnessConfig config, BaselineSource baselines) {
        this.config = config;
        this.baselines = baselines;
    }

    public HarnessConfig config() {
        return config;
    }

    /** The harness that measured {@code stored}: its sweep and target (the defaults where it recorded none). */
    public static HarnessConfig configOf(Evaluation stored) {
        HarnessConfig c = HarnessConfig.defaults().withTargetPsnrY(stored.targetPsnrY());
        if (stored.sweep() == null) {
            // made before the sweep was recorded: the knobs of its first clip, none added
            return c.withQualities(stored.clips().get(0).points().stream().map(p -> (int) p.quality()).toList()).withExtraPoints(0);
        }
        return new HarnessConfig(stored.sweep().qualities(), stored.targetPsnrY(), stored.sweep().minOverlap(), stored.sweep().extraPoints());
    }

    public Evaluation evaluate(CompiledCodec codec, CodecRunner runner, List<Clip> clips) throws RunFailure {
        return evaluate(codec, runner, clips, msg -> { });
    }

    /** As {@link #evaluate(CompiledCodec, CodecRunner, List)}, reporting progress lines to {@code progress}. */
    public Evaluation evaluate(CompiledCodec codec, CodecRunner runner, List<Clip> clips, Consumer<String> progress)
            throws RunFailure {
        return evaluate(codec, runner, clips, progress, SEEDS.nextLong());
    }

    /**
     * Measures {@code codec} on {@code clips} with the quality points of each round run in an order drawn from
     * {@code qualitySeed} (recorded in the evaluation: the same seed gives the same order, so a re-run reproduces).
     */
    public Evaluation evaluate(CompiledCodec codec, CodecRunner runner, List<Clip> clips, Consumer<String> progress,
                               long qualitySeed) throws RunFailure {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to evaluate on");
        }
        List<ClipEvaluation> out = new ArrayList<>();
        double encodeSeconds = 0;
        double decodeSeconds = 0;
        long frames = 0;
        for (int c = 0; c < clips.size(); c++) {
            Clip clip = clips.get(c);
            progress.accept("x264 baseline of " + clip.name());
            List<RdPoint> baseline = baselines.baseline(clip);
            List<RdPoint> points = sweep(runner, codec, clip, baseline, new Random(qualitySeed + 0x9E3779B97F4A7C15L * (c + 1)), progress);
            for (RdPoint p : points) {
                encodeSeconds += p.encodeSeconds();
                decodeSeconds += p.decodeSeconds();
                frames += clip.frameCount();
            }
            out.add(compare(clip, points, baseline));
        }
        return new Evaluation(config.targetPsnrY(), out, frames / Math.max(encodeSeconds, 1e-9),
                frames / Math.max(decodeSeconds, 1e-9),
                new Evaluation.Sweep(config.qualities(), config.extraPoints(), config.minOverlap(), qualitySeed));
    }

    /**
     * The candidate's RD points on one clip, sorted by knob: the configured knobs, then up to
     * {@link HarnessConfig#extraPoints()} more chosen by {@link Sweep} until its PSNR-Y range covers x264's.
     */
    List<RdPoint> sweep(CodecRunner runner, CompiledCodec codec, Clip clip, List<RdPoint> baseline, Random order,
                        Consumer<String> progress) throws RunFailure {
        progress.accept("encoding and decoding " + clip.name() + " at " + config.qualities().size() + " qualities");
        Map<Integer, RdPoint> measured = new TreeMap<>();
        measure(runner, codec, clip, config.qualities(), order, measured);
        if (!baseline.isEmpty()) {
            double baseMin = baseline.stream().mapToDouble(RdPoint::psnrY).min().orElseThrow();
            double baseMax = baseline.stream().mapToDouble(RdPoint::psnrY).max().orElseThrow();
            int budget = config.extraPoints();
            for (int round = 0; round < 2 && budget > 0; round++) {
                Map<Integer, Double> psnr = new TreeMap<>();
                measured.forEach((k, p) -> psnr.put(k, p.psnrY()));
                List<Integer> more = round == 0 ? Sweep.ends(psnr, baseMin, baseMax, budget)
                        : Sweep.bisections(psnr, baseMin, baseMax, budget);
                if (more.isEmpty()) {
                    continue;
                }
                progress.accept("extending the sweep of " + clip.name() + " by " + more.size()
                        + " qualities to cover x264's PSNR-Y range");
                measure(runner, codec, clip, more, order, measured);
                budget -= more.size();
            }
        }
        return List.copyOf(measured.values());
    }

    /** The candidate's RD points at the configured knobs, sorted by knob (no extension). */
    List<RdPoint> evaluatePoints(CodecRunner runner, CompiledCodec codec, Clip clip) throws RunFailure {
        Map<Integer, RdPoint> measured = new TreeMap<>();
        measure(runner, codec, clip, config.qualities(), new Random(0), measured);
        return List.copyOf(measured.values());
    }

    /**
     * One encode call for {@code knobs} and one decode call for their bitstreams, each in its own order drawn from
     * {@code order}: the candidate cannot tell which quality comes next. Points land in {@code measured} by knob.
     */
    private void measure(CodecRunner runner, CompiledCodec codec, Clip clip, List<Integer> knobs, Random order,
                         Map<Integer, RdPoint> measured) throws RunFailure {
        StreamHeader header = clip.header();
        List<Integer> encodeOrder = new ArrayList<>(knobs);
        Collections.shuffle(encodeOrder, order);
        // The runner gets copies: an in-process encoder that scribbles on its input cannot change the reference.
        List<Frame> copies = clip.frames().stream().map(Frame::copy).toList();
        List<CodecRunner.Encoded> encoded = runner.encode(codec, header, copies, encodeOrder);
        if (encoded.size() != encodeOrder.size()) {
            throw new RunFailure(OutcomeKind.BAD_OUTPUT, "the encoder produced " + encoded.size()
                    + " bitstreams for " + encodeOrder.size() + " qualities");
        }
        List<Integer> decodeOrder = new ArrayList<>(IntStream.range(0, encoded.size()).boxed().toList());
        Collections.shuffle(decodeOrder, order);
        List<CodecRunner.Decoded> decoded = runner.decode(codec, header,
                decodeOrder.stream().map(i -> encoded.get(i).bitstream()).toList());
        if (decoded.size() != decodeOrder.size()) {
            throw new RunFailure(OutcomeKind.BAD_OUTPUT, "the decoder returned " + decoded.size()
                    + " sequences for " + decodeOrder.size() + " bitstreams");
        }
        for (int j = 0; j < decodeOrder.size(); j++) {
            CodecRunner.Encoded e = encoded.get(decodeOrder.get(j));
            CodecRunner.Decoded d = decoded.get(j);
            checkFrames(header, d.frames(), e.quality());
            measured.put(e.quality(), RdMeasure.point(e.quality(), e.bitstream().length, header, clip.frames(),
                    d.frames(), e.seconds(), d.seconds()));
        }
    }

    /** BD-rates (every metric) and bitrate at target of a candidate curve against the baseline curve of the same clip. */
    ClipEvaluation compare(Clip clip, List<RdPoint> points, List<RdPoint> baseline) {
        List<MetricBdRate> bdRates = new ArrayList<>();
        for (QualityMetric m : QualityMetric.values()) {
            BdRate bd = BdRate.compute(ratePoints(baseline, m), ratePoints(points, m), config.minOverlap());
            Double overlap = Double.isNaN(bd.overlapShare()) ? null : bd.overlapPercent();
            bdRates.add(bd.defined() ? new MetricBdRate(m, bd.percent(), overlap, null)
                    : new MetricBdRate(m, null, overlap, bd.reason()));
        }
        List<RatePoint> cand = ratePoints(points, QualityMetric.PSNR_Y);
        RateAtQuality at = RateCurve.rateAt(cand, config.targetPsnrY());
        RateAtQuality baseAt = RateCurve.rateAt(ratePoints(baseline, QualityMetric.PSNR_Y), config.targetPsnrY());
        return new ClipEvaluation(clip.name(), clip.contentHash(), clip.width(), clip.height(), clip.frameCount(),
                clip.header().fps(), points, baseline, bdRates,
                at.defined() ? at.rate() : null, baseAt.defined() ? baseAt.rate() : null,
                at.defined() ? null : "bitrate at target: " + at.reason(), clip.metadata().source());
    }

    /**
     * The curve of one metric. Points that repeat another's size and quality exactly (two knobs the codec maps to the
     * same stream) count once: they are one point of the curve, not two points of equal quality.
     */
    private static List<RatePoint> ratePoints(List<RdPoint> points, QualityMetric metric) {
        return points.stream().map(p -> new RatePoint(p.bitrateKbps(), metric.of(p))).distinct().toList();
    }

    private static void checkFrames(StreamHeader header, List<Frame> frames, int quality) throws RunFailure {
        if (frames.size() != header.frameCount()) {
            throw new RunFailure(OutcomeKind.BAD_OUTPUT, "the decoder returned " + frames.size() + " frames at quality "
                    + quality + "; the stream header says " + header.frameCount());
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f == null || f.width() != header.width() || f.height() != header.height()) {
                throw new RunFailure(OutcomeKind.BAD_OUTPUT, "decoded frame " + i + " at quality " + quality + " is "
                        + (f == null ? "null" : f.width() + "x" + f.height()) + "; expected " + header.width() + "x" + header.height());
            }
        }
    }
}
