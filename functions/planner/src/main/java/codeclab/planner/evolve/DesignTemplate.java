package codeclab.planner.evolve;

import codeclab.codec.seeds.ReferenceCodecs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Design} as a candidate source: the {@code HybridCodec} reference source (as a
 * candidate) with the values of its design block replaced, nothing else. The strong seed therefore
 * renders that reference codec byte for byte, and a design is read back from any source that carries
 * the block.
 */
public final class DesignTemplate {

    public static final String REFERENCE = "HybridCodec";
    private static final String BEGIN = "// @design-begin";
    private static final String END = "// @design-end";
    private static final Pattern CONSTANT = Pattern.compile("(static final (?:int|double) )([A-Z_]+)( = )([^;]+)(;)");
    private static final String BASE = ReferenceCodecs.asCandidate(REFERENCE);

    private DesignTemplate() {
    }

    /** The reference source every design is rendered from. */
    static String base() {
        return BASE;
    }

    /** The candidate source of design {@code d}. */
    public static String render(Design d) {
        int[] block = block(BASE).orElseThrow(() -> new IllegalStateException(
                REFERENCE + " has no '" + BEGIN + "' ... '" + END + "' block; the planner cannot render designs"));
        Matcher m = CONSTANT.matcher(BASE).region(block[0], block[1]);
        StringBuilder out = new StringBuilder(BASE.substring(0, block[0]));
        int seen = 0;
        int at = block[0];
        while (m.find()) {
            Design.Gene g = gene(m.group(2));
            out.append(BASE, at, m.start(4)).append(d.literal(g));
            at = m.end(4);
            seen++;
        }
        if (seen != Design.Gene.values().length) {
            throw new IllegalStateException(REFERENCE + "'s design block has " + seen + " constants; the planner knows "
                    + Design.Gene.values().length + " genes: keep them in step");
        }
        return out.append(BASE, at, BASE.length()).toString();
    }

    /** The design a source carries, or empty for sources without a complete, readable design block. */
    public static Optional<Design> designOf(String source) {
        if (source == null) {
            return Optional.empty();
        }
        Optional<int[]> block = block(source);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = CONSTANT.matcher(source).region(block.get()[0], block.get()[1]);
        Map<Design.Gene, Double> genes = new EnumMap<>(Design.Gene.class);
        while (m.find()) {
            try {
                genes.put(Design.Gene.valueOf(m.group(2)), Double.parseDouble(m.group(4).strip()));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // an edited block is not a design the planner can vary
            }
        }
        if (genes.size() != Design.Gene.values().length) {
            return Optional.empty();
        }
        return Optional.of(Design.of(genes));
    }

    private static Optional<int[]> block(String s) {
        int b = s.indexOf(BEGIN);
        int e = s.indexOf(END);
        return b < 0 || e < b ? Optional.empty() : Optional.of(new int[] {b, e});
    }

    private static Design.Gene gene(String name) {
        try {
            return Design.Gene.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(REFERENCE + "'s design block has constant " + name + " that is not a gene", e);
        }
    }
}
