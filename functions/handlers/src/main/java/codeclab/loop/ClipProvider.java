package codeclab.loop;

import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.ClipSets;
import codeclab.media.bundled.BundledClips;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a clip set: a named set ({@link ClipSets}: real footage by default, generated sets on request) or a
 * comma-separated list of clip names/paths from the clip library. Loaded clips are kept in memory: every experiment
 * of a run uses the same frames.
 */
public final class ClipProvider {

    private final ClipLibrary library;
    private final Path bundledCache;
    private final Map<String, List<Clip>> cache = new ConcurrentHashMap<>();

    /** @param libraryDir folder of imported/generated clips, or null for the named sets only */
    public ClipProvider(Path libraryDir) {
        this.library = libraryDir == null ? null : new ClipLibrary(libraryDir);
        this.bundledCache = libraryDir == null ? BundledClips.DEFAULT_CACHE : libraryDir.resolve(".bundled");
    }

    public List<Clip> clips(String clipSet) {
        return cache.computeIfAbsent(clipSet, this::load);
    }

    /**
     * The held-out clips, checked against the dev set: refused (one line naming the clip and the fix) when a clip is
     * generated or also in dev.
     */
    public List<Clip> holdoutClips(String holdoutSet, String devSet) {
        List<Clip> holdout = clips(holdoutSet);
        ClipSets.checkHoldout(holdoutSet, holdout, clips(devSet));
        return holdout;
    }

    private List<Clip> load(String clipSet) {
        if (ClipSets.exists(clipSet)) {
            return ClipSets.load(clipSet, bundledCache);
        }
        if (library == null) {
            throw new IllegalArgumentException("clip set '" + clipSet + "' is not one of the named sets "
                    + ClipSets.names() + " and no clip library is configured");
        }
        List<Clip> clips = new ArrayList<>();
        for (String name : clipSet.split(",")) {
            clips.add(library.load(name.strip()));
        }
        return List.copyOf(clips);
    }
}
