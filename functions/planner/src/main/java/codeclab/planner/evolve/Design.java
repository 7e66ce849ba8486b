package codeclab.planner.evolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A codec design: one tool choice (and its parameters) per stage of the {@code HybridCodec} reference
 * codec. Each {@link Gene} is one constant of that codec's design block, so every design renders to a
 * valid codec ({@link DesignTemplate}). Values are kept inside their legal range (choices snap to the
 * nearest option, numbers clamp and round), so equal designs render equal sources.
 */
public final class Design {

    /** The stages of a block codec; structural mutation and crossover work stage by stage. */
    public enum Stage { GOP, PREDICTION, PARTITIONING, TRANSFORM, QUANTISATION, DECISION, ENTROPY, FILTER }

    /**
     * The genes, named exactly like the constants of {@code HybridCodec}'s design block. A gene with
     * {@code options} is a tool choice (structural); the others are parameters within [min, max].
     */
    public enum Gene {
        KEY_INTERVAL(Stage.GOP, 1, 250, true),
        KEY_STEP_RATIO(Stage.GOP, 0.4, 1.2, false),
        CASCADE(Stage.GOP, new int[] {0, 2, 3, 4, 6, 8}),
        CASCADE_STEP_RATIO(Stage.GOP, 0.6, 1.0, false),
        BFRAMES(Stage.GOP, new int[] {0, 1, 3, 7}),
        B_STEP_RATIO(Stage.GOP, 1.0, 1.5, false),
        INTRA_MODES(Stage.PREDICTION, new int[] {1, 3, 4, 6}),
        SUBPEL(Stage.PREDICTION, new int[] {1, 2, 4}),
        INTERP_FILTER(Stage.PREDICTION, new int[] {0, 1}),
        SEARCH_RANGE(Stage.PREDICTION, 2, 32, true),
        MV_PREDICTION(Stage.PREDICTION, new int[] {0, 1}),
        PARTITION_MIN(Stage.PARTITIONING, new int[] {16, 8}),
        SKIP_MODE(Stage.PARTITIONING, new int[] {0, 1}),
        TRANSFORM_SIZE(Stage.TRANSFORM, new int[] {8, 4, 0}),
        STEP_SCALE(Stage.QUANTISATION, 0.5, 2.0, false),
        QUALITY_OFFSET(Stage.QUANTISATION, 0, 25, true),
        INTRA_ROUNDING(Stage.QUANTISATION, 0.05, 0.5, false),
        INTER_ROUNDING(Stage.QUANTISATION, 0.05, 0.5, false),
        CHROMA_STEP_RATIO(Stage.QUANTISATION, 0.5, 2.5, false),
        RDOQ(Stage.QUANTISATION, new int[] {0, 1}),
        MODE_DECISION(Stage.DECISION, new int[] {0, 1}),
        RD_LAMBDA(Stage.DECISION, 0.02, 0.5, false),
        ENTROPY(Stage.ENTROPY, new int[] {0, 1, 2}),
        DEBLOCK(Stage.FILTER, new int[] {0, 1, 2}),
        DEBLOCK_SCALE(Stage.FILTER, 0.3, 2.5, false);

        public final Stage stage;
        public final double min;
        public final double max;
        public final boolean integer;
        final int[] options;

        Gene(Stage stage, double min, double max, boolean integer) {
            this.stage = stage;
            this.min = min;
            this.max = max;
            this.integer = integer;
            this.options = null;
        }

        Gene(Stage stage, int[] options) {
            this.stage = stage;
            this.min = Arrays.stream(options).min().orElseThrow();
            this.max = Arrays.stream(options).max().orElseThrow();
            this.integer = true;
            this.options = options;
        }

        /** A tool choice rather than a parameter. */
        public boolean structural() {
            return options != null;
        }

        public List<Integer> options() {
            return options == null ? List.of() : Arrays.stream(options).boxed().toList();
        }

        /** The legal value nearest to {@code v}. */
        double legal(double v) {
            double x = Double.isNaN(v) ? min : v;
            if (options != null) {
                int best = options[0];
                for (int o : options) {
                    if (Math.abs(o - x) < Math.abs(best - x)) {
                        best = o;
                    }
                }
                return best;
            }
            x = Math.max(min, Math.min(max, x));
            return integer ? Math.round(x) : Math.round(x * 1000) / 1000.0;
        }

        /** Genes that do nothing in an intra-only design (every frame a key frame). */
        boolean interOnly() {
            return this == CASCADE || this == CASCADE_STEP_RATIO || this == BFRAMES || this == B_STEP_RATIO
                    || this == SUBPEL || this == INTERP_FILTER || this == SEARCH_RANGE || this == MV_PREDICTION || this == PARTITION_MIN || this == SKIP_MODE
                    || this == INTER_ROUNDING;
        }
    }

    private static final Gene[] GENES = Gene.values();
    private final double[] values;

