package codeclab.harness;

import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures a compiled codec: for each clip, one encode of every quality point and one decode of every
 * bitstream through a {@link CodecRunner}, then the harness alone computes size, bitrate
 * (bytes &times; 8 &times; fps / frames), PSNR and SSIM against the source frames, BD-rate against the
 * x264 curve of the same clip and the bitrate at the target PSNR-Y.
 *
 * <p>Nothing is ever defaulted: a decoder returning the wrong number or size of frames fails the
 * experiment as BAD_OUTPUT, and a value that cannot be computed (BD-rate of curves that do not overlap,
 * a target the curve never reaches) is null with the reason, not a number.
 */
public final class Harness {

    private final HarnessConfig config;
    private final BaselineSource baselines;

    public Harness(HarnessConfig config, BaselineSource baselines) {
        this.config = config;
        this.baselines = baselines;
    }

    public HarnessConfig config() {
        return config;
    }

    public Evaluation evaluate(CompiledCodec codec, CodecRunner runner, List<Clip> clips) throws RunFailure {
        return evaluate(codec, runner, clips, msg -> { });
    }

    /** As {@link #evaluate(CompiledCodec, CodecRunner, List)}, reporting progress lines to {@code progress}. */
    public Evaluation evaluate(CompiledCodec codec, CodecRunner runner, List<Clip> clips, Consumer<String> progress)
            throws RunFailure {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to evaluate on");
        }
        List<ClipEvaluation> out = new ArrayList<>();
        double encodeSeconds = 0;
        double decodeSeconds = 0;
        long frames = 0;
        for (Clip clip : clips) {
            progress.accept("encoding and decoding " + clip.name() + " at " + config.qualities().size() + " qualities");
            List<RdPoint> points = evaluatePoints(runner, codec, clip);
            for (RdPoint p : points) {
                encodeSeconds += p.encodeSeconds();
                decodeSeconds += p.decodeSeconds();
                frames += clip.frameCount();
            }
            progress.accept("x264 baseline of " + clip.name());
            out.add(compare(clip, points, baselines.baseline(clip)));
        }
        return new Evaluation(config.targetPsnrY(), out, frames / Math.max(encodeSeconds, 1e-9), frames / Math.max(decodeSeconds, 1e-9));
    }

    /** The candidate's RD points on one clip: one encode process for every quality, one decode process for every bitstream. */
    List<RdPoint> evaluatePoints(CodecRunner runner, CompiledCodec codec, Clip clip) throws RunFailure {
        StreamHeader header = clip.header();
        // The runner gets copies: an in-process encoder that scribbles on its input cannot change the reference.
        List<Frame> copies = clip.frames().stream().map(Frame::copy).toList();
        List<CodecRunner.Encoded> encoded = runner.encode(codec, header, copies, config.qualities());
        if (encoded.size() != config.qualities().size()) {
            throw new RunFailure(OutcomeKind.BAD_OUTPUT, "the encoder produced " + encoded.size()
                    + " bitstreams for " + config.qualities().size() + " qualities");
        }
        List<CodecRunner.Decoded> decoded = runner.decode(codec, header, encoded.stream().map(CodecRunner.Encoded::bitstream).toList());
        List<RdPoint> points = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            CodecRunner.Encoded e = encoded.get(i);
            CodecRunner.Decoded d = decoded.get(i);
            checkFrames(header, d.frames(), e.quality());
            points.add(RdMeasure.point(e.quality(), e.bitstream().length, header, clip.frames(), d.frames(), e.seconds(), d.seconds()));
        }
        return points;
    }

    /** BD-rate and bitrate at target of a candidate curve against the baseline curve of the same clip. */
    ClipEvaluation compare(Clip clip, List<RdPoint> points, List<RdPoint> baseline) {
        List<RatePoint> cand = ratePoints(points);
        List<RatePoint> base = ratePoints(baseline);
        BdRate bd = BdRate.compute(base, cand);
        RateAtQuality at = RateCurve.rateAt(cand, config.targetPsnrY());
        RateAtQuality baseAt = RateCurve.rateAt(base, config.targetPsnrY());
        String note = bd.defined() ? null : bd.reason();
        if (!at.defined()) {
            note = (note == null ? "" : note + "; ") + "bitrate at target: " + at.reason();
        }
        return new ClipEvaluation(clip.name(), clip.contentHash(), clip.width(), clip.height(), clip.frameCount(),
                clip.header().fps(), points, baseline,
                bd.defined() ? bd.percent() : null, note,
                at.defined() ? at.rate() : null, baseAt.defined() ? baseAt.rate() : null);
    }

    private static List<RatePoint> ratePoints(List<RdPoint> points) {
        return points.stream().map(p -> new RatePoint(p.bitrateKbps(), p.psnrY())).toList();
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
