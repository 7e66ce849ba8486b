package codeclab.planner.evolve;

import codeclab.codec.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small deterministic test clip: a panning textured background, a moving square, mild noise, smooth chroma. */
final class SyntheticClip {

    private SyntheticClip() {
    }

    static List<Frame> frames(int w, int h, int n) {
        Random r = new Random(7);
        int[] texture = new int[(w + 64) * h];
        for (int i = 0; i < texture.length; i++) {
            texture[i] = r.nextInt(24);
        }
        List<Frame> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            Frame fr = Frame.blank(w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = x + 2 * f;
                    int v = 60 + (sx * 100) / (w + 64) + (y * 50) / h + texture[y * (w + 64) + sx];
                    if (x >= 8 + 3 * f && x < 28 + 3 * f && y >= 10 + f && y < 30 + f) {
                        v = 200 + ((x + y) & 3) * 8;
                    }
                    v += r.nextInt(5) - 2;
                    fr.y()[y * w + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
            for (int y = 0; y < h / 2; y++) {
                for (int x = 0; x < w / 2; x++) {
                    fr.u()[y * (w / 2) + x] = (byte) (110 + (x + f) % 30);
                    fr.v()[y * (w / 2) + x] = (byte) (140 - y % 20);
                }
            }
            out.add(fr);
        }
        return out;
    }
}
