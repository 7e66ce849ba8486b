package codeclab.media.synthetic;

import codeclab.codec.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One shot of a synthetic clip: a procedurally textured "world" (flat sky-like gradient above a
 * horizon, multi-scale noise texture below, a brick wall with sharp mortar lines, a sign with
 * text-like glyphs) seen through a panning and zooming camera, with independently moving textured
 * objects and a static caption on top. Everything is drawn from the random source at construction;
 * {@link #render} is a pure function of the frame index.
 */
final class Scene {

    private final int w, h;
    private final int ww, wh;
    private final float[] worldY, worldU, worldV;
    private final float camX0, camY0, panX, panY, zoom;
    private final List<MovingObject> objects = new ArrayList<>();
    private final Caption caption;

    Scene(SplittableRandom rng, int w, int h, int frames, boolean bright) {
        this.w = w;
        this.h = h;
        float scale = h / 288f;

        // Camera: pan in a random direction, zoom in on half the scenes.
        double speed = (0.4 + 1.6 * rng.nextDouble()) * Math.max(scale, 0.35);
        double dir = rng.nextDouble() * 2 * Math.PI;
        panX = (float) (speed * Math.cos(dir));
        panY = (float) (speed * Math.sin(dir) * 0.4);
        zoom = rng.nextBoolean() ? (float) (0.001 + 0.003 * rng.nextDouble()) : 0f;
        int margin = (int) Math.ceil(speed * frames) + 8;
        ww = w + 2 * margin;
        wh = h + 2 * margin;
        camX0 = ww / 2f - panX * (frames - 1) / 2f;
        camY0 = wh / 2f - panY * (frames - 1) / 2f;

        worldY = new float[ww * wh];
        worldU = new float[ww * wh];
        worldV = new float[ww * wh];
        paintWorld(rng, scale, bright);

        int count = 2 + rng.nextInt(3);
        for (int i = 0; i < count; i++) {
            objects.add(new MovingObject(rng, w, h, scale));
        }
        caption = new Caption(rng, w, h);
    }

    private void paintWorld(SplittableRandom rng, float scale, boolean bright) {
        int horizon = (int) (margin() + h * (0.30 + 0.15 * rng.nextDouble()));
        float skyTop = bright ? 185 + 30 * (float) rng.nextDouble() : 55 + 20 * (float) rng.nextDouble();
        float skyBottom = skyTop - 15 - 20 * (float) rng.nextDouble();
        float skyU = bright ? 150 + 15 * (float) rng.nextDouble() : 120, skyV = bright ? 105 : 135 + 10 * (float) rng.nextDouble();
        float ground = bright ? 95 + 30 * (float) rng.nextDouble() : 60 + 25 * (float) rng.nextDouble();
        float groundU = 100 + 30 * (float) rng.nextDouble(), groundV = 115 + 30 * (float) rng.nextDouble();
        float s = Math.max(scale, 0.25f);
        ValueNoise cloud = new ValueNoise(rng, ww, wh, 140 * s);
        ValueNoise n1 = new ValueNoise(rng, ww, wh, 48 * s);
        ValueNoise n2 = new ValueNoise(rng, ww, wh, 18 * s);
        ValueNoise n3 = new ValueNoise(rng, ww, wh, Math.max(2.5f, 6 * s));
        ValueNoise n4 = new ValueNoise(rng, ww, wh, 2.2f);
        ValueNoise c1 = new ValueNoise(rng, ww, wh, 64 * s);
        ValueNoise c2 = new ValueNoise(rng, ww, wh, 64 * s);
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                int i = y * ww + x;
                if (y < horizon) {
                    // Sky: a smooth vertical gradient with faint large clouds: the flat area.
                    float g = skyTop + (skyBottom - skyTop) * y / horizon;
                    worldY[i] = g + 3f * cloud.at(x, y);
                    worldU[i] = skyU - 4f * y / horizon;
                    worldV[i] = skyV;
                } else {
                    worldY[i] = ground + 30 * n1.at(x, y) + 16 * n2.at(x, y) + 10 * n3.at(x, y) + 7 * n4.at(x, y);
                    worldU[i] = groundU + 14 * c1.at(x, y);
                    worldV[i] = groundV + 14 * c2.at(x, y);
                }
            }
        }
        // A brick wall standing on the horizon: sharp periodic edges.
        int brickH = Math.max(3, Math.round(7 * scale));
        int brickW = 2 * brickH + 1;
        int bw = (int) (ww * (0.2 + 0.15 * rng.nextDouble()));
        int bh = (int) (h * (0.18 + 0.12 * rng.nextDouble()));
        int bx = (int) ((ww - bw) * rng.nextDouble());
        int by = Math.max(0, horizon - bh);
        float brick = 90 + 60 * (float) rng.nextDouble(), mortar = brick - 50;
        float brickU = 100 + 20 * (float) rng.nextDouble(), brickV = 140 + 30 * (float) rng.nextDouble();
        for (int y = by; y < Math.min(wh, horizon + bh / 3); y++) {
            int row = (y - by) / brickH;
            int offset = (row & 1) * brickW / 2;
            for (int x = bx; x < bx + bw; x++) {
                int i = y * ww + x;
                boolean joint = (y - by) % brickH == 0 || (x - bx + offset) % brickW == 0;
                worldY[i] = joint ? mortar : brick + 8 * n3.at(x, y);
                worldU[i] = joint ? 128 : brickU;
                worldV[i] = joint ? 128 : brickV;
            }
        }
        // A sign with glyphs on the wall: text that moves with the camera.
        int cell = Math.max(1, Math.round(2 * scale));
        int glyphs = Math.max(3, Math.min(14, (bw - 4 * cell) / (6 * cell)));
        int sx = bx + 2 * cell, sy = by + Math.max(2, bh / 4);
        Glyphs.draw(rng, worldY, ww, wh, sx, sy, cell, glyphs, 215, 30);
    }

    private int margin() {
        return (wh - h) / 2;
    }

    /** Draws frame {@code t} (0 = first frame of this scene) into {@code out}, without grain. */
    void render(int t, Frame out) {
        float scale = 1 + zoom * t;
        float inv = 1 / scale;
        float cx = camX0 + panX * t, cy = camY0 + panY * t;
        byte[] py = out.y();
        for (int y = 0; y < h; y++) {
            float wyc = cy + (y + 0.5f - h / 2f) * inv - 0.5f;
            float wx0 = cx + (0.5f - w / 2f) * inv - 0.5f;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                py[row + x] = clampY(sample(worldY, wx0 + x * inv, wyc));
            }
        }
        int cw = w / 2, ch = h / 2;
        byte[] pu = out.u(), pv = out.v();
        for (int y = 0; y < ch; y++) {
            float wyc = cy + (2 * y + 1 - h / 2f) * inv - 0.5f;
            float wx0 = cx + (1 - w / 2f) * inv - 0.5f;
            for (int x = 0; x < cw; x++) {
                float wx = wx0 + 2 * x * inv;
                pu[y * cw + x] = clampC(sample(worldU, wx, wyc));
                pv[y * cw + x] = clampC(sample(worldV, wx, wyc));
            }
        }
        for (MovingObject o : objects) {
            o.draw(t, out);
        }
        caption.draw(out);
    }

    private float sample(float[] plane, float x, float y) {
        x = Math.max(0, Math.min(ww - 1.001f, x));
        y = Math.max(0, Math.min(wh - 1.001f, y));
        int ix = (int) x, iy = (int) y;
        float fx = x - ix, fy = y - iy;
        int i = iy * ww + ix;
        float top = plane[i] + (plane[i + 1] - plane[i]) * fx;
        float bottom = plane[i + ww] + (plane[i + ww + 1] - plane[i + ww]) * fx;
        return top + (bottom - top) * fy;
    }

    static byte clampY(float v) {
        return (byte) Math.max(16, Math.min(235, Math.round(v)));
    }

    static byte clampC(float v) {
        return (byte) Math.max(16, Math.min(240, Math.round(v)));
    }

    /** A textured ellipse or rectangle moving on its own path, independent of the camera. */
    private static final class MovingObject {
        private final boolean ellipse;
        private final float x0, y0, vx, vy, wobble, phase, rx, ry;
        private final float base, amp, period, cosA, sinA, u, v;

        MovingObject(SplittableRandom rng, int w, int h, float scale) {
            ellipse = rng.nextBoolean();
            x0 = (float) (w * (0.15 + 0.7 * rng.nextDouble()));
            y0 = (float) (h * (0.3 + 0.55 * rng.nextDouble()));
            float speed = (float) ((0.5 + 2.5 * rng.nextDouble()) * Math.max(scale, 0.35));
            double dir = rng.nextDouble() * 2 * Math.PI;
            vx = (float) (speed * Math.cos(dir));
            vy = (float) (speed * Math.sin(dir));
            wobble = (float) (3 * scale * rng.nextDouble());
            phase = (float) (rng.nextDouble() * 2 * Math.PI);
            rx = (float) (h * (0.06 + 0.1 * rng.nextDouble()));
            ry = (float) (h * (0.06 + 0.1 * rng.nextDouble()));
            base = (float) (50 + 160 * rng.nextDouble());
            amp = (float) (15 + 30 * rng.nextDouble());
            period = (float) (Math.max(2.5, (3 + 7 * rng.nextDouble()) * scale) / (2 * Math.PI));
            double angle = rng.nextDouble() * Math.PI;
            cosA = (float) Math.cos(angle);
            sinA = (float) Math.sin(angle);
            u = (float) (70 + 116 * rng.nextDouble());
            v = (float) (70 + 116 * rng.nextDouble());
        }

        void draw(int t, Frame out) {
            int w = out.width(), h = out.height();
            float cx = x0 + vx * t + wobble * (float) Math.sin(0.3 * t + phase);
            float cy = y0 + vy * t + wobble * (float) Math.cos(0.23 * t + phase);
            int xa = Math.max(0, (int) (cx - rx)), xb = Math.min(w - 1, (int) Math.ceil(cx + rx));
            int ya = Math.max(0, (int) (cy - ry)), yb = Math.min(h - 1, (int) Math.ceil(cy + ry));
            byte[] py = out.y(), pu = out.u(), pv = out.v();
            int cw = w / 2;
            for (int y = ya; y <= yb; y++) {
                for (int x = xa; x <= xb; x++) {
                    float lx = x + 0.5f - cx, ly = y + 0.5f - cy;
                    if (!inside(lx, ly)) {
                        continue;
                    }
                    // Stripes in object coordinates, so the texture travels with the object.
                    float s = (float) Math.sin((lx * cosA + ly * sinA) / period);
                    py[y * w + x] = clampY(base + amp * s);
                    if ((x & 1) == 0 && (y & 1) == 0) {
                        int ci = (y / 2) * cw + x / 2;
                        pu[ci] = clampC(u);
                        pv[ci] = clampC(v);
                    }
                }
            }
        }

        private boolean inside(float lx, float ly) {
            if (ellipse) {
                float a = lx / rx, b = ly / ry;
                return a * a + b * b <= 1;
            }
            return Math.abs(lx) <= rx && Math.abs(ly) <= ry;
        }
    }

    /** A static caption box with glyphs near the bottom of the picture, like a subtitle or a logo. */
    private static final class Caption {
        private final byte[] mask; // 0 = not caption, 1 = box, 2 = glyph
        private final int w;

        Caption(SplittableRandom rng, int w, int h) {
            this.w = w;
            int cell = Math.max(1, Math.round(h / 144f));
            int glyphs = Math.max(2, Math.min(16, (int) (w * 0.6 / (6 * cell))));
            int x0 = Math.max(1, Math.round(w * 0.06f)), y1 = h - Math.max(1, Math.round(h * 0.05f));
            int boxW = glyphs * 6 * cell + cell, boxH = 9 * cell;
            int y0 = y1 - boxH;
            float[] tmp = new float[w * h];
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < Math.min(w, x0 + boxW); x++) {
                    tmp[y * w + x] = 1;
                }
            }
            Glyphs.draw(rng, tmp, w, h, x0 + cell, y0 + cell, cell, glyphs, Float.NaN, 2);
            mask = new byte[w * h];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = (byte) tmp[i];
            }
        }

        void draw(Frame out) {
            byte[] py = out.y(), pu = out.u(), pv = out.v();
            int cw = w / 2;
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] != 0) {
                    py[i] = (byte) (mask[i] == 2 ? 226 : 28);
                    int x = i % w, y = i / w;
                    int ci = (y / 2) * cw + x / 2;
                    pu[ci] = (byte) 128;
                    pv[ci] = (byte) 128;
                }
            }
        }
    }
}
