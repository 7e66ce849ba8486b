package codeclab.cli;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.RunFailure;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code codec-lab evaluate --codec Foo.java --clip X}: compiles and verifies the codec, runs the RD sweep in
 * the sandbox (one encoder and one decoder child process per clip), and prints the RD points, BD-rate vs
 * x264, bitrate at target quality and speed.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a codec: RD curve, BD-rate vs x264 on the same clips, bitrate at target PSNR-Y, encode/decode speed.")
public final class EvaluateCommand implements Runnable {

    @Option(names = "--codec", required = true, description = "Java source of a class implementing codeclab.codec.Codec.")
    Path codec;

    @Option(names = "--clip", required = true, description = "Clip file, clip name, or set (dev, tiny, holdout). Repeatable.")
    List<String> clips;

    @Option(names = "--qualities", split = ",", description = "Quality knobs of the sweep, at least 4 (default: 20,40,60,80,95).")
    List<Integer> qualities = HarnessConfig.DEFAULT_QUALITIES;

    @Option(names = "--target-psnr", description = "PSNR-Y (dB) for 'bitrate at target quality' (default: ${DEFAULT-VALUE}).", defaultValue = "38")
    double targetPsnr;

    @Option(names = "--data", defaultValue = "codec-lab-data", description = "Data folder (clips, x264 cache) (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print the evaluation as JSON.")
    boolean json;

    @Override
    public void run() {
        String source = read(codec);
        List<Clip> input = ClipArgs.resolve(data, clips);
        Validator validator = new Validator(SandboxConfig.defaults());
        CompiledCodec compiled;
        try {
            compiled = validator.compileAndVerify(source);
        } catch (Exception e) {
            throw new UserError(codec + ": " + e.getMessage(), 3);
        }
        codeclab.core.CodecSize size = Validator.size(compiled);
        Harness harness = new Harness(new HarnessConfig(qualities, targetPsnr), new X264Baselines(data.resolve("baselines")));
        Evaluation ev;
        try {
            ev = harness.evaluate(compiled, validator.runner(), input, msg -> {
                if (!json) {
                    System.err.println("... " + msg);
                }
            }).withCodecSize(size);
        } catch (RunFailure f) {
            throw new UserError(codec + ": " + f.kind() + ": " + f.getMessage(), 4);
        }
        if (json) {
            System.out.println(Json.write(JsonNumbers.finite(ev)));
            return;
        }
        for (ClipEvaluation c : ev.clips()) {
            System.out.printf("%s (%dx%d, %d frames @ %.3g fps)%s%n", c.clipId(), c.width(), c.height(), c.frames(), c.fps(),
                    c.source() == null ? "" : ": " + c.source());
            System.out.println(" candidate");
            RdTable.print(c.points(), "QUALITY");
            System.out.println(" x264 (preset medium)");
            RdTable.print(c.baseline(), "CRF");
            BdRateTable.print("BD-rate vs x264 on " + c.clipId(), c.bdRates());
            System.out.printf(Locale.ROOT, " bitrate at PSNR-Y %.1f dB: %s kbps (x264: %s kbps)%n", ev.targetPsnrY(),
                    kbps(c.bitrateAtTargetKbps()), kbps(c.baselineBitrateAtTargetKbps()));
        }
        BdRateTable.printExperiment(ev);
        System.out.printf(Locale.ROOT, "summary: BD-rate (PSNR-Y) %s, bitrate at target %s kbps, ratio to x264 %s, encode %.1f fps, decode %.1f fps%n",
                ev.bdRate(codeclab.core.QualityMetric.PSNR_Y).format(),
                kbps(ev.bitrateAtTargetKbps()), ev.ratioToBaseline() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ev.ratioToBaseline()),
                ev.encodeFps(), ev.decodeFps());
        System.out.printf(Locale.ROOT, "codec size: %d bytes of class files, %d bytes of literal data (limit %d)%n",
                size.classFileBytes(), size.literalDataBytes(), validator.config().maxLiteralDataBytes());
    }

    private static String kbps(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }
}
