package codeclab.metrics;

import codeclab.codec.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic textured clips and distorted copies for metric tests, and a minimal y4m writer. */
public final class TestClips {

    private TestClips() {
    }

    /** A textured, moving clip: sinusoids, a checkerboard, edges and seeded noise (java.util.Random is specified). */
    public static List<Frame> reference(int width, int height, int frames, long seed) {
        Random rnd = new Random(seed);
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            Frame f = Frame.blank(width, height);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 110 + 50 * Math.sin(x * 0.21 + t * 0.7) * Math.cos(y * 0.13 - t * 0.2)
                            + (((x + 3 * t) / 8 + y / 8) % 2 == 0 ? 30 : -30)
                            + (x > width / 2 && y < height / 3 ? 60 : 0)
                            + rnd.nextGaussian() * 6;
                    f.y()[y * width + x] = clamp(v);
                }
            }
            int cw = width / 2;
            for (int y = 0; y < height / 2; y++) {
                for (int x = 0; x < cw; x++) {
                    f.u()[y * cw + x] = clamp(128 + 40 * Math.sin(x * 0.1 + y * 0.05 + t) + rnd.nextGaussian() * 3);
                    f.v()[y * cw + x] = clamp(120 + (x * 90) / cw - y / 2 + rnd.nextGaussian() * 3);
                }
            }
            out.add(f);
        }
        return out;
    }

    /**
     * A distorted copy: a horizontal [1 2 1] blur plus Gaussian noise whose strength grows with the frame
     * number (cycling every 5 frames); frame {@code identicalFrame} is left untouched (infinite PSNR) unless it is negative.
     */
    public static List<Frame> distort(List<Frame> ref, long seed, int identicalFrame) {
        Random rnd = new Random(seed);
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < ref.size(); t++) {
            Frame src = ref.get(t);
            if (t == identicalFrame) {
                out.add(src.copy());
                continue;
            }
            Frame d = Frame.blank(src.width(), src.height());
            double sigma = 2 + 3 * (t % 5); // grows over each group of 5 frames
            for (int p = 0; p < 3; p++) {
                int w = src.planeWidth(p);
                int h = src.planeHeight(p);
                byte[] s = src.plane(p);
                byte[] o = d.plane(p);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int l = s[y * w + Math.max(0, x - 1)] & 0xFF;
                        int c = s[y * w + x] & 0xFF;
                        int r = s[y * w + Math.min(w - 1, x + 1)] & 0xFF;
                        o[y * w + x] = clamp((l + 2 * c + r) / 4.0 + rnd.nextGaussian() * sigma);
                    }
                }
            }
            out.add(d);
        }
        return out;
    }

    static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
    }

    /** Writes 4:2:0 frames as a YUV4MPEG2 file at 25 fps. */
    public static void writeY4m(Path file, List<Frame> frames) throws IOException {
        Frame first = frames.get(0);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(("YUV4MPEG2 W" + first.width() + " H" + first.height() + " F25:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] marker = "FRAME\n".getBytes(StandardCharsets.US_ASCII);
            for (Frame f : frames) {
                out.write(marker);
                out.write(f.y());
                out.write(f.u());
                out.write(f.v());
            }
        }
    }
}
