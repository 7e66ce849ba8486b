package codeclab.planner.evolve;

import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.DecisionLog;
import codeclab.planner.Fitness;
import codeclab.planner.History;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The embedded planner: evolves codec {@link Design}s, one tool and its parameters per stage of the
 * {@code HybridCodec} reference codec, rendered by {@link DesignTemplate}.
 *
 * <p>It first proposes the seeds, best expected first: the strong reference codec exactly, then the
 * nearest designs to InterCodec and IntraDctCodec, so the run starts at its best seed. Afterwards it
 * rebuilds a MAP-Elites archive from the history on every call (cells: GOP kind x mode decision x entropy
 * coder; the elite of a cell has the best {@link Fitness}: the most it improves on the strongest seed on the worse
 * of PSNR-Y and PSNR-YUV BD-rate, so moving bits between the planes does not pay), picks a parent (60 % the best elite, 25 % one of the three best, else any
 * cell's elite, which keeps diversity), sometimes crosses it stage by stage with a second elite, and mutates
 * one to three genes, structurally
 * (another tool for a stage) or parametrically. A share of immigrants (a seed mutated in several genes)
 * keeps exploring. Failed programs and programs without a BD-rate are never parents, and a design already
 * tried in the run is not proposed again. All random choices come from the request's slot seed, so the
 * same history and seed give the same candidate.
 */
public final class EvolutionaryPlanner implements Planner {

    public static final String ID = "evolutionary/2";
    static final int HISTORY_WINDOW = 2000;

    private final double crossoverRate;
    private final double immigrantRate;

    public EvolutionaryPlanner() {
        this(0.2, 0.1);
    }

    /**
     * @param crossoverRate probability of recombining two elites before mutating
     * @param immigrantRate probability of an immigrant (a seed mutated in several genes)
     */
    public EvolutionaryPlanner(double crossoverRate, double immigrantRate) {
        this.crossoverRate = crossoverRate;
        this.immigrantRate = immigrantRate;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Candidate plan(PlanRequest request) {
        long t0 = System.nanoTime();
        DecisionLog log = new DecisionLog(ID);
        Random rng = new Random(request.slotSeed());
        History h = request.history();

        Set<Design> tried = new HashSet<>();
        for (Program p : h.recent(HISTORY_WINDOW)) {
            h.source(p.id()).flatMap(DesignTemplate::designOf).ifPresent(tried::add);
        }
        // Slots of one generation plan at the same time and see the same history, not each other's candidates: slot s
        // proposes only seed s mod 3, while it is untried, so two parallel slots never propose the same seed.
        List<Design> seeds = new ArrayList<>(Design.seeds());
        Design seed = seeds.get(request.slot() % seeds.size());
        if (!tried.contains(seed)) {
            log.add("seed not tried yet: " + seed.niche());
            return candidate(seed, null, "Seed design: " + seed.describe() + ".", t0, log);
        }
        Collections.rotate(seeds, -(request.slot() % seeds.size())); // immigrants start from a seed chosen in this order

        Fitness fitness = Fitness.against(h);
        Map<String, Elite> archive = archive(h, fitness);
        log.add("archive: " + archive.size() + " cells " + archive.keySet());
        if (archive.isEmpty() || rng.nextDouble() < immigrantRate) {
            Design base = seeds.get(rng.nextInt(seeds.size()));
            List<String> changed = new ArrayList<>();
            Design g = base;
            for (int i = 0; i < 20 && (i < 3 || g.equals(base) || tried.contains(g)); i++) {
                g = DesignOperators.mutate(g, rng, changed);
            }
            log.add(archive.isEmpty() ? "no measured design to evolve from: immigrant" : "immigrant (rate " + immigrantRate + ")");
            return candidate(g, null, "Immigrant to explore a new region: a seed changed in " + String.join("; ", changed)
                    + ". Design: " + g.describe() + ".", t0, log);
        }
        List<Elite> elites = new ArrayList<>(archive.values());
        elites.sort((a, b) -> fitness.bestFirst().compare(a.program, b.program));
        Elite parent = pick(elites, rng);
        log.add("parent " + parent.program.id() + " from cell " + parent.design.niche() + " (BD-rate "
                + fmt(parent.program.bdRatePercent()) + ", fitness " + fmt(fitness.of(parent.program)) + " against " + fitness + ")");
        Design child = parent.design;
        String how;
        if (elites.size() > 1 && rng.nextDouble() < crossoverRate) {
            Elite other = pick(elites, rng);
            for (int i = 0; i < 3 && other == parent; i++) {
                other = elites.get(rng.nextInt(elites.size()));
            }
            child = DesignOperators.crossover(parent.design, other.design, rng);
            how = "stage-wise crossover with " + other.program.id() + " (" + other.design.niche() + ")";
            log.add(how);
        } else {
            how = "mutation";
        }
        List<String> changed = new ArrayList<>();
        Design mutated = DesignOperators.mutate(child, rng, changed);
        for (int i = 0; i < 20 && (tried.contains(mutated) || mutated.equals(parent.design)); i++) {
            changed.clear();
            mutated = DesignOperators.mutate(child, rng, changed);
        }
        log.add("changed genes: " + changed);
        String hypothesis = String.format(Locale.ROOT, "%s of %s (BD-rate %s) changing %s should lower the BD-rate; result: %s.",
                how.substring(0, 1).toUpperCase(Locale.ROOT) + how.substring(1), parent.program.id(),
                fmt(parent.program.bdRatePercent()), changed.isEmpty() ? "nothing" : String.join("; ", changed), mutated.niche());
        return candidate(mutated, parent.program.id(), hypothesis, t0, log);
    }

    private record Elite(Program program, Design design) {
    }

    /** MAP-Elites archive from the run's measured programs; only programs with a fitness are fit. */
    static Map<String, Elite> archive(History h, Fitness fitness) {
        List<Program> fit = new ArrayList<>();
        for (Program p : h.best(HISTORY_WINDOW)) {
            if (p.usable() && p.bdRatePercent() != null && fitness.of(p) != null) {
                fit.add(p);
            }
        }
        fit.sort(fitness.bestFirst());
        Map<String, Elite> cells = new LinkedHashMap<>();
        for (Program p : fit) {
            Design d = h.source(p.id()).flatMap(DesignTemplate::designOf).orElse(null);
            if (d != null) {
                cells.putIfAbsent(d.niche(), new Elite(p, d)); // best fitness first
            }
        }
        return cells;
    }

    /** Strong selection pressure: mostly the best elite, sometimes a top-3 one, rarely any cell's (diversity). */
    private static Elite pick(List<Elite> bestFirst, Random rng) {
        double u = rng.nextDouble();
        if (u < 0.6) {
            return bestFirst.getFirst();
        }
        if (u < 0.85) {
            return bestFirst.get(rng.nextInt(Math.min(3, bestFirst.size())));
        }
        return bestFirst.get(rng.nextInt(bestFirst.size()));
    }

    private static Candidate candidate(Design d, String parentId, String hypothesis, long t0, DecisionLog log) {
        log.add("design " + d);
        return Candidate.proposed(DesignTemplate.render(d), parentId, hypothesis, ID,
                Cost.ZERO.withWall(Duration.ofNanos(System.nanoTime() - t0)), log.lines());
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%+.2f%%", d);
    }
}
