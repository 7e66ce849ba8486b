package codeclab.media.y4m;

import codeclab.codec.Frame;
import codeclab.media.Clip;
import codeclab.media.ClipFormatException;
import codeclab.media.ColourRange;
import codeclab.media.Interlace;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads YUV4MPEG2 (y4m) 8-bit 4:2:0 streams frame by frame.
 *
 * <p>The header is parsed on open; {@link #next()} returns frames until the end of the stream and then
 * null. Every problem (missing file, bad or missing header, unsupported colourspace, odd size, a
 * broken FRAME line, a truncated frame, no frames at all in {@link #read}) is a
 * {@link ClipFormatException} naming the file. Per-frame parameters on FRAME lines are accepted and
 * ignored.
 */
public final class Y4mReader implements Closeable, Iterable<Frame> {

    private static final String MAGIC = "YUV4MPEG2";
    private static final int MAX_LINE = 64 * 1024;

    private final String name;
    private final InputStream in;
    private final Y4mHeader header;
    private int framesRead;

    private Y4mReader(String name, InputStream in) {
        this.name = name;
        this.in = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        this.header = parseHeader();
    }

    /** Opens a file; the caller closes the reader. */
    public static Y4mReader open(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ClipFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new ClipFormatException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return new Y4mReader(file.toString(), in);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    /** Reads from a stream; {@code name} is used in error messages. Closing the reader closes the stream. */
    public static Y4mReader open(String name, InputStream in) {
        return new Y4mReader(name, in);
    }

    /** Reads a whole file into a clip named {@code clipName}; a file without frames is an error. */
    public static Clip read(Path file, String clipName) {
        try (Y4mReader r = open(file)) {
            List<Frame> frames = r.readAll();
            return Clip.of(clipName, frames, r.header.fpsNum(), r.header.fpsDen(),
                    r.header.metadata(String.valueOf(file.getFileName())));
        }
    }

    /** Reads a whole file into a clip named after the file (without {@code .y4m}). */
    public static Clip read(Path file) {
        String n = String.valueOf(file.getFileName());
        return read(file, n.toLowerCase().endsWith(".y4m") ? n.substring(0, n.length() - 4) : n);
    }

    public Y4mHeader header() {
        return header;
    }

    /** Frames returned so far. */
    public int framesRead() {
        return framesRead;
    }

    /** All remaining frames; fails when the stream holds none at all. */
    public List<Frame> readAll() {
        List<Frame> frames = new ArrayList<>();
        for (Frame f = next(); f != null; f = next()) {
            frames.add(f);
        }
        if (frames.isEmpty()) {
            throw new ClipFormatException(name + ": y4m file has a header but zero frames");
        }
        return frames;
    }

    /** The next frame, or null at the end of the stream. */
    public Frame next() {
        int first = readByte();
        if (first < 0) {
            return null;
        }
        String line = readLine(first, "FRAME line of frame " + framesRead);
        if (!(line.equals("FRAME") || line.startsWith("FRAME "))) {
            throw new ClipFormatException(name + ": frame " + framesRead + " does not start with FRAME (got \""
                    + printable(line) + "\"); the file is corrupt or the header's size is wrong");
        }
        int w = header.width(), h = header.height();
        byte[] y = new byte[w * h], u = new byte[w * h / 4], v = new byte[w * h / 4];
        int got = readFully(y);
        if (got == y.length) got += readFully(u);
        if (got == y.length + u.length) got += readFully(v);
        if (got != header.frameBytes()) {
            throw new ClipFormatException(name + ": truncated frame " + framesRead + " (" + got + " of "
                    + header.frameBytes() + " bytes for " + w + "x" + h + " 4:2:0)");
        }
        framesRead++;
        return new Frame(w, h, y, u, v);
    }

    /** Iterates the remaining frames (single use). */
    @Override
    public Iterator<Frame> iterator() {
        return new Iterator<>() {
            private Frame pending = Y4mReader.this.next();

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Frame next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                Frame f = pending;
                pending = Y4mReader.this.next();
                return f;
            }
        };
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + name, e);
        }
    }

    private Y4mHeader parseHeader() {
        int first = readByte();
        if (first < 0) {
            throw new ClipFormatException(name + ": empty file, expected a YUV4MPEG2 header");
        }
        String line = readLine(first, "header");
        String[] tokens = line.split(" ");
        if (!tokens[0].equals(MAGIC)) {
            throw new ClipFormatException(name + ": not a y4m file (header starts with \""
                    + printable(line.substring(0, Math.min(line.length(), 12))) + "\", expected YUV4MPEG2)");
        }
        Integer width = null, height = null;
        int fpsNum = 0, fpsDen = 0;
        Interlace interlace = null;
        String aspect = null, chroma = null;
        ColourRange range = ColourRange.UNSPECIFIED;
        List<String> extra = new ArrayList<>();
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                continue;
            }
            String value = t.substring(1);
            switch (t.charAt(0)) {
                case 'W' -> width = positiveInt(value, "width W");
                case 'H' -> height = positiveInt(value, "height H");
                case 'F' -> {
                    int[] r = ratio(value, "frame rate F");
                    fpsNum = r[0];
                    fpsDen = r[1];
                }
                case 'I' -> {
                    interlace = value.length() == 1 ? Interlace.fromY4m(value.charAt(0)) : null;
                    if (interlace == null) {
                        throw bad("interlace tag I" + value + " is not one of Ip, It, Ib, Im, I?");
                    }
                }
                case 'A' -> {
                    ratio0(value, "aspect A");
                    aspect = value;
                }
                case 'C' -> {
                    if (!Y4mHeader.SUPPORTED_CHROMA.contains(value)) {
                        throw bad("unsupported colourspace C" + value
                                + " (only 8-bit 4:2:0: C420, C420jpeg, C420mpeg2, C420paldv); convert it with "
                                + "ffmpeg -i in.y4m -pix_fmt yuv420p out.y4m");
                    }
                    chroma = value;
                }
                case 'X' -> {
                    if (value.startsWith("COLORRANGE=")) {
                        String r = value.substring("COLORRANGE=".length());
                        range = switch (r) {
                            case "FULL" -> ColourRange.FULL;
                            case "LIMITED" -> ColourRange.LIMITED;
                            default -> throw bad("XCOLORRANGE=" + r + " is not FULL or LIMITED");
                        };
                    } else {
                        extra.add(value);
                    }
                }
                default -> throw bad("unknown header tag \"" + printable(t) + "\"");
            }
        }
        if (width == null || height == null) {
            throw bad("header lacks " + (width == null ? "the width tag W" : "the height tag H"));
        }
        if (fpsNum == 0) {
            throw bad("header lacks the frame-rate tag F");
        }
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw bad("odd dimensions " + width + "x" + height + "; 4:2:0 needs even width and height");
        }
        try {
            return new Y4mHeader(width, height, fpsNum, fpsDen, interlace, aspect, chroma, range, extra);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private ClipFormatException bad(String problem) {
        return new ClipFormatException(name + ": bad y4m header: " + problem);
    }

    private int positiveInt(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the tag's name
        }
        throw bad(what + " \"" + printable(s) + "\" is not a positive integer");
    }

    private int[] ratio(String s, String what) {
        int[] r = ratio0(s, what);
        if (r[0] <= 0 || r[1] <= 0) {
            throw bad(what + " " + s + " must be a positive ratio like 30:1 or 30000:1001");
        }
        return r;
    }

    private int[] ratio0(String s, String what) {
        int colon = s.indexOf(':');
        try {
            if (colon > 0) {
                return new int[] {Integer.parseInt(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1))};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(what + " \"" + printable(s) + "\" is not a ratio like 30:1");
    }

    private String readLine(int first, String what) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        int b = first;
        while (b != '\n') {
            if (b < 0) {
                throw new ClipFormatException(name + ": " + what + " ends without a newline (file truncated)");
            }
            if (buf.size() >= MAX_LINE) {
                throw new ClipFormatException(name + ": " + what + " is longer than " + MAX_LINE + " bytes (not a y4m file?)");
            }
            buf.write(b);
            b = readByte();
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private int readByte() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new ClipFormatException(name + ": read error (" + e.getMessage() + ")", e);
        }
    }

    private int readFully(byte[] dst) {
        try {
            return in.readNBytes(dst, 0, dst.length);
        } catch (IOException e) {
            throw new ClipFormatException(name + ": read error (" + e.getMessage() + ")", e);
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 32 && c < 127 ? c : '?');
        }
        return b.toString();
    }

    private static void closeQuietly(InputStream in, RuntimeException primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
