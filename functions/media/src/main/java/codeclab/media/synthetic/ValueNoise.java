package codeclab.media.synthetic;

import java.util.SplittableRandom;

/** Smooth 2-D value noise on a lattice of the given period, in [-1, 1]; cheap and deterministic. */
final class ValueNoise {

    private final float[] grid;
    private final int cols;
    private final float inv;

    ValueNoise(SplittableRandom rng, int width, int height, float period) {
        this.inv = 1f / period;
        this.cols = (int) (width * inv) + 3;
        int rows = (int) (height * inv) + 3;
        grid = new float[cols * rows];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (rng.nextDouble() * 2 - 1);
        }
    }

    float at(float x, float y) {
        float gx = Math.max(0, x * inv), gy = Math.max(0, y * inv);
        int ix = (int) gx, iy = (int) gy;
        float fx = gx - ix, fy = gy - iy;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        int i = iy * cols + ix;
        float top = grid[i] + (grid[i + 1] - grid[i]) * fx;
        float bottom = grid[i + cols] + (grid[i + cols + 1] - grid[i + cols]) * fx;
        return top + (bottom - top) * fy;
    }
}
