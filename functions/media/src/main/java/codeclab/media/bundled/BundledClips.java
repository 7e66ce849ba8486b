package codeclab.media.bundled;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipFormatException;
import codeclab.media.ffmpeg.FfmpegClipReader;
import codeclab.media.y4m.Y4mReader;
import codeclab.media.y4m.Y4mWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's real footage: cuts of three CC-BY 3.0 Blender Foundation films bundled as resources (H.264 files,
 * see {@code ATTRIBUTION.md} next to them), decoded with the project's FFmpeg reader (JavaCV) and cached as y4m
 * by the SHA-256 of the source file and the cut, so each cut is decoded once per machine (or Lambda sandbox).
 *
 * <p>Sets: {@code dev} (a 352x288 crop of <i>Sintel</i> and a 640x360 cut of <i>Tears of Steel</i>),
 * {@code holdout} (other scenes: a 352x288 crop of another <i>Tears of Steel</i> scene and a 640x360 cut of
 * <i>Caminandes</i>, a film dev does not use) and {@code tiny-holdout} (a 64x48 crop of <i>Caminandes</i>, 4 frames,
 * for smoke runs). Every cut lies inside one shot (scene cuts found with FFmpeg's scene detection).
 */
public final class BundledClips {

    /** Where the cache goes unless the caller says otherwise: the temp folder (Lambda's /tmp). */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("java.io.tmpdir"), "codec-lab-clips");

    /** The three bundled films. */
    public enum Film {
        TEARS_OF_STEEL("clip_01_tears_of_steel.mp4", "Tears of Steel (2012)"),
        CAMINANDES("clip_02_caminandes.mp4", "Caminandes 1: Llama Drama (2013)"),
        SINTEL("clip_03_sintel.mp4", "Sintel (2010)");

        final String resource;
        final String title;

        Film(String resource, String title) {
            this.resource = resource;
            this.title = title;
        }
    }

    /**
     * One cut: {@code frames} frames from {@code first} (0-based, at the film's 24 fps), cropped to
     * {@code width x height} around the centre (no scaling: every sample is one the H.264 decoder produced).
     */
    public record Cut(String name, Film film, int first, int frames, int width, int height) {

        /** What the clip's metadata says it is: film, licence, frames and crop. */
        public String source() {
            return film.title + " (c) Blender Foundation, CC-BY 3.0; H.264 source, frames " + first + "-"
                    + (first + frames - 1) + ", centre " + width + "x" + height;
        }
    }

    private static final Map<String, List<Cut>> SETS = new LinkedHashMap<>();

    static {
        SETS.put("dev", List.of(
                new Cut("dev-1", Film.SINTEL, 10, 30, 352, 288),
                new Cut("dev-2", Film.TEARS_OF_STEEL, 80, 30, 640, 360)));
        SETS.put("holdout", List.of(
                new Cut("holdout-1", Film.TEARS_OF_STEEL, 25, 30, 352, 288),
                new Cut("holdout-2", Film.CAMINANDES, 20, 30, 640, 360)));
        SETS.put("tiny-holdout", List.of(
                new Cut("tiny-holdout-1", Film.CAMINANDES, 60, 4, 64, 48)));
    }

    private static final Map<Film, String> HASHES = new ConcurrentHashMap<>();

    private BundledClips() {
    }

    /** Names of the real sets: dev, holdout, tiny-holdout. */
    public static List<String> setNames() {
        return List.copyOf(SETS.keySet());
    }

    /** The cuts of a set, or null when no real set has that name. */
    public static List<Cut> cuts(String setName) {
        return SETS.get(setName);
    }

    /** Every clip of a real set, from the cache or decoded now. */
    public static List<Clip> set(String setName, Path cacheDir) {
        List<Cut> cuts = SETS.get(setName);
        if (cuts == null) {
            throw new IllegalArgumentException("no real clip set \"" + setName + "\"; known: " + setNames());
        }
        List<Clip> clips = new ArrayList<>();
        for (Cut cut : cuts) {
            clips.add(load(cut, cacheDir));
        }
        return clips;
    }

    /** One cut, from the cache (keyed by the film's SHA-256 and the cut) or decoded and cached now. */
    public static Clip load(Cut cut, Path cacheDir) {
        String key = hash(cut.film).substring(0, 16) + "-" + cut.first + "+" + cut.frames + "-" + cut.width + "x" + cut.height;
        Path cached = cacheDir.resolve(key + ".y4m");
        if (Files.isRegularFile(cached)) {
            Clip clip = Y4mReader.read(cached, cut.name);
            return new Clip(cut.name, clip.header(), clip.frames(), clip.metadata().withSource(cut.source()));
        }
        Clip clip = decode(cut);
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the clip cache " + cacheDir + ": " + e.getMessage(), e);
        }
        Y4mWriter.write(cached, clip);
        return clip;
    }

    private static Clip decode(Cut cut) {
        Path tmp = null;
        try (InputStream in = resource(cut.film)) {
            tmp = Files.createTempFile("codec-lab-" + cut.film.name().toLowerCase(java.util.Locale.ROOT), ".mp4");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Clip whole = FfmpegClipReader.read(tmp, cut.name, cut.first, cut.frames);
            if (whole.frameCount() < cut.frames) {
                throw new ClipFormatException("bundled clip " + cut.name + ": " + cut.film.resource + " has "
                        + (cut.first + whole.frameCount()) + " frames, the cut needs " + (cut.first + cut.frames)
                        + " (the resource is damaged: rebuild the media module from a clean checkout)");
            }
            if (cut.width > whole.width() || cut.height > whole.height()) {
                throw new ClipFormatException("bundled clip " + cut.name + ": " + cut.film.resource + " is "
                        + whole.width() + "x" + whole.height() + ", smaller than the cut " + cut.width + "x" + cut.height);
            }
            List<Frame> frames = whole.frames().stream().map(f -> crop(f, cut.width, cut.height)).toList();
            return Clip.of(cut.name, frames, whole.header().fpsNum(), whole.header().fpsDen(),
                    whole.metadata().withSource(cut.source()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + cut.film.resource + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp copy of a public clip harms nothing
                }
            }
        }
    }

    /** The centre {@code w x h} of a frame, at even offsets so the chroma planes stay aligned. */
    static Frame crop(Frame f, int w, int h) {
        if (w == f.width() && h == f.height()) {
            return f;
        }
        int x0 = (f.width() - w) / 2 & ~1;
        int y0 = (f.height() - h) / 2 & ~1;
        Frame out = Frame.blank(w, h);
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            int sw = f.planeWidth(p), dw = out.planeWidth(p), dh = out.planeHeight(p);
            byte[] src = f.plane(p), dst = out.plane(p);
            for (int y = 0; y < dh; y++) {
                System.arraycopy(src, ((y0 >> shift) + y) * sw + (x0 >> shift), dst, y * dw, dw);
            }
        }
        return out;
    }

    private static InputStream resource(Film film) {
        InputStream in = BundledClips.class.getResourceAsStream(film.resource);
        if (in == null) {
            throw new ClipFormatException("bundled clip " + film.resource + " is missing from the classpath"
                    + " (rebuild the media module: it ships in media's jar)");
        }
        return in;
    }

    private static String hash(Film film) {
        return HASHES.computeIfAbsent(film, f -> {
            try (InputStream in = resource(f)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.resource + ": " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        });
    }
}
