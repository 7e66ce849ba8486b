package codeclab.loop;

import codeclab.harness.Harness;
import codeclab.harness.HarnessConfig;
import codeclab.harness.X264Baselines;
import codeclab.planner.Planner;
import codeclab.sandbox.Validator;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;

import java.nio.file.Path;
import java.time.Clock;

/** Builds a {@link LoopService} from its parts: one place for the Lambda wiring and the local one. */
public final class LoopFactory {

    private LoopFactory() {
    }

    /**
     * @param work folder for the x264 baseline cache and clip library (the data folder locally, /tmp on Lambda)
     */
    public static LoopService create(ExperimentStore store, ArtifactStore artifacts, Planner planner, LoopConfig config,
                                     Path work, Path clipLibrary) {
        return create(store, artifacts, planner, config, work, clipLibrary, StageListener.NONE);
    }

    /** As above, with a listener that hears every step's duration and outcome (metrics, {@code run --timings}). */
    public static LoopService create(ExperimentStore store, ArtifactStore artifacts, Planner planner, LoopConfig config,
                                     Path work, Path clipLibrary, StageListener listener) {
        Validator validator = new Validator(config.sandbox());
        Harness harness = new Harness(config.harness(), new TimedBaselines(() -> new X264Baselines(work.resolve("baselines")), listener));
        return new LoopService(store, artifacts, planner, validator, harness, new ClipProvider(clipLibrary), config,
                Clock.systemUTC(), listener, LoopService.AfterRecord.NONE);
    }

    /**
     * The deployed loop: clips that are not a synthetic set come from the artifact store's {@code clips/} prefix
     * (copied to {@code work/clips}), and x264 baselines are shared through its {@code baselines/} prefix, so that one
     * execute environment's measurement serves all of them.
     */
    public static LoopService createShared(ExperimentStore store, ArtifactStore artifacts, Planner planner, LoopConfig config,
                                           Path work, StageListener listener) {
        Validator validator = new Validator(config.sandbox());
        Harness harness = new Harness(config.harness(),
                new TimedBaselines(() -> new X264Baselines(work.resolve("baselines")), artifacts, listener));
        return new LoopService(store, artifacts, planner, validator, harness, new ClipProvider(work.resolve("clips"), artifacts),
                config, Clock.systemUTC(), listener, LoopService.AfterRecord.NONE);
    }

    /** The loop config the environment describes (CODEC_LAB_TARGET_PSNR, CODEC_LAB_CLIP_SET, CODEC_LAB_HOLDOUT_SET, CODEC_LAB_SEED). */
    public static LoopConfig configFrom(java.util.Map<String, String> env) {
        LoopConfig c = LoopConfig.defaults();
        if (env.containsKey("CODEC_LAB_CLIP_SET")) {
            c = c.withClipSet(env.get("CODEC_LAB_CLIP_SET"));
        }
        if (env.containsKey("CODEC_LAB_HOLDOUT_SET")) {
            c = c.withHoldoutSet(env.get("CODEC_LAB_HOLDOUT_SET"));
        }
        if (env.containsKey("CODEC_LAB_TARGET_PSNR")) {
            c = c.withHarness(HarnessConfig.defaults().withTargetPsnrY(number(env, "CODEC_LAB_TARGET_PSNR")));
        }
        if (env.containsKey("CODEC_LAB_SEED")) {
            c = c.withSeed((long) number(env, "CODEC_LAB_SEED"));
        }
        if (env.containsKey("CODEC_LAB_MAX_LITERAL_DATA_BYTES")) {
            c = c.withSandbox(c.sandbox().withMaxLiteralDataBytes((int) number(env, "CODEC_LAB_MAX_LITERAL_DATA_BYTES")));
        }
        if (env.containsKey("CODEC_LAB_OS_WALL")) {
            c = c.withSandbox(c.sandbox().withOsWall(osWall(env.get("CODEC_LAB_OS_WALL"))));
        }
        return c;
    }

    static codeclab.sandbox.SandboxConfig.WallMode osWall(String v) {
        try {
            return codeclab.sandbox.SandboxConfig.WallMode.valueOf(v.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable CODEC_LAB_OS_WALL='" + v + "' is not AUTO, REQUIRED or OFF");
        }
    }

    static double number(java.util.Map<String, String> env, String name) {
        try {
            return Double.parseDouble(env.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + "='" + env.get(name) + "' is not a number");
        }
    }
}
