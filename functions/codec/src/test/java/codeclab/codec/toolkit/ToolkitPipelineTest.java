package codeclab.codec.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tools composed the way a codec uses them (luma only, kept small): intra 8x8 blocks with HEVC modes
 * and MPM coding, quarter-pel inter 16x16 macroblocks with median vector prediction, DCT + RDOQ residual,
 * one BinCoder walk for both sides, H.264 loop filter. The decoder must rebuild the encoder's pictures
 * bit for bit from the bytes alone.
 */
class ToolkitPipelineTest {

    private static final int W = 64;
    private static final int H = 48;
    private static final double STEP = 6;

    /** State both sides keep; {@code src} is null when decoding. */
    private static final class Coder {
        final BinCoder io;
        final SubPel sp = new SubPel();
        final BitModel mpmFlag = new BitModel();
        final BitModel[] mvdCtx = BitModel.array(4);
        final BitModel[] cbf = BitModel.array(3);
        final BitModel[] levelCtx = BitModel.array(3);
        final MotionField mf = new MotionField(W, H);
        final BlockGrid coded = new BlockGrid(W, H, 4, -1);
        final BlockGrid modes = new BlockGrid(W, H, 4, -1);
        final BlockGrid hasCoefs = new BlockGrid(W, H, 4, -1);
        final List<int[]> vectors = new ArrayList<>();
        Plane ref;

        Coder(BinCoder io) {
            this.io = io;
        }

        Plane frame(Plane src, boolean intra) {
            Plane rec = Plane.blank(W, H);
            coded.clear(-1);
            modes.clear(-1);
            hasCoefs.clear(0);
            mf.clear();
            for (int my = 0; my < H; my += 16) {
                for (int mx = 0; mx < W; mx += 16) {
                    if (intra) {
                        for (int k = 0; k < 4; k++) {
                            intraBlock(src, rec, mx + (k & 1) * 8, my + (k >> 1) * 8);
                        }
                        mf.set(mx, my, 16, 16, 0, 0, MotionField.INTRA);
                    } else {
                        interMacroblock(src, rec, mx, my);
                    }
                }
            }
            BlockGrid v = new BlockGrid(W, H, 4, 0);
            BlockGrid h = new BlockGrid(W, H, 4, 0);
            LoopFilter.strengths(mf, hasCoefs, 16, 8, v, h);
            BlockGrid qp = new BlockGrid(W, H, 16, (int) Math.round(Rd.stepToQp(STEP)));
            LoopFilter.filterLuma(rec, v, h, qp, 0, 0);
            ref = rec;
            return rec;
        }

        void intraBlock(Plane src, Plane rec, int x, int y) {
            int[] ref8 = new int[33];
            IntraPred.references(rec, x, y, 8, coded, ref8);
            int[] pred = new int[64];
            int mode = 0;
            if (src != null) {
                int[] all = new int[IntraPred.MODES];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                mode = IntraPred.bestMode(src, x, y, 8, ref8, all, pred);
            }
            int[] mpm = new int[3];
            IntraPred.mostProbable(orDc(modes.left(x, y)), orDc(modes.above(x, y)), mpm);
            mode = IntraPred.codeMode(io, mpmFlag, mpm, mode);
            int[] f = new int[33];
            IntraPred.filter(ref8, 8, mode, f);
            IntraPred.predict(f, 8, mode, true, pred);
            residual(src, rec, x, y, pred);
            modes.fill(x, y, 8, 8, mode);
            coded.fill(x, y, 8, 8, 1);
        }

        static int orDc(int mode) {
            return mode < 0 ? IntraPred.DC : mode;
        }

