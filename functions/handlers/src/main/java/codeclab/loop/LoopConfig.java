package codeclab.loop;

import codeclab.harness.HarnessConfig;
import codeclab.sandbox.SandboxConfig;

import java.time.Duration;
import java.util.List;

/**
 * How the loop runs: immutable, with defaults; the Lambda handlers read it from the environment and the
 * CLI from its options.
 *
 * @param seed          the run's seed: with the experiment index it fixes every planner choice
 * @param clipSet       clips to execute on: a synthetic set name ("dev") or clip names/paths, comma-separated
 * @param harness       RD sweep and target quality
 * @param sandbox       limits of the child processes
 * @param deadline      an experiment still not final after this long is TIMED_OUT
 * @param plannerHints  extra notes for the planner (e.g. the monitor's FIX_CODE reasons)
 */
public record LoopConfig(long seed, String clipSet, HarnessConfig harness, SandboxConfig sandbox, Duration deadline,
                         List<String> plannerHints) {

    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    public LoopConfig {
        plannerHints = List.copyOf(plannerHints);
        if (clipSet == null || clipSet.isBlank()) {
            throw new IllegalArgumentException("clip set must name a synthetic set (dev, tiny, holdout) or clips");
        }
    }

    public static LoopConfig defaults() {
        return new LoopConfig(1L, "dev", HarnessConfig.defaults(), SandboxConfig.defaults(), Duration.ofMinutes(30), List.of());
    }

    public LoopConfig withClipSet(String v) {
        return new LoopConfig(seed, v, harness, sandbox, deadline, plannerHints);
    }

    public LoopConfig withSeed(long v) {
        return new LoopConfig(v, clipSet, harness, sandbox, deadline, plannerHints);
    }

    public LoopConfig withHarness(HarnessConfig v) {
        return new LoopConfig(seed, clipSet, v, sandbox, deadline, plannerHints);
    }

    public LoopConfig withSandbox(SandboxConfig v) {
        return new LoopConfig(seed, clipSet, harness, v, deadline, plannerHints);
    }

    public LoopConfig withDeadline(Duration v) {
        return new LoopConfig(seed, clipSet, harness, sandbox, v, plannerHints);
    }

    public LoopConfig withPlannerHints(List<String> v) {
        return new LoopConfig(seed, clipSet, harness, sandbox, deadline, v);
    }
}
