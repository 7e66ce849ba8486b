package codeclab.planner.evolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Genome} into one self-contained Java source file implementing the codec contract
 * (the same contract an LLM writes to). Parameters become constants; structural switches include or
 * drop whole parts (motion search, deblocking filter, range coder or Exp-Golomb). The genome is kept as
 * a {@code // genome: {...}} comment so it can be read back from any stored source.
 */
public final class CodecTemplate {

    public static final String DEFAULT_CLASS = "EvolvedCodec";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GENOME_LINE = Pattern.compile("(?m)^// genome: (\\{.*})\\s*$");
    private static final String TEMPLATE = load();

    private CodecTemplate() {
    }

    public static String render(Genome g) {
        return render(g, DEFAULT_CLASS);
    }

    /** Renders {@code g} as public class {@code className}. */
    public static String render(Genome g, String className) {
        Map<String, Boolean> flags = Map.of(
                "INTER", g.inter() && g.keyframeInterval() > 1,
                "DEBLOCK", g.deblockStrength() > 0,
                "ARITH", g.entropy() != Genome.Entropy.EXP_GOLOMB,
                "POSITIONAL", g.entropy() == Genome.Entropy.ARITH_POSITIONAL);
        String body = select(TEMPLATE, flags);
        Map<String, String> values = Map.ofEntries(
                Map.entry("CLASS", className),
                Map.entry("GENOME_JSON", toJson(g)),
                Map.entry("DESCRIPTION", "Evolved codec: " + g.describe() + "."),
                Map.entry("TRANSFORM", Integer.toString(g.transform())),
                Map.entry("STEP_SCALE", num(g.stepScale())),
                Map.entry("MATRIX_SLOPE", num(g.matrixSlope())),
                Map.entry("ROUNDING", num(g.rounding())),
                Map.entry("CHROMA_SCALE", num(g.chromaScale())),
                Map.entry("DOWNSCALE", Integer.toString(g.downscale())),
                Map.entry("MOTION_BLOCK", Integer.toString(g.motionBlock())),
                Map.entry("SEARCH_RANGE", Integer.toString(g.searchRange())),
                Map.entry("KEYINT", Integer.toString(g.inter() ? g.keyframeInterval() : 1)),
                Map.entry("INTER_SCALE", num(g.interScale())),
                Map.entry("DEBLOCK_STRENGTH", Integer.toString(g.deblockStrength())));
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("codec template placeholder ${" + m.group(1) + "} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The genome recorded in a rendered source, or empty for sources the template did not produce. */
    public static Optional<Genome> genomeOf(String source) {
        if (source == null) {
            return Optional.empty();
        }
        Matcher m = GENOME_LINE.matcher(source);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(m.group(1), Genome.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a hand-edited header is simply not a genome
        }
    }

    static String toJson(Genome g) {
        try {
            return JSON.writeValueAsString(g);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write genome as JSON", e);
        }
    }

    /** Keeps the lines between {@code //#if FLAG}, {@code //#else}, {@code //#endif} whose condition holds. */
    static String select(String text, Map<String, Boolean> flags) {
        StringBuilder out = new StringBuilder();
        Deque<Boolean> active = new ArrayDeque<>();
        Deque<Boolean> branch = new ArrayDeque<>();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("//#if ")) {
                String flag = t.substring(6).strip();
                if (!flags.containsKey(flag)) {
                    throw new IllegalStateException("codec template uses unknown flag " + flag);
                }
                branch.push(flags.get(flag));
                active.push(!active.contains(false) && flags.get(flag));
            } else if (t.equals("//#else")) {
                boolean cond = branch.peek();
                active.pop();
                active.push(!active.contains(false) && !cond);
            } else if (t.equals("//#endif")) {
                active.pop();
                branch.pop();
            } else if (!active.contains(false)) {
                out.append(line).append('\n');
            }
        }
        if (!active.isEmpty()) {
            throw new IllegalStateException("codec template has an unclosed //#if");
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String load() {
        try (InputStream in = CodecTemplate.class.getResourceAsStream("codec-template.txt")) {
            if (in == null) {
                throw new IllegalStateException("codec-template.txt is missing from the planner jar; rebuild functions/planner");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