        void interMacroblock(Plane src, Plane rec, int x, int y) {
            MotionVector p = mf.median(x, y, 16, 16, 0);
            int mvx = 0;
            int mvy = 0;
            if (src != null) {
                MotionVector full = MotionSearch.diamondSearch(src, ref, x, y, 16, 16, 8, p.dx() >> 2, p.dy() >> 2, 2);
                MotionVector q = sp.refine(src, ref, x, y, 16, 16, full, p.dx(), p.dy(), Rd.lambdaSad(STEP));
                mvx = q.dx();
                mvy = q.dy();
            }
            mvx = p.dx() + io.sueg(mvdCtx, mvx - p.dx(), 0);
            mvy = p.dy() + io.sueg(mvdCtx, mvy - p.dy(), 0);
            vectors.add(new int[] {mvx, mvy});
            int[] pred16 = new int[256];
            sp.luma(ref, x, y, mvx, mvy, 16, 16, pred16);
            int[] pred = new int[64];
            for (int k = 0; k < 4; k++) {
                int bx = (k & 1) * 8;
                int by = (k >> 1) * 8;
                for (int j = 0; j < 8; j++) {
                    System.arraycopy(pred16, (by + j) * 16 + bx, pred, j * 8, 8);
                }
                residual(src, rec, x + bx, y + by, pred);
            }
            mf.set(x, y, 16, 16, mvx, mvy, 0);
            coded.fill(x, y, 16, 16, 1);
        }

        void residual(Plane src, Plane rec, int x, int y, int[] pred) {
            int[] levels = new int[64];
            if (src != null) {
                int[] diff = new int[64];
                Planes.getBlock(src, x, y, 8, 8, diff);
                for (int i = 0; i < 64; i++) {
                    diff[i] -= pred[i];
                }
                int[] c = new int[64];
                Dct.forward(diff, c, 8);
                Rdoq.quantize(c, levels, 8, STEP, null, Rd.lambda(STEP), Rdoq.expGolombRate(1));
            }
            int any = 0;
            for (int l : levels) {
                any |= l;
            }
            int ctx = Contexts.count(hasCoefs.left(x, y) > 0, hasCoefs.above(x, y) > 0);
            if (io.bit(cbf[ctx], any != 0 ? 1 : 0) == 1) {
                for (int i = 0; i < 64; i++) {
                    levels[i] = io.sueg(levelCtx, levels[i], 0);
                }
                hasCoefs.fill(x, y, 8, 8, 1);
            } else {
                java.util.Arrays.fill(levels, 0);
            }
            int[] c = new int[64];
            Quant.dequantizeBlock(levels, c, STEP, null);
            int[] r = new int[64];
            Dct.inverse(c, r, 8);
            for (int i = 0; i < 64; i++) {
                r[i] += pred[i];
            }
            Planes.putBlock(rec, x, y, 8, 8, r);
        }
    }

    private static double psnr(Plane a, Plane b) {
        return 10 * Math.log10(255.0 * 255 * a.data().length / Math.max(1, Planes.sse(a, b)));
    }

    @Test
    void encoderAndDecoderReconstructIdenticallyAndMotionIsFoundAtQuarterPel() {
        Plane texture = TestPlanes.smooth(W + 40, H + 40, 5);
        SubPel shift = new SubPel();
        List<Plane> frames = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int[] px = new int[W * H];
            shift.luma(texture, 16, 16, 5 * t, 2 * t, W, H, px);          // the window moves 1.25 px right, 0.5 px down per frame
            Plane f = Plane.blank(W, H);
            Planes.putBlock(f, 0, 0, W, H, px);
            frames.add(f);
        }
        RangeEncoder enc = new RangeEncoder();
        Coder e = new Coder(enc);
        List<Plane> encRec = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            encRec.add(e.frame(frames.get(t), t == 0).copy());
            sizes.add(enc.sizeEstimate());
        }
        byte[] bytes = enc.finish();
        Coder d = new Coder(new RangeDecoder(bytes));
        for (int t = 0; t < frames.size(); t++) {
            Plane rec = d.frame(null, t == 0);
            assertThat(rec.data()).as("frame %d", t).isEqualTo(encRec.get(t).data());
            assertThat(psnr(frames.get(t), rec)).as("PSNR frame %d", t).isGreaterThan(38);
        }
        int intraBytes = sizes.get(0);
        int lastInterBytes = sizes.get(3) - sizes.get(2);
        assertThat(lastInterBytes).isLessThan(intraBytes / 3);
        // frame t shows the texture from (1.25 t, 0.5 t): each block is found (+5, +2) quarter pels away in the previous one
        int[] interior = e.vectors.get(e.vectors.size() - 6);
        assertThat(interior).containsExactly(5, 2);
    }
}
