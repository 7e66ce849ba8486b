package codeclab.media.synthetic;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipMetadata;
import codeclab.media.ColourRange;
import codeclab.media.Interlace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic test clips with the difficulties of real video: global motion (pan and
 * zoom), independently moving textured objects, multi-scale texture, film grain, one scene cut,
 * flat sky-like gradients and text-like sharp edges (a sign that moves with the camera and a static
 * caption). Every content parameter is drawn from the seed; the same {@link SyntheticSpec} gives the
 * same samples on every machine (pure Java float arithmetic).
 *
 * <p>Clips are named by set ({@code synthetic-1}, {@code tiny-1}) and their metadata says only "synthetic" (also
 * as the y4m tag {@code X}{@value #TAG}, so a stored copy stays recognisable).
 *
 * <p>A generated clip is never held-out material: its generator is deterministic Java, so a codec that
 * re-implements it sends only the parameters (issue 11). The default {@code dev} and {@code holdout} sets are real
 * footage ({@code codeclab.media.bundled.BundledClips}); these sets are for unit tests, smoke runs and users who ask:
 * {@code synthetic} (two 352x288 clips of 30 frames at 30 fps, different content) and {@code tiny} (one 64x48 clip
 * of 4 frames).
 */
public final class SyntheticClips {

    /** Sizes the project uses: QCIF, CIF, 360p, 720p. */
    public static final List<int[]> SIZES = List.of(new int[] {176, 144}, new int[] {352, 288},
            new int[] {640, 360}, new int[] {1280, 720});

    private static final Map<String, Map<String, SyntheticSpec>> SETS = new LinkedHashMap<>();

    /** The y4m X tag (and metadata extra tag) that marks a generated clip. */
    public static final String TAG = "CODECLAB=synthetic";

    static {
        SETS.put("synthetic", named("synthetic", SyntheticSpec.of(352, 288, 30, 0x5eed_0001L), SyntheticSpec.of(352, 288, 30, 0x5eed_0002L)));
        SETS.put("tiny", named("tiny", new SyntheticSpec(64, 48, 4, 30, 1, 0x7171_0001L)));
    }

    private SyntheticClips() {
    }

    /** Names of the generated sets: synthetic, tiny. */
    public static List<String> setNames() {
        return List.copyOf(SETS.keySet());
    }

    /** Generates every clip of a named set, in order. */
    public static List<Clip> set(String setName) {
        Map<String, SyntheticSpec> specs = SETS.get(setName);
        if (specs == null) {
            throw new IllegalArgumentException("no clip set \"" + setName + "\"; known sets: " + setNames());
        }
        List<Clip> clips = new ArrayList<>();
        specs.forEach((name, spec) -> clips.add(generate(name, spec)));
        return clips;
    }

    /** Whether a clip was generated: its metadata says "synthetic" or carries the {@value #TAG} tag. */
    public static boolean isSynthetic(Clip clip) {
        return "synthetic".equals(clip.metadata().source()) || clip.metadata().extraTags().contains(TAG);
    }

    /** Generates one clip. Same spec, same content hash. */
    public static Clip generate(String name, SyntheticSpec spec) {
        Plan plan = new Plan(spec);
        List<Frame> frames = new ArrayList<>(spec.frames());
        for (int t = 0; t < spec.frames(); t++) {
            frames.add(plan.frame(t, true));
        }
        ClipMetadata meta = new ClipMetadata(ColourRange.LIMITED, Interlace.PROGRESSIVE, "420jpeg", "1:1", List.of(TAG), "synthetic");
        return Clip.of(name, frames, spec.fpsNum(), spec.fpsDen(), meta);
    }

    private static Map<String, SyntheticSpec> named(String prefix, SyntheticSpec... specs) {
        Map<String, SyntheticSpec> m = new LinkedHashMap<>();
        for (int i = 0; i < specs.length; i++) {
            m.put(prefix + "-" + (i + 1), specs[i]);
        }
        return m;
    }

    /** The drawn parameters of one clip: two scenes, the cut between them and the grain. Package-private for tests. */
    static final class Plan {
        final SyntheticSpec spec;
        final int cut; // first frame of the second scene; == frames when there is no cut
        private final Scene first, second;
        private final float grain;
        private final float[] gauss = new float[4096];

        Plan(SyntheticSpec spec) {
            this.spec = spec;
            SplittableRandom rng = new SplittableRandom(spec.seed());
            int n = spec.frames();
            cut = n >= 4 ? Math.max(1, (int) Math.round(n * (0.4 + 0.25 * rng.nextDouble()))) : n;
            boolean brightFirst = rng.nextBoolean();
            grain = (float) (1.0 + 1.5 * rng.nextDouble());
            for (int i = 0; i < gauss.length; i++) {
                gauss[i] = (float) rng.nextGaussian();
            }
            first = new Scene(rng.split(), spec.width(), spec.height(), cut, brightFirst);
            second = cut < n ? new Scene(rng.split(), spec.width(), spec.height(), n - cut, !brightFirst) : null;
        }

        Frame frame(int t, boolean withGrain) {
            Frame f = Frame.blank(spec.width(), spec.height());
            if (t < cut) {
                first.render(t, f);
            } else {
                second.render(t - cut, f);
            }
            if (withGrain) {
                addGrain(f, t);
            }
            return f;
        }

        /** Gaussian film grain, independent per frame; chroma gets less than luma. */
        private void addGrain(Frame f, int t) {
            long state = spec.seed() * 0x9E3779B97F4A7C15L + (t + 1) * 0xBF58476D1CE4E5B9L | 1;
            for (int p = 0; p < 3; p++) {
                byte[] plane = f.plane(p);
                float sigma = p == 0 ? grain : grain * 0.5f;
                int lo = 16, hi = p == 0 ? 235 : 240;
                for (int i = 0; i < plane.length; i++) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    int v = (plane[i] & 0xFF) + Math.round(sigma * gauss[(int) (state >>> 52)]);
                    plane[i] = (byte) Math.max(lo, Math.min(hi, v));
                }
            }
        }
    }
}
