package codeclab.planner.evolve;

import codeclab.planner.evolve.Design.Gene;
import codeclab.planner.evolve.Design.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Variation operators on {@link Design}s: structural and parametric mutation, stage-wise crossover. */
final class DesignOperators {

    /** Share of mutations that swap a stage's tool rather than tune a parameter. */
    static final double STRUCTURAL_SHARE = 0.4;

    private DesignOperators() {
    }

    /**
     * Changes one to three genes that matter for the design (60 % one, 30 % two, 10 % three, so a gain can be
     * traced to a change): with probability {@link #STRUCTURAL_SHARE} a tool choice moves to another option,
     * otherwise a parameter moves by a log-normal factor (integers by at least one). Records what changed.
     */
    static Design mutate(Design d, Random r, List<String> changed) {
        Design out = d;
        for (int attempt = 0; attempt < 10 && out.equals(d); attempt++) { // a move can round back to the same value
            changed.clear();
            out = mutateOnce(d, r, changed);
        }
        return out;
    }

    private static Design mutateOnce(Design d, Random r, List<String> changed) {
        double u = r.nextDouble();
        int n = u < 0.6 ? 1 : (u < 0.9 ? 2 : 3);
        Design out = d;
        for (int i = 0; i < n; i++) {
            boolean structural = r.nextDouble() < STRUCTURAL_SHARE;
            List<Gene> pool = new ArrayList<>();
            for (Gene g : Gene.values()) {
                boolean kind = g == Gene.KEY_INTERVAL ? structural || !out.intraOnly() : g.structural() == structural;
                if (kind && out.matters(g)) {
                    pool.add(g);
                }
            }
            if (pool.isEmpty()) {
                continue;
            }
            Gene g = pool.get(r.nextInt(pool.size()));
            Design next = out.with(g, mutatedValue(out, g, structural, r));
            if (!next.equals(out)) {
                changed.add(g.stage.name().toLowerCase(Locale.ROOT) + ": " + g + " " + out.literal(g) + " -> " + next.literal(g));
                out = next;
            }
        }
        return out;
    }

    private static double mutatedValue(Design d, Gene g, boolean structural, Random r) {
        double v = d.get(g);
        if (g == Gene.KEY_INTERVAL && structural) { // the GOP's tool: intra only <-> I/P
            return d.intraOnly() ? 16 + r.nextInt(240) : 1;
        }
        if (g.structural()) {
            List<Integer> opts = new ArrayList<>(g.options());
            opts.remove(Integer.valueOf((int) v));
            return opts.get(r.nextInt(opts.size()));
        }
        if (g.integer) {
            double moved = Math.round(v * Math.exp(0.4 * r.nextGaussian()));
            return moved == v ? v + (r.nextBoolean() ? 1 : -1) : moved;
        }
        return v * Math.exp(0.2 * r.nextGaussian());
    }

    /** Stage-wise crossover: every stage's genes come together from one parent (a stage's tool and its parameters fit each other). */
    static Design crossover(Design a, Design b, Random r) {
        Design out = a;
        for (Stage s : Stage.values()) {
            if (r.nextBoolean()) {
                for (Gene g : Gene.values()) {
                    if (g.stage == s) {
                        out = out.with(g, b.get(g));
                    }
                }
            }
        }
        return out;
    }
}
