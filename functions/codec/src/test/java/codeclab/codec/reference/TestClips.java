package codeclab.codec.reference;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.codec.toolkit.Plane;
import codeclab.codec.toolkit.Resample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test content and a tiny in-process harness (size and PSNR-Y computed here, never by the codec). */
final class TestClips {

    private TestClips() {
    }

    /** Multi-octave value noise (smooth at large scale, detailed at small scale), about 0..255. */
    static Plane fractal(int w, int h, long seed, double[] amplitudes) {
        Random r = new Random(seed);
        double[] acc = new double[w * h];
        int cells = 6;
        for (double amp : amplitudes) {
            int gw = Math.max(2, w * cells / 352);
            int gh = Math.max(2, h * cells / 352);
            Plane grid = Plane.blank(gw, gh);
            for (int i = 0; i < grid.data().length; i++) {
                grid.data()[i] = (byte) r.nextInt(256);
            }
            Plane up = Resample.resize(grid, w, h);
            for (int i = 0; i < acc.length; i++) {
                acc[i] += ((up.data()[i] & 0xFF) - 128) * amp / 128;
            }
            cells *= 2;
        }
        Plane p = Plane.blank(w, h);
        for (int i = 0; i < acc.length; i++) {
            p.data()[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(128 + acc[i])));
        }
        return p;
    }

    /**
     * Natural-ish moving content: a fractal-textured background panning (2, 1) px per frame, a sharp-edged
     * textured box moving (3, -1) px per frame, and mild per-frame grain of +-{@code grain}.
     */
    static List<Frame> movingScene(int w, int h, int frames, int grain, long seed) {
        int margin = 2 * frames + 8;
        Plane bg = fractal(w + margin, h + margin, seed, new double[] {70, 45, 30, 20, 14, 9});
        Plane box = fractal(w / 4, h / 4, seed + 1, new double[] {50, 30, 20, 10});
        Plane bgU = fractal((w + margin) / 2, (h + margin) / 2, seed + 2, new double[] {30, 10});
        Plane bgV = fractal((w + margin) / 2, (h + margin) / 2, seed + 3, new double[] {30, 10});
        Random noise = new Random(seed + 4);
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            Frame f = Frame.blank(w, h);
            int ox = 2 * t;
            int oy = t;
            int bx = w / 8 + 3 * t;
            int by = h / 2 - t;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = bg.at(x + ox, y + oy);
                    if (x >= bx && x < bx + box.width() && y >= by && y < by + box.height()) {
                        v = 40 + box.get(x - bx, y - by) * 3 / 4;
                    }
                    if (grain > 0) {
                        v += noise.nextInt(2 * grain + 1) - grain;
                    }
                    f.y()[y * w + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
            for (int y = 0; y < h / 2; y++) {
                for (int x = 0; x < w / 2; x++) {
                    f.u()[y * w / 2 + x] = (byte) bgU.at(x + ox / 2, y + oy / 2);
                    f.v()[y * w / 2 + x] = (byte) bgV.at(x + ox / 2, y + oy / 2);
                }
            }
            out.add(f);
        }
        return out;
    }

    record Result(byte[] bits, List<Frame> decoded, double psnrY) {
    }

    static Result roundTrip(Codec codec, List<Frame> frames, int quality) {
        Frame first = frames.get(0);
        StreamHeader header = new StreamHeader(first.width(), first.height(), frames.size(), 30, 1);
        Encoder enc = codec.encoder(header, quality);
        for (Frame f : frames) {
            enc.encode(f);
        }
        byte[] bits = enc.finish();
        Decoder dec = codec.decoder(header, bits.clone());
        List<Frame> decoded = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            decoded.add(dec.decode());
        }
        return new Result(bits, decoded, psnrY(frames, decoded));
    }

    /** PSNR-Y pooled over the sequence: 10 log10(255^2 / mean squared error of all luma samples). */
    static double psnrY(List<Frame> ref, List<Frame> dist) {
        double sse = 0;
        long n = 0;
        for (int i = 0; i < ref.size(); i++) {
            byte[] a = ref.get(i).y();
            byte[] b = dist.get(i).y();
            for (int k = 0; k < a.length; k++) {
                int d = (a[k] & 0xFF) - (b[k] & 0xFF);
                sse += d * d;
            }
            n += a.length;
        }
        return sse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 * n / sse);
    }
}
