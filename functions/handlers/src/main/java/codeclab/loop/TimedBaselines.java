package codeclab.loop;

import codeclab.core.RdPoint;
import codeclab.harness.BaselineSource;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;

import java.time.Duration;
import java.util.List;

/** The x264 baselines, each lookup reported to a {@link StageListener} as a cache HIT or a MISS (x264 ran). */
final class TimedBaselines implements BaselineSource {

    private final X264Baselines baselines;
    private final StageListener listener;

    TimedBaselines(X264Baselines baselines, StageListener listener) {
        this.baselines = baselines;
        this.listener = listener;
    }

    @Override
    public List<RdPoint> baseline(Clip clip) {
        boolean hit = baselines.cached(clip);
        long start = System.nanoTime();
        List<RdPoint> points = baselines.baseline(clip);
        listener.stageDone(new StageListener.Timing(StageListener.Stage.BASELINE, null, null,
                Duration.ofNanos(System.nanoTime() - start), hit ? "HIT" : "MISS", false));
        return points;
    }
}