    private Design(double[] raw) {
        values = new double[GENES.length];
        for (Gene g : GENES) {
            values[g.ordinal()] = g.legal(raw[g.ordinal()]);
        }
    }

    /** A design from gene values; missing genes are an error, values are made legal. */
    public static Design of(Map<Gene, ? extends Number> genes) {
        double[] raw = new double[GENES.length];
        for (Gene g : GENES) {
            Number v = genes.get(g);
            if (v == null) {
                throw new IllegalArgumentException("design is missing gene " + g);
            }
            raw[g.ordinal()] = v.doubleValue();
        }
        return new Design(raw);
    }

    public double get(Gene g) {
        return values[g.ordinal()];
    }

    public int getInt(Gene g) {
        return (int) values[g.ordinal()];
    }

    /** A copy with gene {@code g} set to (the legal value nearest) {@code v}. */
    public Design with(Gene g, double v) {
        double[] raw = values.clone();
        raw[g.ordinal()] = v;
        return new Design(raw);
    }

    public Map<Gene, Double> genes() {
        Map<Gene, Double> m = new EnumMap<>(Gene.class);
        for (Gene g : GENES) {
            m.put(g, values[g.ordinal()]);
        }
        return m;
    }

    /** The Java literal of gene {@code g} as the design block writes it. */
    public String literal(Gene g) {
        double v = get(g);
        return g.integer ? Integer.toString((int) v) : Double.toString(v);
    }

    public boolean intraOnly() {
        return getInt(Gene.KEY_INTERVAL) == 1;
    }

