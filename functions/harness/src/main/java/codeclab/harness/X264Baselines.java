package codeclab.harness;

import codeclab.core.RdPoint;
import codeclab.media.Clip;
import codeclab.media.ffmpeg.X264Baseline;
import codeclab.media.ffmpeg.X264Config;
import codeclab.media.ffmpeg.X264Point;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * x264 baselines measured with libx264 (through JavaCV) and the project's own metrics, cached on disk
 * by clip content hash and x264 settings: a clip is encoded once, whatever the number of experiments.
 * The cache holds measurements, never assumed values; delete the folder to measure again.
 */
public final class X264Baselines implements BaselineSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final X264Baseline encoder;
    private final Path cacheDir;
    private final Map<String, List<RdPoint>> memory = new ConcurrentHashMap<>();

    /** @param cacheDir where measured curves are kept, or null for memory only */
    public X264Baselines(X264Config config, Path cacheDir) {
        this.encoder = new X264Baseline(config);
        this.cacheDir = cacheDir;
    }

    public X264Baselines(Path cacheDir) {
        this(X264Config.defaults(), cacheDir);
    }

    @Override
    public List<RdPoint> baseline(Clip clip) {
        return memory.computeIfAbsent(key(clip), k -> loadOrMeasure(k, clip));
    }

    /** Whether the curve of this clip is already measured (in memory or on disk): a lookup will not run x264. */
    public boolean cached(Clip clip) {
        String key = key(clip);
        return memory.containsKey(key) || (cacheDir != null && Files.exists(cacheDir.resolve(key + ".json")));
    }

    /** The cache key of a clip's curve: its content hash and the x264 settings (a file name, no path). */
    public String cacheKey(Clip clip) {
        return key(clip);
    }

    private String key(Clip clip) {
        // v2: RD points carry PSNR-YUV weighted 6:1:1 (AWCY); curves cached before that are measured again
        return clip.contentHash() + "-v2-" + encoder.config().preset() + "-crf" + encoder.config().crfs().stream()
                .map(String::valueOf).reduce((a, b) -> a + "_" + b).orElse("");
    }

    private List<RdPoint> loadOrMeasure(String key, Clip clip) {
        Path file = cacheDir == null ? null : cacheDir.resolve(key + ".json");
        try {
            if (file != null && Files.exists(file)) {
                return JSON.readValue(file.toFile(), new TypeReference<List<RdPoint>>() { });
            }
            List<RdPoint> points = new ArrayList<>();
            for (X264Point p : encoder.run(clip)) {
                points.add(RdMeasure.point(p.crf(), p.bytes(), clip.header(), clip.frames(), p.decoded(),
                        p.encodeNanos() / 1e9, p.decodeNanos() / 1e9));
            }
            if (file != null) {
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, key, ".tmp");
                JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), points);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return List.copyOf(points);
        } catch (IOException e) {
            throw new UncheckedIOException("x264 baseline cache " + file + ": " + e.getMessage(), e);
        }
    }
}
