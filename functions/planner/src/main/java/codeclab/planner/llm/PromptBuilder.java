package codeclab.planner.llm;

import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.RdPoint;
import codeclab.planner.Program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Builds the planner prompt: the codec contract and toolkit (docs/CODEC-API.md, bundled at build time),
 * the sandbox rules, what the metric rewards, the parent's code with its full RD numbers, top and diverse
 * programs in summary, the last failures with their errors, the loop's hints and the answer format.
 */
public final class PromptBuilder {

    /** The system and user text of one planning conversation. */
    public record Prompt(String system, String user) {
    }

    /** Everything the prompt shows; lists may be empty, {@code parent} and {@code parentSource} may be null. */
    public record Context(Program parent, String parentSource, List<Program> top, List<Program> diverse,
                          List<Program> failures, List<String> hints) {
        public Context {
            top = List.copyOf(top);
            diverse = List.copyOf(diverse);
            failures = List.copyOf(failures);
            hints = hints == null ? List.of() : List.copyOf(hints);
        }
    }

    static final String SANDBOX_RULES = """
            ## Sandbox rules (checked on the bytecode; a violation fails the experiment as FORBIDDEN_API)
            Allowed: the codec API (codeclab.codec.*) and toolkit (codeclab.codec.toolkit.*), java.lang basics
            (Math, StrictMath, boxed types, String, StringBuilder, arrays, exceptions), java.util collections and
            Arrays, System.arraycopy, lambdas and string concatenation.
            Forbidden, and why: files, network, environment and system properties (the codec must depend on nothing
            but its input, and the harness must measure every bit it uses); reflection, method handles, class loading,
            Unsafe, native code / JNI, serialization (they escape the bytecode check); threads and executors,
            processes, System.exit (the run is single-threaded and killed at its limits).
            Limits: a separate JVM with a capped heap and a wall-clock kill: keep memory and time proportional to
            the frames (no giant tables, no exhaustive searches).
            """;

    static final String METRIC = """
            ## What is measured and rewarded
            The harness encodes the dev clips at several quality values (0..100), decodes each bitstream in a fresh
            process and measures bitrate (bitstream bytes x 8 x fps / frames) and PSNR-Y, PSNR-YUV and SSIM itself.
            The score is the BD-rate against x264 on PSNR-Y over the rate-distortion curve: the average bitrate
            difference at equal quality, in percent; LOWER IS BETTER (-10% = 10% fewer bits than x264). The
            tie-break is the bitrate at the target PSNR-Y. So: spend bits where they buy PSNR-Y, make the curve
            span the target quality, and keep the bitrate increasing with the quality knob. A decoder that returns
            the wrong number or size of frames fails; a codec never reports its own metrics.
            """;

    static final String FORMAT = """
            ## Answer format
            First line: `HYPOTHESIS: <one or two sentences: what you change and why it should lower the BD-rate>`.
            Then EITHER the complete new source file in exactly one ```java block (one public class implementing
            Codec, no package line), OR one or more SEARCH/REPLACE blocks against the parent source, exactly:
            <<<<<<< SEARCH
            <lines copied exactly from the parent>
            =======
            <the new lines>
            >>>>>>> REPLACE
            Each SEARCH text must occur exactly once in the parent. Use full source when no parent is shown.
            Nothing else: no second code block, no explanation after the code.
            """;

    private final String codecApi;

    public PromptBuilder() {
        this(loadCodecApi());
    }

    public PromptBuilder(String codecApi) {
        this.codecApi = codecApi;
    }

