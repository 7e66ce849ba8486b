package codeclab.planner.evolve;

import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.DecisionLog;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;

import java.time.Duration;
import java.util.Random;

/**
 * Best-of-N baseline: every candidate is an independent uniformly random {@link Design}, no parent, no history.
 * Evolution must beat this on the same budget to count as research.
 */
public final class RandomSamplingPlanner implements Planner {

    public static final String ID = "random-sampling/1";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Candidate plan(PlanRequest request) {
        long t0 = System.nanoTime();
        DecisionLog log = new DecisionLog(ID);
        Design g = Design.random(new Random(request.slotSeed()));
        log.add("random design " + g);
        return Candidate.proposed(DesignTemplate.render(g), null, "Random sample: " + g.describe() + ".", ID,
                Cost.ZERO.withWall(Duration.ofNanos(System.nanoTime() - t0)), log.lines());
    }
}
