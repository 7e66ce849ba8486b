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
    private final StageListener listener;
    private volatile X264Baselines baselines;

    TimedBaselines(Supplier<X264Baselines> factory, StageListener listener) {
        this.factory = factory;
        this.listener = listener;
    }

    private X264Baselines baselines() {
        X264Baselines b = baselines;
        if (b == null) {
            synchronized (this) {
                if (baselines == null) {
                    baselines = factory.get();
                }
                b = baselines;
            }
        }
        return b;
    }

    @Override
    public List<RdPoint> baseline(Clip clip) {
        X264Baselines baselines = baselines();
        boolean hit = baselines.cached(clip);
        long start = System.nanoTime();
        List<RdPoint> points = baselines.baseline(clip);
        listener.stageDone(new StageListener.Timing(StageListener.Stage.BASELINE, null, null,
                Duration.ofNanos(System.nanoTime() - start), hit ? "HIT" : "MISS", false));
        return points;
    }
}