    /** docs/CODEC-API.md as bundled in the jar. */
    public static String loadCodecApi() {
        try (InputStream in = PromptBuilder.class.getResourceAsStream("CODEC-API.md")) {
            if (in == null) {
                throw new IllegalStateException("CODEC-API.md is missing from the planner jar; rebuild functions/planner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled CODEC-API.md", e);
        }
    }

    public Prompt build(Context c) {
        String system = "You are a video-compression researcher in codec-lab, an automated research loop. You write"
                + " Java codecs that a harness measures against x264. You answer in the exact format requested.\n\n"
                + "## Codec contract and toolkit\n" + codecApi.strip() + "\n\n" + SANDBOX_RULES + "\n" + METRIC;
        StringBuilder u = new StringBuilder();
        if (c.parent() != null && c.parentSource() != null) {
            Program p = c.parent();
            u.append("## Parent program ").append(p.id()).append('\n');
            u.append("Hypothesis it tested: ").append(nz(p.experiment().hypothesis())).append('\n');
            u.append(summary(p)).append('\n');
            if (p.evaluation() != null) {
                u.append(rdTable(p.evaluation()));
            }
            u.append("\nSource:\n```java\n").append(c.parentSource().stripTrailing()).append("\n```\n\n");
            u.append("Task: improve this codec so its BD-rate drops. Make one focused, well-reasoned change.\n\n");
        } else {
            u.append("## No parent yet\nWrite a complete first codec for the contract above: a sound, simple design"
                    + " (e.g. block transform + quantisation + entropy coding, then inter prediction). Answer with full source.\n\n");
        }
        if (!c.top().isEmpty()) {
            u.append("## Best programs so far\n");
            c.top().forEach(p -> u.append("- ").append(p.id()).append(": ").append(summary(p))
                    .append(" | ").append(nz(p.experiment().hypothesis())).append('\n'));
            u.append('\n');
        }
        if (!c.diverse().isEmpty()) {
            u.append("## Other approaches tried (for diversity)\n");
            c.diverse().forEach(p -> u.append("- ").append(p.id()).append(": ").append(summary(p))
                    .append(" | ").append(nz(p.experiment().hypothesis())).append('\n'));
            u.append('\n');
        }
        if (!c.failures().isEmpty()) {
            u.append("## Recent failures (do not repeat them)\n");
            c.failures().forEach(p -> u.append("- ").append(p.id()).append(" ").append(p.outcome())
                    .append(" | tried: ").append(nz(p.experiment().hypothesis())).append("\n  error: ")
                    .append(clip(nz(p.message()), 1500).replace("\n", "\n  ")).append('\n'));
            u.append('\n');
        }
        if (!c.hints().isEmpty()) {
            u.append("## Notes from the loop\n");
            c.hints().forEach(h -> u.append("- ").append(h).append('\n'));
            u.append('\n');
        }
        u.append(FORMAT);
        return new Prompt(system, u.toString());
    }

    static String summary(Program p) {
        Evaluation e = p.evaluation();
        String ratio = e != null && e.ratioToBaseline() != null ? fmt("%.2fx x264", e.ratioToBaseline()) : "n/a";
        return "BD-rate " + (p.bdRatePercent() == null ? "n/a" : fmt("%+.2f%%", p.bdRatePercent()))
                + ", bitrate at target " + (p.bitrateAtTargetKbps() == null ? "n/a" : fmt("%.1f kbps", p.bitrateAtTargetKbps()))
                + " (" + ratio + ")";
    }

    static String rdTable(Evaluation e) {
        StringBuilder s = new StringBuilder();
        s.append(fmt("RD points (target PSNR-Y %.1f dB", e.targetPsnrY()))
                .append(fmt("; encode %.1f fps, decode %.1f fps):\n", e.encodeFps(), e.decodeFps()));
        for (ClipEvaluation c : e.clips()) {
            s.append("clip ").append(c.clipId()).append(fmt(" %dx%d, %d frames", c.width(), c.height(), c.frames()))
                    .append(": BD-rate ").append(c.bdRatePercent() == null ? "n/a (" + nz(c.bdRateNote()) + ")" : fmt("%+.2f%%", c.bdRatePercent()))
                    .append(", at target ").append(c.bitrateAtTargetKbps() == null ? "n/a" : fmt("%.1f kbps", c.bitrateAtTargetKbps()))
                    .append(" vs x264 ").append(c.baselineBitrateAtTargetKbps() == null ? "n/a" : fmt("%.1f kbps", c.baselineBitrateAtTargetKbps()))
                    .append('\n');
            s.append("  quality | kbps | PSNR-Y | PSNR-YUV | SSIM-Y\n");
            for (RdPoint p : c.points()) {
                s.append(fmt("  %.0f | %.1f | %.2f | %.2f | %.4f%n", p.quality(), p.bitrateKbps(), p.psnrY(), p.psnrYuv(), p.ssimY()));
            }
            if (!c.baseline().isEmpty()) {
                s.append("  x264: ");
                c.baseline().forEach(p -> s.append(fmt("%.1f kbps @ %.2f dB; ", p.bitrateKbps(), p.psnrY())));
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    private static String nz(String s) {
        return s == null || s.isBlank() ? "(none)" : s;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
