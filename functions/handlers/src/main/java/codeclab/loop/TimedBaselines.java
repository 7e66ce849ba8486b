package codeclab.loop;

import codeclab.core.RdPoint;
import codeclab.harness.BaselineSource;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The x264 baselines, each lookup reported to a {@link StageListener} as a cache HIT or a MISS (x264 ran, or a
 * concurrent lookup of the same clip was waited for). Created on first use: X264Baselines loads JavaCV, which only
 * the execute function has (from the layer); plan and record build the same LoopService without it.
 */
final class TimedBaselines implements BaselineSource {

    private final Supplier<X264Baselines> factory;
    private final codeclab.store.ArtifactStore shared;
    private final StageListener listener;
    private volatile SharedBaselines sharedBaselines;
    private volatile X264Baselines baselines;

    TimedBaselines(Supplier<X264Baselines> factory, StageListener listener) {
        this(factory, null, listener);
    }

    /** @param shared where curves are shared between environments (on AWS the bucket's baselines/), or null */
    TimedBaselines(Supplier<X264Baselines> factory, codeclab.store.ArtifactStore shared, StageListener listener) {
        this.factory = factory;
        this.shared = shared;
        this.listener = listener;
    }

    private X264Baselines baselines() {
        X264Baselines b = baselines;
        if (b == null) {
            synchronized (this) {
                if (baselines == null) {
                    X264Baselines created = factory.get();
                    sharedBaselines = shared == null ? null : new SharedBaselines(created, shared);
                    baselines = created;
                }
                b = baselines;
            }
        }
        return b;
    }

    @Override
    public List<RdPoint> baseline(Clip clip) {
        X264Baselines local = baselines();
        SharedBaselines sharedCache = sharedBaselines;
        if (sharedCache != null) {
            // HIT means no x264 ran here: the curve was in memory, in /tmp, or read from the shared store.
            int measured = sharedCache.measured();
            long start = System.nanoTime();
            List<RdPoint> points = sharedCache.baseline(clip);
            listener.stageDone(new StageListener.Timing(StageListener.Stage.BASELINE, null, null,
                    Duration.ofNanos(System.nanoTime() - start), sharedCache.measured() > measured ? "MISS" : "HIT", false));
            return points;
        }
        X264Baselines baselines = local;
        boolean hit = baselines.cached(clip);
        long start = System.nanoTime();
        List<RdPoint> points = baselines.baseline(clip);
        listener.stageDone(new StageListener.Timing(StageListener.Stage.BASELINE, null, null,
                Duration.ofNanos(System.nanoTime() - start), hit ? "HIT" : "MISS", false));
        return points;
    }
}
