package codeclab.metrics;

import codeclab.codec.Frame;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PsnrSsimTest {

    @Test
    void anErrorOfOneEverywhereGivesTenLog10Of255Squared() {
        Frame ref = Frame.grey(32, 32);
        Frame dist = ref.copy();
        Arrays.fill(dist.y(), (byte) 129);
        Arrays.fill(dist.u(), (byte) 127);
        FrameQuality q = Metrics.compare(0, ref, dist);
        assertThat(q.mseY()).isEqualTo(1.0);
        assertThat(q.psnrY()).isCloseTo(48.130803608679, within(1e-9));
        assertThat(q.mseU()).isEqualTo(1.0);
        assertThat(q.mseV()).isZero();
        assertThat(q.psnrV()).isInfinite();
        // 4:1:1 weighting of the plane MSEs: (4*1 + 1*1 + 1*0) / 6
        assertThat(q.mseYuv()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void identicalFramesHaveInfinitePsnrAndSsimOne() {
        List<Frame> ref = TestClips.reference(64, 48, 2, 1);
        QualityReport r = Metrics.compare(ref, List.of(ref.get(0).copy(), ref.get(1).copy()));
        assertThat(r.pooled().psnrY()).isInfinite();
        assertThat(r.pooled().psnrYuv()).isInfinite();
        assertThat(r.frames().get(1).ssimY()).isEqualTo(1.0);
        assertThat(r.pooled().ssimAll()).isCloseTo(1.0, within(1e-12));
        assertThat(r.pooled().ssimYDb()).isInfinite();
    }

    @Test
    void pooledPsnrIsThePsnrOfTheMeanMseNotTheMeanOfPsnrs() {
        Frame ref = Frame.grey(16, 16);
        Frame one = ref.copy();
        Arrays.fill(one.y(), (byte) 129); // mse 1
        Frame three = ref.copy();
        Arrays.fill(three.y(), (byte) 131); // mse 9
        QualityReport r = Metrics.compare(List.of(ref, ref), List.of(one, three));
        assertThat(r.pooled().psnrY()).isCloseTo(Psnr.fromMse(5), within(1e-12));
        assertThat(r.pooled().psnrYuvMin()).isCloseTo(Psnr.fromMse(9 * 4 / 6.0), within(1e-12));
        assertThat(r.pooled().psnrYuvMax()).isCloseTo(Psnr.fromMse(4 / 6.0), within(1e-12));
    }

    @Test
    void ssimOfFlatBlocksIsTheLuminanceTermWithX264Constants() {
        byte[] a = new byte[16 * 16];
        byte[] b = new byte[16 * 16];
        Arrays.fill(a, (byte) 100);
        Arrays.fill(b, (byte) 110);
        // no variance: SSIM = (2*s1*s2 + C1) / (s1^2 + s2^2 + C1) with s = 64 * value, C1 = 416
        double expected = (2.0 * 6400 * 7040 + 416) / (6400.0 * 6400 + 7040.0 * 7040 + 416);
        assertThat(Ssim.plane(a, b, 16, 16)).isCloseTo(expected, within(1e-7));
        assertThat(Ssim.C1).isEqualTo(416);
        assertThat(Ssim.C2).isEqualTo(235963);
    }

    @Test
    void ssimMatchesAStraightforwardWindowByWindowOracleAndItsSseIsExact() {
        Random rnd = new Random(5);
        for (int[] size : new int[][] {{40, 24}, {37, 19}, {8, 8}, {64, 9}}) {
            int w = size[0], h = size[1];
            byte[] a = new byte[w * h];
            byte[] b = new byte[w * h];
            for (int i = 0; i < a.length; i++) {
                int v = rnd.nextInt(256);
                a[i] = (byte) v;
                b[i] = TestClips.clamp(v * 0.8 + 20 + rnd.nextGaussian() * 25);
            }
            long[] sse = new long[1];
            assertThat(Ssim.planeWithSse(a, b, w, h, sse)).as(w + "x" + h).isCloseTo(oracle(a, b, w, h), within(1e-6));
            // the SSE taken from the block sums (plus the uncovered edges) is the plain one
            assertThat(sse[0]).as(w + "x" + h + " sse").isEqualTo(Psnr.sse(a, b));
        }
    }

    /** 8x8 windows at every multiple of 4, Wang et al.'s formula, unbiased (co)variances, x264's scaled constants. */
    static double oracle(byte[] a, byte[] b, int w, int h) {
        double c1 = 416 / 64.0;
        double c2 = 235963 / (64.0 * 63.0);
        double total = 0;
        int count = 0;
        for (int y0 = 0; y0 + 8 <= (h / 4) * 4; y0 += 4) {
            for (int x0 = 0; x0 + 8 <= (w / 4) * 4; x0 += 4) {
                double ma = 0, mb = 0;
                for (int y = y0; y < y0 + 8; y++) {
                    for (int x = x0; x < x0 + 8; x++) {
                        ma += a[y * w + x] & 0xFF;
                        mb += b[y * w + x] & 0xFF;
                    }
                }
                ma /= 64;
                mb /= 64;
                double va = 0, vb = 0, cov = 0;
                for (int y = y0; y < y0 + 8; y++) {
                    for (int x = x0; x < x0 + 8; x++) {
                        double da = (a[y * w + x] & 0xFF) - ma;
                        double db = (b[y * w + x] & 0xFF) - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }
                va /= 63;
                vb /= 63;
                cov /= 63;
                total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return total / count;
    }

    @Test
    void mismatchedSequencesAreRejectedWithTheReason() {
        List<Frame> ref = TestClips.reference(32, 32, 2, 3);
        assertThatThrownBy(() -> Metrics.compare(ref, ref.subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame counts differ: reference has 2 frames, distorted has 1");
        assertThatThrownBy(() -> Metrics.compare(ref, List.of(ref.get(0), Frame.grey(32, 16))))
                .hasMessageContaining("distorted frame 1 is 32x16, expected 32x32");
        assertThatThrownBy(() -> Metrics.compare(List.of(), List.of()))
                .hasMessageContaining("reference sequence is empty");
        assertThatThrownBy(() -> Metrics.compare(List.of(Frame.grey(8, 8)), List.of(Frame.grey(8, 8))))
                .hasMessageContaining("at least 16x16");
    }
}
