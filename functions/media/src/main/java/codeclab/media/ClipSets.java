package codeclab.media;

import codeclab.media.bundled.BundledClips;
import codeclab.media.synthetic.SyntheticClips;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The named clip sets: real footage ({@code dev}, {@code holdout}, {@code tiny-holdout}: {@link BundledClips}) and
 * generated ones ({@code synthetic}, {@code tiny}: {@link SyntheticClips}), and the rules a held-out set must meet.
 */
public final class ClipSets {

    private ClipSets() {
    }

    /** Every set name: dev, holdout, tiny-holdout, synthetic, tiny. */
    public static List<String> names() {
        return Stream.concat(BundledClips.setNames().stream(), SyntheticClips.setNames().stream()).toList();
    }

    public static boolean exists(String name) {
        return BundledClips.cuts(name) != null || SyntheticClips.setNames().contains(name);
    }

    /** The clips of a named set; real cuts are decoded once into {@code cacheDir}. */
    public static List<Clip> load(String name, Path cacheDir) {
        if (BundledClips.cuts(name) != null) {
            return BundledClips.set(name, cacheDir);
        }
        if (SyntheticClips.setNames().contains(name)) {
            return SyntheticClips.set(name);
        }
        throw new IllegalArgumentException("no clip set \"" + name + "\"; known sets: " + String.join(", ", names())
                + " (or import your own with `codec-lab clips import FILE`)");
    }

    /**
     * Checks that {@code holdout} can confirm results on {@code dev}: no generated clip (a codec can re-implement the
     * generator and send only its parameters, so a generated clip proves nothing) and no clip that is also in dev.
     *
     * @throws IllegalArgumentException in one line naming the clip and the fix
     */
    public static void checkHoldout(String holdoutName, List<Clip> holdout, List<Clip> dev) {
        Map<String, String> devByHash = new HashMap<>();
        dev.forEach(c -> devByHash.put(c.contentHash(), c.name()));
        List<String> problems = new ArrayList<>();
        for (Clip c : holdout) {
            if (SyntheticClips.isSynthetic(c)) {
                throw new IllegalArgumentException("held-out clip " + c.name() + " (set '" + holdoutName + "') is"
                        + " generated: a codec can re-implement the generator and send only its seed, so a generated clip"
                        + " cannot confirm anything; use real footage (the default 'holdout' set, or `clips import`)");
            }
            String twin = devByHash.get(c.contentHash());
            if (twin != null) {
                problems.add(c.name() + " (same frames as dev clip " + twin + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("held-out set '" + holdoutName + "' overlaps the dev clips: "
                    + String.join(", ", problems) + "; held-out clips must be other footage than dev (choose another"
                    + " --holdout set)");
        }
    }
}
