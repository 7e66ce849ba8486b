package codeclab.loop;

import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.synthetic.SyntheticClips;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a clip set: a synthetic set name (generated deterministically, never described to the planner)
 * or a comma-separated list of clip names/paths from the clip library. Loaded clips are kept in memory:
 * every experiment of a run uses the same frames.
 */
public final class ClipProvider {

    private final ClipLibrary library;
    private final Map<String, List<Clip>> cache = new ConcurrentHashMap<>();

    /** @param libraryDir folder of imported/generated clips, or null for synthetic sets only */
    public ClipProvider(Path libraryDir) {
        this.library = libraryDir == null ? null : new ClipLibrary(libraryDir);
    }

    public List<Clip> clips(String clipSet) {
        return cache.computeIfAbsent(clipSet, this::load);
    }

    private List<Clip> load(String clipSet) {
        if (SyntheticClips.setNames().contains(clipSet)) {
            return SyntheticClips.set(clipSet);
        }
        if (library == null) {
            throw new IllegalArgumentException("clip set '" + clipSet + "' is not one of the synthetic sets "
                    + SyntheticClips.setNames() + " and no clip library is configured");
        }
        List<Clip> clips = new ArrayList<>();
        for (String name : clipSet.split(",")) {
            clips.add(library.load(name.strip()));
        }
        return List.copyOf(clips);
    }
}
