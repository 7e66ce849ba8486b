package codeclab.media.synthetic;

import java.util.SplittableRandom;

/** Text-like marks: random 5x7 cell bitmaps drawn with hard edges, one glyph per 6 cells of advance. */
final class Glyphs {

    private Glyphs() {
    }

    /**
     * Draws {@code count} glyphs with top-left corner (x0, y0) into a row-major plane of {@code w x h}:
     * strokes get {@code ink}; the rest of each glyph's 6x7 cell box gets {@code background}, unless
     * {@code background} is NaN (then it is left as it was).
     */
    static void draw(SplittableRandom rng, float[] plane, int w, int h, int x0, int y0, int cell, int count,
                     float background, float ink) {
        for (int g = 0; g < count; g++) {
            int gx = x0 + g * 6 * cell;
            boolean space = g > 0 && rng.nextInt(6) == 0;
            for (int r = 0; r < 7; r++) {
                // Letters have many full verticals; favour the outer columns.
                int bits = space ? 0 : rng.nextInt(32) | (rng.nextInt(3) == 0 ? 0b10001 : 0);
                for (int c = 0; c < 6; c++) {
                    boolean on = c < 5 && ((bits >> c) & 1) != 0;
                    float value = on ? ink : background;
                    if (!Float.isNaN(value)) {
                        fill(plane, w, h, gx + c * cell, y0 + r * cell, cell, value);
                    }
                }
            }
        }
    }

    private static void fill(float[] plane, int w, int h, int x, int y, int cell, float value) {
        for (int yy = Math.max(0, y); yy < Math.min(h, y + cell); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(w, x + cell); xx++) {
                plane[yy * w + xx] = value;
            }
        }
    }
}
