package codeclab.loop;

import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.ClipSets;
import codeclab.media.bundled.BundledClips;
import codeclab.store.ArtifactStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a clip set: a named set ({@link ClipSets}: real footage by default, generated sets on request) or a
 * comma-separated list of clip names/paths from the clip library. Loaded clips are kept in memory: every experiment
 * of a run uses the same frames.
 *
 * <p>With a remote library (on AWS: the artifact bucket's {@value #REMOTE_PREFIX} prefix, where
 * {@code aws s3 cp codec-lab-data/clips/ s3://<bucket>/clips/ --recursive} puts them), a set may also be a folder
 * {@code clips/<set>/} (every clip in it); its clips are read through the library folder on first use and kept in
 * memory.
 */
public final class ClipProvider {

    /** Where clips live in the artifact store. */
    public static final String REMOTE_PREFIX = "clips/";

    private final ClipLibrary library;
    private final Path bundledCache;
    private final ArtifactStore remote;
    private final Map<String, List<Clip>> cache = new ConcurrentHashMap<>();
    private volatile List<String> remoteNames;

    /** @param libraryDir folder of imported/generated clips, or null for the named sets only */
    public ClipProvider(Path libraryDir) {
        this(libraryDir, null);
    }

    /**
     * @param libraryDir folder of clips (on Lambda under /tmp), where remote clips are copied to
     * @param remote     the artifact store holding clips under {@value #REMOTE_PREFIX}, or null
     */
    public ClipProvider(Path libraryDir, ArtifactStore remote) {
        if (remote != null && libraryDir == null) {
            throw new IllegalArgumentException("a remote clip library needs a local folder to copy clips to");
        }
        this.library = libraryDir == null ? null : new ClipLibrary(libraryDir);
        this.bundledCache = libraryDir == null ? BundledClips.DEFAULT_CACHE : libraryDir.resolve(".bundled");
        this.remote = remote;
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
        if (remote != null) {
            return loadRemote(clipSet);
        }
        List<Clip> clips = new ArrayList<>();
        for (String name : clipSet.split(",")) {
            clips.add(library.load(name.strip()));
        }
        return List.copyOf(clips);
    }

    /** A folder {@code clips/<set>/}, else clip names under {@code clips/}; each copied into the library folder. */
    private List<Clip> loadRemote(String clipSet) {
        List<String> names = remoteNames();
        String folder = REMOTE_PREFIX + clipSet.strip() + "/";
        List<String> chosen = new ArrayList<>(names.stream().filter(n -> n.startsWith(folder)).toList());
        if (chosen.isEmpty()) {
            for (String wanted : clipSet.split(",")) {
                String w = wanted.strip();
                String match = names.stream()
                        .filter(n -> n.lastIndexOf('/') == REMOTE_PREFIX.length() - 1)
                        .filter(n -> n.equals(REMOTE_PREFIX + w) || ClipLibrary.nameFor(Path.of(n)).equals(w))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("clip '" + w + "' of set '" + clipSet
                                + "' is neither a named set " + ClipSets.names() + " nor in the bucket under "
                                + REMOTE_PREFIX + " (found: " + names + "); upload it with aws s3 cp"));
                chosen.add(match);
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (String name : chosen) {
            // One clip at a time passes through the folder and is deleted once read: Lambda's /tmp stays 512 MB
            // (SnapStart allows no more) while a real clip set is several 83 MB y4m files; the frames stay in memory.
            Path file = library.dir().resolve(name.substring(REMOTE_PREFIX.length()));
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, remote.getNamed(name));
                clips.add(ClipLibrary.read(file, ClipLibrary.nameFor(file)));
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy clip " + name + " to " + file + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(clips);
    }

    private List<String> remoteNames() {
        List<String> names = remoteNames;
        if (names == null) {
            names = remote.listNamed(REMOTE_PREFIX);
            remoteNames = names;
        }
        return names;
    }
}