    /** Whether gene {@code g} changes the codec this design renders (some genes are dead in some designs). */
    public boolean matters(Gene g) {
        if (intraOnly() && g.interOnly()) {
            return false;
        }
        if (g == Gene.DEBLOCK_SCALE && getInt(Gene.DEBLOCK) == 0) {
            return false;
        }
        if (g == Gene.CASCADE_STEP_RATIO && getInt(Gene.CASCADE) == 0) {
            return false;
        }
        if (g == Gene.B_STEP_RATIO && getInt(Gene.BFRAMES) == 0) {
            return false;
        }
        if (g == Gene.INTERP_FILTER && getInt(Gene.SUBPEL) == 1) {
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- seeds

    /** The strong seed: exactly the design block of {@code HybridCodec} (renders its source unchanged). */
    public static Design hybridSeed() {
        return DesignTemplate.designOf(DesignTemplate.base()).orElseThrow(
                () -> new IllegalStateException("HybridCodec's design block cannot be read: rebuild functions/codec"));
    }

    /**
     * Nearest design to {@code InterCodec}: I/P with a key frame every 64, one half-pel (bilinear) vector per
     * 16x16 macroblock with median prediction and skip, DC-only intra, 8x8 DCT with dead-zone rounding 1/3 and
     * 1/6, SAD mode decisions, adaptive contexts without neighbour contexts, uniform 8x8 deblocking at the
     * step. Differences that remain: InterCodec's search (diamond + half-pel refine), its intra DC predictor
     * and its exact context layout.
     */
    public static Design interSeed() {
        return hybridSeed().with(Gene.KEY_INTERVAL, 64).with(Gene.KEY_STEP_RATIO, 1.0).with(Gene.CASCADE, 0).with(Gene.BFRAMES, 0)
                .with(Gene.INTRA_MODES, 1).with(Gene.SUBPEL, 2).with(Gene.INTERP_FILTER, 0).with(Gene.SEARCH_RANGE, 24)
                .with(Gene.MV_PREDICTION, 1).with(Gene.PARTITION_MIN, 16).with(Gene.SKIP_MODE, 1).with(Gene.TRANSFORM_SIZE, 8)
                .with(Gene.STEP_SCALE, 1.0).with(Gene.QUALITY_OFFSET, 0).with(Gene.INTRA_ROUNDING, 0.333)
                .with(Gene.INTER_ROUNDING, 0.167).with(Gene.CHROMA_STEP_RATIO, 1.0).with(Gene.RDOQ, 0)
                .with(Gene.MODE_DECISION, 0).with(Gene.ENTROPY, 1).with(Gene.DEBLOCK, 1).with(Gene.DEBLOCK_SCALE, 1.0);
    }

    /**
     * Nearest design to {@code IntraDctCodec}: every frame intra, 8x8 DCT, flat step, chroma step x0.9,
     * run/level Exp-Golomb, no filter. Differences that remain: IntraDctCodec predicts only the DC
     * coefficient from the previous block, where this design predicts the block from its reconstructed
     * neighbours (DC mode), and its rounding is round-to-nearest.
     */
    public static Design intraSeed() {
        return interSeed().with(Gene.KEY_INTERVAL, 1).with(Gene.INTRA_ROUNDING, 0.5).with(Gene.CHROMA_STEP_RATIO, 0.9)
                .with(Gene.ENTROPY, 0).with(Gene.DEBLOCK, 0);
    }

    /** The seeds, best expected first. */
    public static List<Design> seeds() {
        return List.of(hybridSeed(), interSeed(), intraSeed());
    }

    /** A design drawn uniformly from the whole space (the best-of-N baseline samples these). */
    public static Design random(Random r) {
        double[] raw = new double[GENES.length];
        for (Gene g : GENES) {
            raw[g.ordinal()] = randomValue(g, r);
        }
        if (r.nextDouble() < 0.15) {
            raw[Gene.KEY_INTERVAL.ordinal()] = 1;
        }
        return new Design(raw);
    }

    static double randomValue(Gene g, Random r) {
        if (g.options != null) {
            return g.options[r.nextInt(g.options.length)];
        }
        if (g == Gene.KEY_INTERVAL) {
            return Math.round(Math.exp(Math.log(2) + r.nextDouble() * (Math.log(250) - Math.log(2))));
        }
        return g.min + r.nextDouble() * (g.max - g.min);
    }

    // ---------------------------------------------------------------- description

    /** The MAP-Elites cell: GOP kind (intra, I/P, with B frames) x mode decision x entropy coder. */
    public String niche() {
        String gop = intraOnly() ? "intra" : getInt(Gene.BFRAMES) > 0 ? "interb" : "inter";
        return gop + "-" + (getInt(Gene.MODE_DECISION) == 1 ? "rd" : "sad") + "-e" + getInt(Gene.ENTROPY);
    }

    /** One line for hypotheses and logs: the tool of every stage. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        int b = getInt(Gene.BFRAMES);
        parts.add(intraOnly() ? "all intra" : String.format(Locale.ROOT, "I/P%s keyint %d (I step x%.2f%s%s)",
                b > 0 ? "/B" : "", getInt(Gene.KEY_INTERVAL), get(Gene.KEY_STEP_RATIO), getInt(Gene.CASCADE) > 1
                        ? String.format(Locale.ROOT, ", every %d. P x%.2f", getInt(Gene.CASCADE), get(Gene.CASCADE_STEP_RATIO)) : "",
                b > 0 ? String.format(Locale.ROOT, ", %d B frames per anchor, x%.2f per pyramid level", b, get(Gene.B_STEP_RATIO)) : ""));
        parts.add(getInt(Gene.INTRA_MODES) + " intra modes");
        if (!intraOnly()) {
            parts.add((getInt(Gene.SUBPEL) == 4 ? "quarter" : getInt(Gene.SUBPEL) == 2 ? "half" : "integer") + "-pel "
                    + (getInt(Gene.INTERP_FILTER) == 1 ? "6-tap" : "bilinear") + " MC range " + getInt(Gene.SEARCH_RANGE)
                    + (getInt(Gene.MV_PREDICTION) == 1 ? ", median MV prediction" : ", zero MV prediction"));
            parts.add((getInt(Gene.PARTITION_MIN) == 8 ? "16/8 partitions" : "16x16 only") + (getInt(Gene.SKIP_MODE) == 1 ? " + skip" : ""));
        }
        int t = getInt(Gene.TRANSFORM_SIZE);
        parts.add(t == 0 ? "RD-chosen 4/8 DCT" : t + "x" + t + " DCT");
        parts.add(String.format(Locale.ROOT, "step x%.2f offset %d, rounding %.2f/%.2f, chroma x%.2f%s", get(Gene.STEP_SCALE),
                getInt(Gene.QUALITY_OFFSET), get(Gene.INTRA_ROUNDING), get(Gene.INTER_ROUNDING), get(Gene.CHROMA_STEP_RATIO),
                getInt(Gene.RDOQ) == 1 ? ", RDOQ" : ""));
        parts.add(getInt(Gene.MODE_DECISION) == 1 ? String.format(Locale.ROOT, "RD decisions (lambda %.3f step^2)", get(Gene.RD_LAMBDA)) : "SAD decisions");
        parts.add(switch (getInt(Gene.ENTROPY)) {
            case 0 -> "Exp-Golomb";
            case 1 -> "adaptive arithmetic";
            default -> "adaptive arithmetic + neighbour contexts";
        });
        parts.add(switch (getInt(Gene.DEBLOCK)) {
            case 0 -> "no deblocking";
            case 1 -> String.format(Locale.ROOT, "uniform deblocking x%.2f", get(Gene.DEBLOCK_SCALE));
            default -> String.format(Locale.ROOT, "boundary-strength deblocking x%.2f", get(Gene.DEBLOCK_SCALE));
        });
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Design d && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Design{");
        for (Gene g : GENES) {
            sb.append(g.ordinal() == 0 ? "" : ", ").append(g).append('=').append(literal(g));
        }
        return sb.append('}').toString();
    }
}
