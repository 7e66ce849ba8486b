package codeclab.codec.reference;

import codeclab.codec.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal 8-bit 4:2:0 y4m reader for the codec module's benchmarks (the media module has the real one). */
final class Y4m {
    private Y4m() {
    }

    static List<Frame> read(Path file, int maxFrames) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int eol = indexOf(all, 0);
        String header = new String(all, 0, eol, StandardCharsets.US_ASCII);
        int w = 0;
        int h = 0;
        for (String t : header.split(" ")) {
            if (t.startsWith("W")) {
                w = Integer.parseInt(t.substring(1));
            } else if (t.startsWith("H")) {
                h = Integer.parseInt(t.substring(1));
            }
        }
        if (w == 0 || h == 0) {
            throw new IOException(file + ": no W/H in y4m header '" + header + "'");
        }
        List<Frame> frames = new ArrayList<>();
        int pos = eol + 1;
        int ys = w * h;
        int cs = ys / 4;
        while (pos < all.length && frames.size() < maxFrames) {
            pos = indexOf(all, pos) + 1; // "FRAME[ params]\n"
            byte[] y = java.util.Arrays.copyOfRange(all, pos, pos + ys);
            byte[] u = java.util.Arrays.copyOfRange(all, pos + ys, pos + ys + cs);
            byte[] v = java.util.Arrays.copyOfRange(all, pos + ys + cs, pos + ys + 2 * cs);
            frames.add(new Frame(w, h, y, u, v));
            pos += ys + 2 * cs;
        }
        return frames;
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return a.length;
    }
}
