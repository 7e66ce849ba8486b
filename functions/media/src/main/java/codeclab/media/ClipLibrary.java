package codeclab.media;

import codeclab.media.ffmpeg.FfmpegClipReader;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import codeclab.media.y4m.Y4mReader;
import codeclab.media.y4m.Y4mWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of clips, one {@code <name>.y4m} per clip: what {@code codec-lab clips generate|import|list}
 * works on. Generated and imported clips are stored as 8-bit 4:2:0 y4m so that every later read is
 * exact and FFmpeg-free. Names are {@code [A-Za-z0-9][A-Za-z0-9._-]*} (at most 64 characters).
 */
public final class ClipLibrary {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final byte[] Y4M_MAGIC = "YUV4MPEG2".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;

    public ClipLibrary(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Generates a named synthetic set (dev, holdout, tiny) into the folder; existing files are replaced. */
    public List<ClipInfo> generateSet(String setName) {
        List<ClipInfo> out = new ArrayList<>();
        for (Clip clip : SyntheticClips.set(setName)) {
            out.add(store(clip));
        }
        return out;
    }

    /** Generates one synthetic clip under {@code name}. */
    public ClipInfo generate(String name, SyntheticSpec spec) {
        return store(SyntheticClips.generate(checkName(name), spec));
    }

    /**
     * Imports any file the y4m reader or FFmpeg can read, converted to 8-bit 4:2:0 y4m, under
     * {@code name} (null: derived from the file name). An existing clip of that name is replaced.
     */
    public ClipInfo importFile(Path source, String name) {
        String clipName = name != null ? checkName(name) : nameFor(source);
        return store(read(source, clipName).withName(clipName));
    }

    /** Every clip in the folder, by name. Reading them is needed for the hash, so this costs a full read. */
    public List<ClipInfo> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".y4m")
                            && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(p -> ClipInfo.of(Y4mReader.read(p), p, size(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list clips in " + dir, e);
        }
    }

    /**
     * The file for a clip name in this folder, or {@code nameOrPath} itself when it names an existing
     * file; a {@link ClipFormatException} listing the known clips otherwise.
     */
    public Path resolve(String nameOrPath) {
        if (NAME.matcher(nameOrPath).matches()) {
            Path inLibrary = dir.resolve(nameOrPath + ".y4m");
            if (Files.isRegularFile(inLibrary)) {
                return inLibrary;
            }
        }
        Path asPath = Path.of(nameOrPath);
        if (Files.isRegularFile(asPath)) {
            return asPath;
        }
        throw new ClipFormatException(nameOrPath + ": no such clip in " + dir + " and no such file (known clips: "
                + knownNames() + "; named sets: " + String.join(", ", ClipSets.names())
                + "; import your own with `clips import FILE`)");
    }

    /** Loads a clip by name or path (any format {@link #read} takes). */
    public Clip load(String nameOrPath) {
        Path file = resolve(nameOrPath);
        return read(file, nameFor(file));
    }

    /** Reads a y4m file with the exact y4m reader (by its magic bytes) and anything else through FFmpeg. */
    public static Clip read(Path file, String name) {
        return isY4m(file) ? Y4mReader.read(file, name) : FfmpegClipReader.read(file, name);
    }

    /** A clip name made from a file name: extension dropped, other characters replaced by '-'. */
    public static String nameFor(Path file) {
        String base = String.valueOf(file.getFileName());
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        if (cleaned.isEmpty()) {
            cleaned = "clip";
        }
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }

    private ClipInfo store(Clip clip) {
        Path file = dir.resolve(clip.name() + ".y4m");
        Y4mWriter.write(file, clip);
        return ClipInfo.of(clip, file, size(file));
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("clip name \"" + name + "\" must match " + NAME.pattern());
        }
        return name;
    }

    private List<String> knownNames() {
        return list().stream().map(ClipInfo::name).toList();
    }

    private static boolean isY4m(Path file) {
        if (!Files.isRegularFile(file)) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".y4m");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(Y4M_MAGIC.length);
            return java.util.Arrays.equals(head, Y4M_MAGIC);
        } catch (IOException e) {
            throw new ClipFormatException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }
}
