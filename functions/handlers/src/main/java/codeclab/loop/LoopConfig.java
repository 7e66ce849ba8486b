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
 * @param clipSet       clips to execute on: a named set ("dev", real footage by default; see {@code ClipSets}) or clip
 *                      names/paths, comma-separated
 * @param harness       RD sweep and target quality
 * @param sandbox       limits of the child processes
 * @param deadline      an experiment still not final after this long is TIMED_OUT
 * @param plannerHints  extra notes for the planner (e.g. the monitor's FIX_CODE reasons)
 * @param holdoutSet    clips that confirm a new best-so-far, never shown to the planner: a set name or clip list as
 *                      for {@code clipSet}, {@value #NO_HOLDOUT} to promote on the dev clips alone, or null for the
 *                      counterpart of {@code clipSet} ({@link #holdout()})
 */
public record LoopConfig(long seed, String clipSet, HarnessConfig harness, SandboxConfig sandbox, Duration deadline,
                         List<String> plannerHints, String holdoutSet) {

    public static final String NO_HOLDOUT = "none";

    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    public LoopConfig {
        plannerHints = List.copyOf(plannerHints);
        if (clipSet == null || clipSet.isBlank()) {
            throw new IllegalArgumentException("clip set must name a set (dev, holdout, tiny, synthetic) or clips");
        }
        if (holdoutSet != null && (holdoutSet.isBlank() || holdoutSet.equals(clipSet))) {
            throw new IllegalArgumentException("held-out set '" + holdoutSet + "' must name clips other than the dev"
                    + " set '" + clipSet + "', or be '" + NO_HOLDOUT + "' to promote on the dev clips alone");
        }
    }

    public LoopConfig(long seed, String clipSet, HarnessConfig harness, SandboxConfig sandbox, Duration deadline,
                      List<String> plannerHints) {
        this(seed, clipSet, harness, sandbox, deadline, plannerHints, null);
    }

    /**
     * The held-out clip set, or empty when disabled. By default the counterpart of the dev set: "tiny-holdout" for
     * "tiny" (so smoke runs stay small), "dev" for "holdout", "holdout" for anything else: all real footage (a
     * generated clip is refused as held-out, see {@code ClipSets.checkHoldout}).
     */
    public java.util.Optional<String> holdout() {
        if (NO_HOLDOUT.equals(holdoutSet)) {
            return java.util.Optional.empty();
        }
        if (holdoutSet != null) {
            return java.util.Optional.of(holdoutSet);
        }
        return java.util.Optional.of(switch (clipSet) {
            case "tiny" -> "tiny-holdout";
            case "holdout" -> "dev";
            default -> "holdout";
        });
    }

    /**
     * The longest one RD sweep over {@code clips} clips can take in the sandbox: per clip one encoder and one decoder
     * child, each killed at the sandbox's timeout. What the function timeouts are sized from.
     */
    public java.time.Duration worstCase(int clips) {
        return sandbox.timeout().multipliedBy(2L * clips);
    }

    public static LoopConfig defaults() {
        return new LoopConfig(1L, "dev", HarnessConfig.defaults(), SandboxConfig.defaults(), Duration.ofMinutes(30), List.of());
    }

    public LoopConfig withClipSet(String v) {
        return new LoopConfig(seed, v, harness, sandbox, deadline, plannerHints, holdoutSet);
    }

    public LoopConfig withSeed(long v) {
        return new LoopConfig(v, clipSet, harness, sandbox, deadline, plannerHints, holdoutSet);
    }

    public LoopConfig withHarness(HarnessConfig v) {
        return new LoopConfig(seed, clipSet, v, sandbox, deadline, plannerHints, holdoutSet);
    }

    public LoopConfig withSandbox(SandboxConfig v) {
        return new LoopConfig(seed, clipSet, harness, v, deadline, plannerHints, holdoutSet);
    }

    public LoopConfig withDeadline(Duration v) {
        return new LoopConfig(seed, clipSet, harness, sandbox, v, plannerHints, holdoutSet);
    }

    public LoopConfig withPlannerHints(List<String> v) {
        return new LoopConfig(seed, clipSet, harness, sandbox, deadline, v, holdoutSet);
    }

    /** @param v a clip set, {@value #NO_HOLDOUT}, or null for the dev set's counterpart */
    public LoopConfig withHoldoutSet(String v) {
        return new LoopConfig(seed, clipSet, harness, sandbox, deadline, plannerHints, v);
    }
}
