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
 * Builds the planner prompt. The system text is fixed per planner version: the codec contract, toolkit, sandbox rules
 * and what the harness measures, once (docs/CODEC-API.md, bundled at build time, without its example codec: the parent
 * shown in every prompt is a better one). The user text holds the parent's code with its RD numbers, the children
 * already tried on it, top and diverse programs in summary, one lesson per failure class, the loop's hints and the
 * answer format.
 */
public final class PromptBuilder {

    /** The system and user text of one planning conversation. */
    public record Prompt(String system, String user) {
    }

    /**
     * The program a change starts from.
     *
     * @param id      its experiment id, or null for a reference codec not yet run in this run
     * @param label   how the prompt names it ("experiment e1", "reference codec InterCodec")
     * @param program the experiment with its numbers, or null for a reference codec
     * @param source  its Java source
     */
    public record Parent(String id, String label, Program program, String source) {
    }

    /** Everything the prompt shows; lists may be empty, {@code parent} may be null. */
    public record Context(Parent parent, List<Program> top, List<Program> diverse, List<Lesson> lessons,
                          List<Program> children, List<String> otherReferences, List<String> hints) {
        public Context {
            top = List.copyOf(top);
            diverse = List.copyOf(diverse);
            lessons = List.copyOf(lessons);
            children = List.copyOf(children);
            otherReferences = List.copyOf(otherReferences);
            hints = hints == null ? List.of() : List.copyOf(hints);
        }
    }

    /** Said once, in the system text: how experiments are ranked (the contract document says what is measured). */
    static final String SCORE = """
            ## How experiments are ranked
            By the BD-rate against x264 described above (an experiment without one ranks after every measured one);
            the bitrate at the target PSNR-Y is the second figure. Parents are chosen by how much they beat the strongest
            reference codec on both PSNR-Y and PSNR-YUV, so moving bits between luma and chroma is not a gain. Make the curve span the x264
            quality range, and keep the bitrate rising with the quality knob.
            """;

    static final String PACKAGE_RULE = "no package line or `package candidate;`, as the parent has it";

    static final String FORMAT = """
            ## Answer format
            First line: `HYPOTHESIS: <one or two sentences: what you change and why it should lower the BD-rate>`.
            Then EITHER one or more SEARCH/REPLACE blocks against the parent source (preferred: short), exactly:
            <<<<<<< SEARCH
            <lines copied exactly from the parent>
            =======
            <the new lines>
            >>>>>>> REPLACE
            Each SEARCH text must occur exactly once in the parent.
            OR the complete new source file in exactly one ```java block (one public class implementing Codec,
            %s).
            Nothing else: no second code block, no explanation after the code.
            """.formatted(PACKAGE_RULE);

    private static final String EXAMPLE_HEADING = "## Minimal example codec";

    private final String system;

    public PromptBuilder() {
        this(loadCodecApi());
    }

    public PromptBuilder(String codecApi) {
        this.system = "You are a video-compression researcher in codec-lab, an automated research loop. You write"
                + " Java codecs that a harness measures against x264. You answer in the exact format requested.\n\n"
                + withoutExample(codecApi).strip() + "\n\n" + SCORE;
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

    /** The contract without its example codec section (every prompt shows a real parent instead). */
    static String withoutExample(String api) {
        int at = api.indexOf(EXAMPLE_HEADING);
        if (at < 0) {
            return api;
        }
        int next = api.indexOf("\n## ", at + EXAMPLE_HEADING.length());
        return api.substring(0, at) + (next < 0 ? "" : api.substring(next + 1));
    }

    /** The system text: the same for every call of this planner. */
    public String system() {
        return system;
    }

    public Prompt build(Context c) {
        StringBuilder u = new StringBuilder();
        if (c.parent() != null) {
            Parent parent = c.parent();
            u.append("## Parent: ").append(parent.label()).append('\n');
            Program p = parent.program();
            if (p != null) {
                u.append("Hypothesis it tested: ").append(nz(p.experiment().hypothesis())).append('\n');
                u.append(summary(p)).append('\n');
                if (p.evaluation() != null) {
                    u.append(rdTable(p.evaluation()));
                }
            } else {
                u.append("A reference codec of codec-lab, not yet measured in this run (the reference codecs are listed"
                        + " in the contract above).\n");
            }
            u.append("\nSource (").append(PACKAGE_RULE).append("):\n```java\n").append(parent.source().stripTrailing()).append("\n```\n\n");
            u.append("Task: improve this codec so its BD-rate drops. Make one focused, well-reasoned change.\n\n");
        } else {
            u.append("## No parent\nWrite a complete first codec for the contract above: a sound, simple design"
                    + " (e.g. block transform + quantisation + entropy coding, then inter prediction). Answer with full source.\n\n");
        }
        if (!c.children().isEmpty()) {
            u.append("## Already tried on this parent (do not repeat; build on what worked)\n");
            c.children().forEach(p -> u.append("- ").append(p.id()).append(' ').append(outcome(p)).append(" | ")
                    .append(nz(p.experiment().hypothesis())).append('\n'));
            u.append('\n');
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
        if (!c.otherReferences().isEmpty()) {
            u.append("## Other reference codecs (not shown; described in the contract): ")
                    .append(String.join(", ", c.otherReferences())).append("\n\n");
        }
        if (!c.lessons().isEmpty()) {
            u.append("## Lessons from failures (the latest of each kind; do not repeat them)\n");
            for (Lesson l : c.lessons()) {
                u.append("- ").append(l.outcome()).append(" in ").append(l.id())
                        .append(l.parentId() == null ? "" : " (parent " + l.parentId() + ")")
                        .append(" | tried: ").append(nz(l.hypothesis())).append("\n  error: ").append(l.firstLine()).append('\n');
                if (l.region() != null) {
                    u.append("  code:\n").append(l.region().indent(4));
                }
            }
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

    private static String outcome(Program p) {
        if (p.outcome() == null) {
            return "in flight";
        }
        return p.outcome() == codeclab.core.OutcomeKind.OK ? "completed, " + summary(p)
                : p.outcome() + ": " + clip(nz(p.message()).lines().findFirst().orElse(""), 200);
    }

    static String summary(Program p) {
        Evaluation e = p.evaluation();
        String ratio = e != null && e.ratioToBaseline() != null ? fmt("%.2fx x264", e.ratioToBaseline()) : "n/a";
        Double yuv = e == null ? null : e.bdRate(codeclab.core.QualityMetric.PSNR_YUV).percent();
        return "BD-rate " + (p.bdRatePercent() == null ? "n/a" : fmt("%+.2f%%", p.bdRatePercent()))
                + (yuv == null ? "" : fmt(" (PSNR-YUV %+.2f%%)", yuv))
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

    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
