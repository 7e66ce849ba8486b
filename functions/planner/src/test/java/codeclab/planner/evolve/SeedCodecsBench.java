package codeclab.planner.evolve;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.ClipEvaluation;
import codeclab.core.RdPoint;
import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference codecs (seeds) on real clips: per clip the RD points of the codec and of x264 medium, the
 * BD-rate (PSNR-Y) with the PSNR-Y range both curves cover (the overlap it is computed on), and encode /
 * decode speed in frames per CPU-second of one thread (wall time on a shared machine says more about the
 * other tenants than about the codec). Not a test: {@code .ci/bench-codec}.
 *
 * <p>Arguments: output folder, then one or more folders of *.y4m clips; optional {@code --codecs A,B}.
 */
public final class SeedCodecsBench {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        List<String> codecs = new ArrayList<>(ReferenceCodecs.names());
        List<Clip> clips = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--codecs")) {
                codecs = List.of(args[++i].split(","));
            } else {
                clips.addAll(DevClipsEvolutionBench.y4mClips(Path.of(args[i])));
            }
        }
        Harness harness = new Harness(HarnessConfig.defaults(), new X264Baselines(out.resolve("x264-cache")));
        HarnessEvaluator ev = new HarnessEvaluator(harness, clips);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Clips: %s; qualities %s; x264 preset medium CRF 18..38. Load average at start: %s.%n%n",
                clips.stream().map(c -> c.name() + " " + c.width() + "x" + c.height() + "x" + c.frameCount()).toList(),
                HarnessConfig.DEFAULT_QUALITIES, Files.readString(Path.of("/proc/loadavg")).strip()));
        md.append("| codec | clip | BD-rate PSNR-Y | overlap PSNR-Y (dB) | codec range | x264 range | enc fps (CPU) | dec fps (CPU) |\n|---|---|---:|---|---|---|---:|---:|\n");
        StringBuilder curves = new StringBuilder("\nRD points (kbps @ PSNR-Y dB):\n\n");
        for (String name : codecs) {
            Evaluator.Result r = ev.evaluate(ReferenceCodecs.asCandidate(name));
            if (!(r instanceof Evaluator.Result.Measured m)) {
                md.append("| ").append(name).append(" | all | failed: ").append(((Evaluator.Result.Failed) r).message()).append(" |||||\n");
                continue;
            }
            for (int i = 0; i < clips.size(); i++) {
                ClipEvaluation c = m.evaluation().clips().get(i);
                double[] fps = cpuFps(ReferenceCodecs.create(name), clips.get(i));
                double lo = Math.max(min(c.points()), min(c.baseline()));
                double hi = Math.min(max(c.points()), max(c.baseline()));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f-%.1f | %.1f-%.1f | %.1f | %.1f |%n", name, c.clipId(),
                        c.bdRatePercent() == null ? "n/a (" + c.bdRateNote() + ")" : String.format(Locale.ROOT, "%+.1f %%", c.bdRatePercent()),
                        hi > lo ? String.format(Locale.ROOT, "%.1f-%.1f", lo, hi) : "none",
                        min(c.points()), max(c.points()), min(c.baseline()), max(c.baseline()), fps[0], fps[1]));
                curves.append("- ").append(name).append(" / ").append(c.clipId()).append(": ").append(points(c.points()))
                        .append("; x264: ").append(points(c.baseline())).append('\n');
                System.out.println(name + " " + c.clipId() + " BD-rate " + c.bdRatePercent());
            }
            md.append(String.format(Locale.ROOT, "| %s | **all (harness BD-rate)** | **%s** |||||%n", name,
                    m.evaluation().bdRatePercent() == null ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", m.evaluation().bdRatePercent())));
        }
        md.append(curves);
        Files.createDirectories(out);
        Files.writeString(out.resolve("seed-codecs-bench.md"), md.toString());
        System.out.println(md);
    }

    /** Frames per CPU-second (this thread) of encoding and decoding the clip at quality 60, after one warm-up pass. */
    static double[] cpuFps(Codec codec, Clip clip) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] best = {0, 0};
        for (int pass = 0; pass < 2; pass++) {
            long t0 = mx.getCurrentThreadCpuTime();
            Encoder e = codec.encoder(clip.header(), 60);
            for (Frame f : clip.frames()) {
                e.encode(f);
            }
            byte[] bits = e.finish();
            long t1 = mx.getCurrentThreadCpuTime();
            Decoder d = codec.decoder(clip.header(), bits);
            for (int i = 0; i < clip.frameCount(); i++) {
                d.decode();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            best[0] = clip.frameCount() / ((t1 - t0) / 1e9);
            best[1] = clip.frameCount() / ((t2 - t1) / 1e9);
        }
        return best;
    }

    private static double min(List<RdPoint> p) {
        return p.stream().mapToDouble(RdPoint::psnrY).min().orElse(Double.NaN);
    }

    private static double max(List<RdPoint> p) {
        return p.stream().mapToDouble(RdPoint::psnrY).max().orElse(Double.NaN);
    }

    private static String points(List<RdPoint> pts) {
        return String.join(", ", pts.stream().map(p -> String.format(Locale.ROOT, "%.0f@%.2f", p.bitrateKbps(), p.psnrY())).toList());
    }
}
