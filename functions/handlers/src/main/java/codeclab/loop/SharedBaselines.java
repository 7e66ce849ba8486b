package codeclab.loop;

import codeclab.core.RdPoint;
import codeclab.harness.BaselineSource;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import codeclab.store.ArtifactStore;
import codeclab.store.NotFoundException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The x264 baselines shared through the artifact store ({@value #PREFIX}{@code <cache key>.json}, on AWS the
 * bucket): a curve measured by one execute environment is read by every other one, instead of each Lambda sandbox
 * measuring it again into its own /tmp. A miss in the store is measured locally (and cached in /tmp) and then stored.
 */
final class SharedBaselines implements BaselineSource {

    static final String PREFIX = "baselines/";

    private final X264Baselines local;
    private final ArtifactStore shared;
    private final Map<String, List<RdPoint>> memory = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger measured = new java.util.concurrent.atomic.AtomicInteger();

    SharedBaselines(X264Baselines local, ArtifactStore shared) {
        this.local = local;
        this.shared = shared;
    }

    /** How many curves this instance had to measure with x264 (missing from /tmp and the shared store). */
    int measured() {
        return measured.get();
    }

    /** True when the curve is in memory or in /tmp (the shared store is not asked). */
    boolean cached(Clip clip) {
        return memory.containsKey(local.cacheKey(clip)) || local.cached(clip);
    }

    @Override
    public List<RdPoint> baseline(Clip clip) {
        return memory.computeIfAbsent(local.cacheKey(clip), key -> {
            if (local.cached(clip)) {
                return local.baseline(clip);
            }
            String name = PREFIX + key + ".json";
            try {
                return List.copyOf(Json.MAPPER.readValue(shared.getNamed(name), new TypeReference<List<RdPoint>>() { }));
            } catch (NotFoundException missing) {
                measured.incrementAndGet();
                List<RdPoint> points = local.baseline(clip);
                shared.putNamed(name, Json.write(points).getBytes(StandardCharsets.UTF_8), "application/json");
                return points;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("shared x264 baseline " + name + " is not readable: " + e.getMessage()
                        + "; delete it to measure again", e);
            }
        });
    }
}
