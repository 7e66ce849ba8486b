package codeclab.planner.evolve;

import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.DecisionLog;
import codeclab.planner.History;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The embedded planner: evolves {@link Genome}s rendered by {@link CodecTemplate}.
 *
 * <p>It first proposes the seed designs (intra DCT, inter DCT). Afterwards it rebuilds a MAP-Elites
 * archive from the history on every call (cells: transform size x intra/inter x downscale; the elite of
 * a cell has the lowest BD-rate, then the lowest bitrate at target), picks a parent (60% the best elite,
 * 25% one of the three best, else a uniformly chosen cell's elite), sometimes crosses it with a second elite,
 * and mutates one gene (60%), two (30%) or three; the first {@link #INITIAL_POPULATION} experiments after the seeds are random designs, and a share of random
 * immigrants keeps exploring. Failed programs and programs without a BD-rate are never parents, and a
 * genome already tried in the run is not proposed again. All random choices come from the request's slot
 * seed, so the same history and seed give the same candidate.
 */
public final class EvolutionaryPlanner implements Planner {

    public static final String ID = "evolutionary/1";
    static final int HISTORY_WINDOW = 2000;
    /** Experiments (seeds included) that are random designs before evolution starts. */
    static final int INITIAL_POPULATION = 8;

    private final double crossoverRate;
    private final double immigrantRate;

    public EvolutionaryPlanner() {
        this(0.2, 0.1);
    }

    /**
     * @param crossoverRate probability of recombining two elites before mutating
     * @param immigrantRate probability of a random genome (0.3 while the archive has fewer than 3 cells)
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

        Set<Genome> tried = new HashSet<>();
        for (Program p : h.recent(HISTORY_WINDOW)) {
            h.source(p.id()).flatMap(CodecTemplate::genomeOf).ifPresent(tried::add);
        }
        // Slots of one generation plan at the same time and see the same history: rotating the seed order by slot
        // keeps two parallel slots from proposing the same seed.
        List<Genome> seeds = request.slot() % 2 == 0 ? List.of(Genome.intraSeed(), Genome.interSeed())
                : List.of(Genome.interSeed(), Genome.intraSeed());
        for (Genome seed : seeds) {
            if (!tried.contains(seed)) {
                log.add("seed not tried yet: " + seed.niche());
                return candidate(seed, null, "Seed design: " + seed.describe() + ".", t0, log);
            }
        }

        Map<String, Elite> archive = archive(h);
        log.add("archive: " + archive.size() + " cells " + archive.keySet());
        if (archive.isEmpty()) {
            Genome g = fresh(Genome.random(rng), tried, rng);
            log.add("no measured program to evolve from: random genome");
            return candidate(g, null, "No usable parent yet; sampling a random design: " + g.describe() + ".", t0, log);
        }
        // An initial random population: the best of a few independent designs is a better start than
        // climbing from the two seeds alone (measured on the dev clips, docs/BENCHMARKS.md).
        double immigrants = h.size() < INITIAL_POPULATION ? 1.0 : (archive.size() < 3 ? 0.3 : immigrantRate);
        if (rng.nextDouble() < immigrants) {
            Genome g = fresh(Genome.random(rng), tried, rng);
            log.add("random immigrant (rate " + immigrants + ")");
            return candidate(g, null, "Random immigrant to explore a new region: " + g.describe() + ".", t0, log);
        }
        List<Elite> elites = new ArrayList<>(archive.values());
        elites.sort((a, b) -> Program.BEST_FIRST.compare(a.program, b.program));
        Elite parent = pick(elites, rng);
        log.add("parent " + parent.program.id() + " from cell " + parent.genome.niche() + " (BD-rate "
                + fmt(parent.program.bdRatePercent()) + ")");
        Genome child = parent.genome;
        String how;
        if (elites.size() > 1 && rng.nextDouble() < crossoverRate) {
            Elite other = pick(elites, rng);
            for (int i = 0; i < 3 && other == parent; i++) {
                other = elites.get(rng.nextInt(elites.size()));
            }
            child = crossover(parent.genome, other.genome, rng);
            how = "crossover with " + other.program.id() + " (" + other.genome.niche() + ")";
            log.add(how);
        } else {
            how = "mutation";
        }
        List<String> changed = new ArrayList<>();
        Genome mutated = mutate(child, rng, changed);
        for (int i = 0; i < 20 && (tried.contains(mutated) || mutated.equals(parent.genome)); i++) {
            changed.clear();
            mutated = mutate(child, rng, changed);
        }
        log.add("changed genes: " + changed);
        String hypothesis = String.format(Locale.ROOT, "%s of %s (BD-rate %s) changing %s should lower the BD-rate; result: %s.",
                how.substring(0, 1).toUpperCase(Locale.ROOT) + how.substring(1), parent.program.id(),
                fmt(parent.program.bdRatePercent()), changed.isEmpty() ? "nothing" : String.join(", ", changed), mutated.niche());
        return candidate(mutated, parent.program.id(), hypothesis, t0, log);
    }

    private record Elite(Program program, Genome genome) {
    }

    /** MAP-Elites archive from the run's measured programs; only programs with a BD-rate are fit. */
    static Map<String, Elite> archive(History h) {
        Map<String, Elite> cells = new LinkedHashMap<>();
        for (Program p : h.best(HISTORY_WINDOW)) {
            if (!p.usable() || p.bdRatePercent() == null) {
                continue;
            }
            Genome g = h.source(p.id()).flatMap(CodecTemplate::genomeOf).orElse(null);
            if (g != null) {
                cells.putIfAbsent(g.niche(), new Elite(p, g)); // best() is sorted best first
            }
        }
        return cells;
    }

    /** Strong selection pressure (measured on the dev clips): mostly the best elite, sometimes a top-3 one, rarely any cell's. */
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

    /** Uniform crossover: each gene from either parent. */
    static Genome crossover(Genome a, Genome b, Random r) {
        return new Genome(r.nextBoolean() ? a.transform() : b.transform(),
                r.nextBoolean() ? a.stepScale() : b.stepScale(),
                r.nextBoolean() ? a.matrixSlope() : b.matrixSlope(),
                r.nextBoolean() ? a.rounding() : b.rounding(),
                r.nextBoolean() ? a.chromaScale() : b.chromaScale(),
                r.nextBoolean() ? a.downscale() : b.downscale(),
                r.nextBoolean() ? a.inter() : b.inter(),
                r.nextBoolean() ? a.motionBlock() : b.motionBlock(),
                r.nextBoolean() ? a.searchRange() : b.searchRange(),
                r.nextBoolean() ? a.keyframeInterval() : b.keyframeInterval(),
                r.nextBoolean() ? a.interScale() : b.interScale(),
                r.nextBoolean() ? a.deblockStrength() : b.deblockStrength(),
                r.nextBoolean() ? a.entropy() : b.entropy());
    }

    /** Changes one to three genes; numeric genes move by a log-normal factor, switches flip. */
    static Genome mutate(Genome g, Random r, List<String> changed) {
        int transform = g.transform();
        double step = g.stepScale();
        double slope = g.matrixSlope();
        double rounding = g.rounding();
        double chroma = g.chromaScale();
        int down = g.downscale();
        boolean inter = g.inter();
        int mb = g.motionBlock();
        int range = g.searchRange();
        int keyint = g.keyframeInterval();
        double interScale = g.interScale();
        int deblock = g.deblockStrength();
        Genome.Entropy entropy = g.entropy();
        double u = r.nextDouble();
        int n = u < 0.6 ? 1 : (u < 0.9 ? 2 : 3); // mostly small steps, so a gain can be traced to one change
        for (int i = 0; i < n; i++) {
            // Only genes that change the codec: motion block, range, key-frame interval and P step do nothing
            // in an intra-only design, and a mutation there would spend an experiment on an identical codec.
            int gene = r.nextInt(inter ? 13 : 9);
            if (!inter && gene >= 7) {
                gene += 4;
            }
            switch (gene) {
                case 0 -> { transform = r.nextBoolean() ? Math.min(16, transform * 2) : Math.max(4, transform / 2); changed.add("transform " + transform); }
                case 1 -> { step = step * Math.exp(0.3 * r.nextGaussian()); changed.add(String.format(Locale.ROOT, "step %.2f", step)); }
                case 2 -> { slope = Math.max(0, slope + 0.3 * r.nextGaussian()); changed.add(String.format(Locale.ROOT, "matrix slope %.2f", slope)); }
                case 3 -> { rounding = rounding + 0.08 * r.nextGaussian(); changed.add(String.format(Locale.ROOT, "rounding %.2f", rounding)); }
                case 4 -> { chroma = chroma * Math.exp(0.25 * r.nextGaussian()); changed.add(String.format(Locale.ROOT, "chroma x%.2f", chroma)); }
                case 5 -> { down = 3 - down; changed.add("downscale " + down); }
                case 6 -> {
                    inter = !inter;
                    if (inter && keyint < 2) {
                        keyint = 2 + r.nextInt(59); // inter with a key frame every frame would still be intra
                    }
                    changed.add(inter ? "inter on" : "inter off");
                }
                case 7 -> { mb = 24 - mb; changed.add("motion block " + mb); }
                case 8 -> { range = range + (int) Math.round(3 * r.nextGaussian()); changed.add("search range " + range); }
                case 9 -> { keyint = (int) Math.round(keyint * Math.exp(0.5 * r.nextGaussian())) + (r.nextBoolean() ? 1 : -1); changed.add("keyint " + keyint); }
                case 10 -> { interScale = interScale * Math.exp(0.15 * r.nextGaussian()); changed.add(String.format(Locale.ROOT, "P step x%.2f", interScale)); }
                case 11 -> { deblock = (deblock + 1 + r.nextInt(3)) % 4; changed.add("deblock " + deblock); }
                default -> { entropy = Genome.Entropy.values()[(entropy.ordinal() + 1 + r.nextInt(2)) % 3]; changed.add("entropy " + entropy); }
            }
        }
        return new Genome(transform, step, slope, rounding, chroma, down, inter, mb, range, keyint, interScale, deblock, entropy);
    }

    private static Genome fresh(Genome g, Set<Genome> tried, Random rng) {
        Genome out = g;
        for (int i = 0; i < 20 && tried.contains(out); i++) {
            out = Genome.random(rng);
        }
        return out;
    }

    private static Candidate candidate(Genome g, String parentId, String hypothesis, long t0, DecisionLog log) {
        log.add("genome " + CodecTemplate.toJson(g));
        return Candidate.proposed(CodecTemplate.render(g), parentId, hypothesis, ID,
                Cost.ZERO.withWall(Duration.ofNanos(System.nanoTime() - t0)), log.lines());
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%+.2f%%", d);
    }
}
