package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.codec.Frame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Motion search, resampling, deblocking and plane/colour helpers. */
class PictureToolsTest {

    /** Smooth random texture: a few random sinusoids, values in about 20..235. */
    static Plane texture(int w, int h, long seed) {
        Random r = new Random(seed);
        double[][] waves = new double[6][4];
        for (double[] wv : waves) {
            wv[0] = r.nextDouble() * 0.12;
            wv[1] = r.nextDouble() * 0.12;
            wv[2] = r.nextDouble() * 6;
            wv[3] = 10 + r.nextDouble() * 25;
        }
        Plane p = Plane.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128;
                for (double[] wv : waves) {
                    v += wv[3] * Math.sin(wv[0] * x + wv[1] * y + wv[2]);
                }
                p.set(x, y, (int) Math.round(v));
            }
        }
        return p;
    }

    static Plane shifted(Plane src, int sx, int sy) {
        Plane out = Plane.blank(src.width(), src.height());
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                out.set(x, y, src.at(x + sx, y + sy));
            }
        }
        return out;
    }

    /** Isotropic texture: uniform noise box-blurred twice (radius 3), plus a gentle gradient. */
    static Plane blurredNoise(int w, int h, long seed) {
        Random r = new Random(seed);
        double[] a = new double[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
        }
        for (int pass = 0; pass < 2; pass++) {
            double[] b = new double[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    int n = 0;
                    for (int j = -3; j <= 3; j++) {
                        for (int i = -3; i <= 3; i++) {
                            int xx = Math.min(w - 1, Math.max(0, x + i));
                            int yy = Math.min(h - 1, Math.max(0, y + j));
                            s += a[yy * w + xx];
                            n++;
                        }
                    }
                    b[y * w + x] = s / n;
                }
            }
            a = b;
        }
        Plane p = Plane.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p.set(x, y, (int) Math.round(40 + (a[y * w + x] - 0.5) * 1200 + x * 0.5 + y * 0.3));
            }
        }
        return p;
    }

    @Test
    void sadKnownAnswerAndEdgeClamping() {
        Plane a = new Plane(new byte[] {10, 20, 30, 40}, 2, 2);
        Plane b = new Plane(new byte[] {12, 18, 30, 50}, 2, 2);
        assertThat(MotionSearch.sad(a, 0, 0, b, 0, 0, 2, 2)).isEqualTo(14);
        // fully outside to the left: every reference sample is the clamped left column (12, 30)
        assertThat(MotionSearch.sad(a, 0, 0, b, -5, 0, 2, 2)).isEqualTo(2 + 8 + 0 + 10);
    }

    @Test
    void fullAndDiamondSearchFindAKnownGlobalShiftExactly() {
        Plane ref = blurredNoise(96, 96, 1);
        Plane cur = shifted(ref, 3, -2); // cur(x, y) = ref(x + 3, y - 2)
        for (int by = 16; by < 80; by += 16) {
            for (int bx = 16; bx < 80; bx += 16) {
                MotionVector full = MotionSearch.fullSearch(cur, ref, bx, by, 16, 16, 7);
                assertThat(full).isEqualTo(new MotionVector(3, -2, 0));
                MotionVector fast = MotionSearch.diamondSearch(cur, ref, bx, by, 16, 16, 7);
                assertThat(fast).isEqualTo(new MotionVector(3, -2, 0));
            }
        }
        MotionVector withPredictor = MotionSearch.diamondSearch(cur, ref, 32, 32, 16, 16, 16, 3, -2, 4);
        assertThat(withPredictor).isEqualTo(new MotionVector(3, -2, 0));
    }

    @Test
    void predictionCopiesTheReferenceAndHalfPelAverages() {
        Plane ref = new Plane(new byte[] {0, 10, 20, 30, 40, 50, 60, 70, 80}, 3, 3);
        int[] out = new int[4];
        MotionSearch.predict(ref, 0, 0, 1, 1, 2, 2, out);
        assertThat(out).containsExactly(40, 50, 70, 80);
        MotionSearch.predict(ref, 0, 0, 5, 5, 2, 2, out);
        assertThat(out).containsExactly(80, 80, 80, 80);
        MotionSearch.predictHalfPel(ref, 0, 0, 1, 0, 2, 2, out);
        assertThat(out).containsExactly(5, 15, 35, 45);
        MotionSearch.predictHalfPel(ref, 0, 0, 1, 1, 2, 2, out);
        assertThat(out).containsExactly(20, 30, 50, 60);
    }

    @Test
    void halfPelRefinementFindsAHalfPelShift() {
        Plane ref = texture(64, 64, 2);
        Plane cur = Plane.blank(64, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                cur.set(x, y, (ref.at(x + 1, y + 2) + ref.at(x + 2, y + 2) + 1) >> 1); // shift (1.5, 2)
            }
        }
        MotionVector ip = MotionSearch.fullSearch(cur, ref, 24, 24, 16, 16, 4);
        MotionVector hp = MotionSearch.refineHalfPel(cur, ref, 24, 24, 16, 16, ip);
        assertThat(hp).isEqualTo(new MotionVector(3, 4, 0));
        assertThat(ip.cost()).isPositive();
    }

    @Test
    void downThenUpRoundTripKeepsSmoothContent() {
        Plane src = texture(64, 48, 3);
        Plane small = Resample.down2(src);
        assertThat(small.width()).isEqualTo(32);
        assertThat(small.height()).isEqualTo(24);
        Plane back = Resample.up2(small, 64, 48);
        double mse = (double) Planes.sse(src, back) / (64 * 48);
        double psnr = 10 * Math.log10(255.0 * 255 / mse);
        assertThat(psnr).isGreaterThan(35);
        assertThat(Planes.sse(Resample.resize(src, 64, 48), src)).isZero();
        assertThat(Resample.resize(src, 50, 30).width()).isEqualTo(50);
    }

    @Test
    void boxDownsampleKnownAnswer() {
        Plane p = new Plane(new byte[] {0, 4, 8, 8, 10, 20, 30, 40}, 4, 2);
        assertThat(Resample.down2(p).data()).containsExactly(9, 22);
    }

    private static double blockiness(Plane p, int bs) {
        double edge = 0;
        int ne = 0;
        double inner = 0;
        int ni = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 1; x < p.width(); x++) {
                int d = Math.abs(p.get(x, y) - p.get(x - 1, y));
                if (x % bs == 0) {
                    edge += d;
                    ne++;
                } else {
                    inner += d;
                    ni++;
                }
            }
        }
        return edge / ne - inner / ni;
    }

    @Test
    void deblockingLowersBlockinessAndLeavesFlatPlanesAlone() {
        // smooth ramp reconstructed as 8x8 blocks of their mean: a classic blocky picture
        int w = 64;
        int h = 64;
        Plane blocky = Plane.blank(w, h);
        Plane smooth = Plane.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                smooth.set(x, y, 60 + x + y / 2);
                blocky.set(x, y, 60 + (x / 8 * 8 + 4) + (y / 8 * 8 + 4) / 2);
            }
        }
        double before = blockiness(blocky, 8);
        long sseBefore = Planes.sse(blocky, smooth);
        Deblock.filter(blocky, 8, 16);
        assertThat(blockiness(blocky, 8)).isLessThan(before * 0.6);
        assertThat(Planes.sse(blocky, smooth)).isLessThan(sseBefore);

        Plane flat = Plane.blank(w, h);
        java.util.Arrays.fill(flat.data(), (byte) 77);
        Deblock.filter(flat, 8, 40);
        assertThat(flat.data()).containsOnly((byte) 77);
    }

    @Test
    void deblockingKeepsRealEdges() {
        Plane p = Plane.blank(16, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 16; x++) {
                p.set(x, y, x < 8 ? 20 : 200);
            }
        }
        Plane before = p.copy();
        Deblock.filter(p, 8, 16);
        assertThat(p.data()).isEqualTo(before.data());
    }

    @Test
    void blockGetPutClampAndPad() {
        Plane p = new Plane(new byte[] {1, 2, 3, 4}, 2, 2);
        int[] out = new int[9];
        Planes.getBlock(p, -1, -1, 3, 3, out);
        assertThat(out).containsExactly(1, 1, 2, 1, 1, 2, 3, 3, 4);
        Planes.putBlock(p, 1, 1, 2, 2, new int[] {300, 9, 9, 9});
        assertThat(p.data()).containsExactly(1, 2, 3, (byte) 255);
        Plane padded = Planes.pad(p, 4, 3);
        assertThat(padded.data()).containsExactly(1, 2, 2, 2, 3, (byte) 255, (byte) 255, (byte) 255, 3, (byte) 255, (byte) 255, (byte) 255);
        assertThat(Planes.crop(padded, 2, 2).data()).isEqualTo(p.data());
        assertThat(Planes.clamp255(-3)).isZero();
        assertThat(Planes.roundUp(17, 16)).isEqualTo(32);
        Plane c = Plane.blank(2, 2);
        Planes.copy(p, c);
        assertThat(c.data()).isEqualTo(p.data());
        Frame f = Planes.toFrame(padded, Plane.blank(2, 2), Plane.blank(2, 2), 4, 2);
        assertThat(f.y()).hasSize(8);
    }

    @Test
    void bt601KnownAnswersAndRoundTrip() {
        assertThat(Planes.rgbToYuv(0, 0, 0)).containsExactly(16, 128, 128);
        assertThat(Planes.rgbToYuv(255, 255, 255)).containsExactly(235, 128, 128);
        assertThat(Planes.rgbToYuv(255, 0, 0)).containsExactly(81, 90, 240);
        Random r = new Random(9);
        for (int i = 0; i < 1000; i++) {
            int[] rgb = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            int[] yuv = Planes.rgbToYuv(rgb[0], rgb[1], rgb[2]);
            int[] back = Planes.yuvToRgb(yuv[0], yuv[1], yuv[2]);
            for (int c = 0; c < 3; c++) {
                assertThat(Math.abs(back[c] - rgb[c])).isLessThanOrEqualTo(3);
            }
        }
    }
}
