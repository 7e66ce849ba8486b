package codeclab.codec.reference;

import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.codec.toolkit.BitModel;
import codeclab.codec.toolkit.BitstreamException;
import codeclab.codec.toolkit.Dct;
import codeclab.codec.toolkit.Deblock;
import codeclab.codec.toolkit.Gop;
import codeclab.codec.toolkit.Plane;
import codeclab.codec.toolkit.Planes;
import codeclab.codec.toolkit.Quant;
import codeclab.codec.toolkit.RangeDecoder;
import codeclab.codec.toolkit.RangeEncoder;
import codeclab.codec.toolkit.ZigZag;
import java.util.Arrays;
import java.util.List;

/**
 * Reference codec 3, a hybrid block codec in the H.264 mould, built from separate, swappable stages. Every
 * stage is chosen by one constant in the design block below (the evolutionary planner's genome rewrites
 * exactly that block; these values are the strong seed):
 *
 * <ul>
 *   <li><b>GOP</b>: an I frame every {@code KEY_INTERVAL} frames; anchors (I or P) every {@code BFRAMES + 1}
 *       frames, P frames from the previous anchor; the frames between two anchors are B frames coded as a
 *       pyramid (middle first), each from the nearest coded frame on either side. Key frames and every
 *       {@code CASCADE}-th P anchor get a finer step, B frames a coarser one per pyramid level (a QP cascade).</li>
 *   <li><b>Prediction</b>: intra modes DC/V/H/planar/two diagonals from reconstructed neighbours; inter
 *       quarter-pel motion compensation (6-tap or bilinear half-pel interpolation, averaged quarter
 *       positions), vectors predicted by the median of the neighbours.</li>
 *   <li><b>Partitioning</b>: 16x16 macroblocks, SKIP (predicted vector, no residual), one vector or four
 *       8x8 vectors, or intra; in B frames SKIP (bi-predicted from the predicted vectors), one 16x16 vector
 *       forward, backward or one each way averaged (bi-prediction), or intra.</li>
 *   <li><b>Transform</b>: 8x8 or 4x4 integer DCT (or a per-macroblock RD choice).</li>
 *   <li><b>Quantisation</b>: dead zone with separate intra/inter rounding, chroma step ratio, and an
 *       RD-optimised level decision (each level may drop by one or to zero when that lowers SSE + lambda bits).</li>
 *   <li><b>Mode decision</b>: full RD (SSE + lambda x estimated bits from the live contexts), lambda = RD_LAMBDA x step^2.</li>
 *   <li><b>Entropy coding</b>: one adaptive binary range coder; contexts for every flag, significance
 *       and last maps by scan position, levels by magnitude so far, coded-block flags and skip/intra from
 *       the neighbours (or run/level Exp-Golomb in bypass bits, {@code ENTROPY = 0}).</li>
 *   <li><b>In-loop filter</b>: H.264-style deblocking with boundary strength (intra 2, coded or vector change 1).</li>
 * </ul>
 *
 * <p>The encoder decides a macroblock ({@link Mb}), then encoder and decoder run the same
 * {@link Engine#syntax} walk (write or read every symbol) and the same {@link Engine#reconstruct}, so they
 * cannot drift apart. Bitstream: byte 'H', quality byte, then the range-coded frames.
 */
public class HybridCodec implements Codec {

    // @design-begin (one constant per stage choice; the evolutionary planner renders this block)
    static final int KEY_INTERVAL = 120;          // gop: frames between intra frames (1 = all intra)
    static final double KEY_STEP_RATIO = 0.7;     // gop: key-frame step relative to P frames
    static final int CASCADE = 4;                 // gop: every CASCADE-th P frame is finer (0 = flat)
    static final double CASCADE_STEP_RATIO = 0.85; // gop: step ratio of those anchors
    static final int BFRAMES = 3;                 // gop: B frames between anchors (0 = I/P; 1, 3, 7 coded as a pyramid)
    static final double B_STEP_RATIO = 1.3;       // gop: step ratio per pyramid level of a B frame
    static final int INTRA_MODES = 6;             // prediction: 1 DC, 3 +V/H, 4 +planar, 6 +two diagonals
    static final int SUBPEL = 4;                  // prediction: vector precision 1, 2 or 4 (quarter pel)
    static final int INTERP_FILTER = 1;           // prediction: 0 bilinear, 1 six-tap half-pel filter
    static final int SEARCH_RANGE = 16;           // prediction: integer search range (pixels)
    static final int MV_PREDICTION = 1;           // prediction: 0 zero, 1 median of left/top/top-right
    static final int PARTITION_MIN = 8;           // partitioning: 16 one vector per macroblock, 8 also four 8x8
    static final int SKIP_MODE = 1;               // partitioning: 1 skip macroblocks (predicted vector, no residual)
    static final int TRANSFORM_SIZE = 8;          // transform: 4, 8, or 0 = RD choice per macroblock
    static final double STEP_SCALE = 1.0;         // quantisation: step multiplier at every quality
    static final int QUALITY_OFFSET = 10;         // quantisation: step = toolkit step of (quality - offset) x STEP_SCALE
    static final double INTRA_ROUNDING = 0.33;    // quantisation: dead-zone rounding for intra blocks
    static final double INTER_ROUNDING = 0.17;    // quantisation: dead-zone rounding for inter blocks
    static final double CHROMA_STEP_RATIO = 1.0;  // quantisation: chroma step relative to luma
    static final int RDOQ = 1;                    // quantisation: 1 RD-optimised levels
    static final int MODE_DECISION = 1;           // decision: 0 SAD heuristics, 1 rate-distortion
    static final double RD_LAMBDA = 0.12;         // decision: lambda = RD_LAMBDA x step^2
    static final int ENTROPY = 2;                 // entropy: 0 Exp-Golomb, 1 adaptive contexts, 2 + neighbour contexts
    static final int DEBLOCK = 2;                 // filter: 0 off, 1 uniform 8x8 grid, 2 boundary strength
    static final double DEBLOCK_SCALE = 1.0;      // filter: threshold multiplier
    // @design-end

    private static final int MAGIC = 'H';
    static final int MB = 16;
    static final int PAD = 48;

    public HybridCodec() {
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return new HybridEncoder(header, Math.max(MIN_QUALITY, Math.min(MAX_QUALITY, quality)));
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return new HybridDecoder(header, bitstream);
    }

    // ------------------------------------------------------------------ entropy coding: symbol I/O

    /** One symbol interface for writing, reading and estimating: the encoder passes the value, the decoder gets it back. */
    interface Io {
        int bit(BitModel m, int value);

        int bypass(int value);
    }

    static final class WriteIo implements Io {
        final RangeEncoder enc = new RangeEncoder();

        public int bit(BitModel m, int v) {
            enc.encodeBit(m, v);
            return v;
        }

        public int bypass(int v) {
            enc.encodeBypass(v);
            return v;
        }
    }

    static final class ReadIo implements Io {
        final RangeDecoder dec;

        ReadIo(RangeDecoder dec) {
            this.dec = dec;
        }

        public int bit(BitModel m, int v) {
            return dec.decodeBit(m);
        }

        public int bypass(int v) {
            return dec.decodeBypass();
        }
    }

    /** Counts estimated bits from the current context states without changing them (for RD decisions). */
    static final class CostIo implements Io {
        private static final double[] COST = new double[4097];

        static {
            for (int i = 0; i <= 4096; i++) {
                COST[i] = -Math.log(Math.max(i, 1) / 4096.0) / Math.log(2);
            }
        }

        double bits;

        public int bit(BitModel m, int v) {
            double p1 = m.probabilityOfOne();
            bits += COST[(int) ((v == 1 ? p1 : 1 - p1) * 4096)];
            return v;
        }

        public int bypass(int v) {
            bits += 1;
            return v;
        }

        static double cost(BitModel m, int v) {
            double p1 = m.probabilityOfOne();
            return COST[(int) ((v == 1 ? p1 : 1 - p1) * 4096)];
        }
    }

    /** The entropy stage: binarisation on top of {@link Io}; with ENTROPY = 0 every context bit is a bypass bit. */
    static final class Symbols {
        static int flag(Io io, BitModel m, int v) {
            return ENTROPY == 0 ? io.bypass(v) : io.bit(m, v);
        }

        static int expGolomb(Io io, int value, int k) {
            int v = value;
            int n = 0;
            if (value >= 0) { // encoding: prefix of ones
                while (v >= (1 << k)) {
                    io.bypass(1);
                    v -= 1 << k;
                    k++;
                }
                io.bypass(0);
                for (int i = k - 1; i >= 0; i--) {
                    io.bypass((v >>> i) & 1);
                }
                return value;
            }
            while (io.bypass(0) == 1) { // decoding (value < 0 marks "unknown")
                n += 1 << k;
                k++;
                if (k > 24) {
                    throw new BitstreamException("Exp-Golomb prefix longer than 24 bits");
                }
            }
            int rest = 0;
            for (int i = k - 1; i >= 0; i--) {
                rest = (rest << 1) | io.bypass(0);
            }
            return n + rest;
        }

        /** Unsigned: truncated unary with one context per bin below ctx.length, then Exp-Golomb 0 (or Exp-Golomb 0 alone). */
        static int uint(Io io, BitModel[] ctx, int value, boolean encoding) {
            if (ENTROPY == 0) {
                return expGolomb(io, encoding ? value : -1, 0);
            }
            int cut = ctx.length;
            int n = 0;
            while (n < cut && io.bit(ctx[n], encoding ? (value > n ? 1 : 0) : 0) == 1) {
                n++;
            }
            if (n < cut) {
                return n;
            }
            return cut + expGolomb(io, encoding ? value - cut : -1, 0);
        }

        static int sint(Io io, BitModel[] ctx, int value, boolean encoding) {
            int mag = uint(io, ctx, Math.abs(value), encoding);
            if (mag == 0) {
                return 0;
            }
            return io.bypass(value < 0 ? 1 : 0) == 1 ? -mag : mag;
        }
    }

    /** All adaptive contexts of the stream. */
    static final class Contexts {
        final BitModel[] skip = BitModel.array(3);
        final BitModel[] intra = BitModel.array(3);
        final BitModel[] split = BitModel.array(3);
        final BitModel[] tsize = BitModel.array(3);
        final BitModel[] mpm = BitModel.array(1);
        final BitModel[] modeRem = BitModel.array(3);
        final BitModel[] chromaMode = BitModel.array(3);
        final BitModel[][] mvd = models(6, 6); // component x magnitude class
        final BitModel[] bi = BitModel.array(3);
        final BitModel[] bwd = BitModel.array(1);
        // block types: 0 luma intra, 1 luma inter, 2 chroma intra, 3 chroma inter; x2 for transform size 4/8
        final BitModel[][] cbf = models(8, 3);
        final BitModel[][] sig = models(8, 16);
        final BitModel[][] last = models(8, 16);
        final BitModel[][] gt1 = models(8, 5);
        final BitModel[][] rem = models(8, 8);

        static BitModel[][] models(int rows, int cols) {
            BitModel[][] m = new BitModel[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = BitModel.array(cols);
            }
            return m;
        }
    }

    // ------------------------------------------------------------------ one macroblock's decision

    static final int SKIP = 0;
    static final int INTER16 = 1;
    static final int INTER8 = 2;
    static final int INTRA = 3;
    // inter prediction direction (B frames; P frames are always FWD)
    static final int FWD = 0;
    static final int BWD = 1;
    static final int BI = 2;

    /** Everything the syntax carries for one macroblock; levels are raster order per transform block. */
    static final class Mb {
        int type;
        int n = 8;
        int dir = FWD;
        final int[] mvx = new int[4];
        final int[] mvy = new int[4];
        final int[] mvx1 = new int[4]; // backward vectors (B frames)
        final int[] mvy1 = new int[4];
        final int[] modes = new int[16];
        int chromaMode;
        final int[][] levels = new int[24][64]; // luma blocks first, then U blocks, then V blocks

        void copyFrom(Mb o) {
            type = o.type;
            n = o.n;
            System.arraycopy(o.mvx, 0, mvx, 0, 4);
            System.arraycopy(o.mvy, 0, mvy, 0, 4);
            dir = o.dir;
            System.arraycopy(o.mvx1, 0, mvx1, 0, 4);
            System.arraycopy(o.mvy1, 0, mvy1, 0, 4);
            System.arraycopy(o.modes, 0, modes, 0, 16);
            chromaMode = o.chromaMode;
            for (int i = 0; i < 24; i++) {
                System.arraycopy(o.levels[i], 0, levels[i], 0, 64);
            }
        }

        int lumaBlocks() {
            return (MB / n) * (MB / n);
        }

        int chromaBlocks() {
            return (8 / n) * (8 / n);
        }
    }

    // ------------------------------------------------------------------ the engine: shared by encoder and decoder

    static final class Engine {
        final int width;
        final int height;
        final int lw;
        final int lh;
        final int mbCols;
        final int mbRows;
        final int quality;
        final Contexts ctx = new Contexts();
        final Prediction pred;
        // per 4x4 luma unit of the current frame
        final int cols4;
        final int[] mvx4;
        final int[] mvy4;
        final int[] mvx4b; // backward vectors, 0 where unused
        final int[] mvy4b;
        final int[] dir4;
        final boolean[] intra4;
        final boolean[] nz4;
        final int[] mode4;
        final int[] stamp4;
        final int[] mvdMag4;
        final boolean[] small4;
        final boolean[] skipMb;
        final boolean[] intraMb;
        final boolean[] splitMb;
        final boolean[] biMb;
        final boolean[] nzU;
        final boolean[] nzV;
        int frameNo;
        boolean intraFrame;
        boolean bFrame;
        double step;
        double chromaStep;
        double lambda;
        Plane[] rec;
        Prediction.Ref ref;   // forward reference (P and B frames)
        Prediction.Ref ref1;  // backward reference (B frames)
        Prediction.Ref built; // the reference made of the last frame, when later frames predict from it
        final int[] tmp = new int[64];
        final int[] biTmp = new int[64];
        final int[] coefs = new int[64];
        final int[] scan = new int[64];
        final int[] block = new int[256];

        Engine(int width, int height, int quality) {
            this.width = width;
            this.height = height;
            this.lw = Planes.roundUp(width, MB);
            this.lh = Planes.roundUp(height, MB);
            this.mbCols = lw / MB;
            this.mbRows = lh / MB;
            this.quality = quality;
            this.pred = new Prediction(lw, lh);
            this.cols4 = lw / 4;
            int n4 = cols4 * (lh / 4);
            mvx4 = new int[n4];
            mvy4 = new int[n4];
            mvx4b = new int[n4];
            mvy4b = new int[n4];
            dir4 = new int[n4];
            intra4 = new boolean[n4];
            nz4 = new boolean[n4];
            mode4 = new int[n4];
            stamp4 = new int[n4];
            Arrays.fill(stamp4, -1);
            mvdMag4 = new int[n4];
            small4 = new boolean[n4];
            skipMb = new boolean[mbCols * mbRows];
            intraMb = new boolean[mbCols * mbRows];
            splitMb = new boolean[mbCols * mbRows];
            biMb = new boolean[mbCols * mbRows];
            nzU = new boolean[mbCols * mbRows];
            nzV = new boolean[mbCols * mbRows];
        }

        /** GOP stage: type, references and step of display frame {@code index}, as the {@link GopPlan} says. */
        void startFrame(GopPlan plan, int index, Prediction.Ref forward, Prediction.Ref backward) {
            frameNo = index;
            intraFrame = plan.intra(index);
            bFrame = !intraFrame && plan.level[index] > 0;
            ref = forward;
            ref1 = backward;
            double s = Quant.qualityToStep(quality - QUALITY_OFFSET) * STEP_SCALE;
            if (intraFrame) {
                s *= KEY_STEP_RATIO;
            } else if (bFrame) {
                s *= Math.pow(B_STEP_RATIO, plan.level[index]);
            } else if (CASCADE > 1 && plan.anchorNo[index] % CASCADE == 0) {
                s *= CASCADE_STEP_RATIO;
            }
            step = Math.max(0.5, s);
            chromaStep = Math.max(0.5, s * CHROMA_STEP_RATIO);
            lambda = RD_LAMBDA * step * step;
            rec = new Plane[] {Plane.blank(lw, lh), Plane.blank(lw / 2, lh / 2), Plane.blank(lw / 2, lh / 2)};
        }

        /** In-loop filter stage; makes {@link #built} when later frames predict from this one; returns the cropped output frame. */
        Frame endFrame(boolean referenced) {
            LoopFilter.apply(this);
            built = referenced ? pred.reference(rec) : null;
            return Planes.toFrame(rec[0], rec[1], rec[2], width, height);
        }

        // ---------------- neighbour state

        boolean available4(int x4, int y4) {
            return x4 >= 0 && y4 >= 0 && x4 < cols4 && y4 < lh / 4 && stamp4[y4 * cols4 + x4] == frameNo;
        }

        /** Median vector prediction (MV_PREDICTION) for the block of w4 x h4 units at (x4, y4), quarter pel. */
        int[] mvPredictor(int x4, int y4, int w4) {
            return mvPredictor(0, x4, y4, w4);
        }

        /** The same from the forward (list 0) or backward (list 1) vectors of the neighbours. */
        int[] mvPredictor(int list, int x4, int y4, int w4) {
            if (MV_PREDICTION == 0) {
                return new int[] {0, 0};
            }
            int[] mvx4 = list == 0 ? this.mvx4 : mvx4b;
            int[] mvy4 = list == 0 ? this.mvy4 : mvy4b;
            int a = available4(x4 - 1, y4) ? y4 * cols4 + x4 - 1 : -1;
            int b = available4(x4, y4 - 1) ? (y4 - 1) * cols4 + x4 : -1;
            int c = available4(x4 + w4, y4 - 1) ? (y4 - 1) * cols4 + x4 + w4 : (available4(x4 - 1, y4 - 1) ? (y4 - 1) * cols4 + x4 - 1 : -1);
            if (a >= 0 && b < 0 && c < 0) {
                return new int[] {mvx4[a], mvy4[a]};
            }
            int ax = a < 0 ? 0 : mvx4[a];
            int ay = a < 0 ? 0 : mvy4[a];
            int bx = b < 0 ? 0 : mvx4[b];
            int by = b < 0 ? 0 : mvy4[b];
            int cx = c < 0 ? 0 : mvx4[c];
            int cy = c < 0 ? 0 : mvy4[c];
            return new int[] {median(ax, bx, cx), median(ay, by, cy)};
        }

        static int median(int a, int b, int c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }

        void setUnits(int x4, int y4, int w4, int h4, int mx, int my, boolean intra) {
            for (int j = 0; j < h4; j++) {
                for (int i = 0; i < w4; i++) {
                    int k = (y4 + j) * cols4 + x4 + i;
                    mvx4[k] = mx;
                    mvy4[k] = my;
                    mvx4b[k] = 0;
                    mvy4b[k] = 0;
                    dir4[k] = FWD;
                    intra4[k] = intra;
                    stamp4[k] = frameNo;
                    if (!intra) {
                        mode4[k] = 0;
                    }
                }
            }
        }

        /** Backward vector and direction of w4 x h4 units (after {@link #setUnits}, which clears them). */
        void setList1(int x4, int y4, int w4, int h4, int dir, int mx, int my) {
            for (int j = 0; j < h4; j++) {
                for (int i = 0; i < w4; i++) {
                    int k = (y4 + j) * cols4 + x4 + i;
                    mvx4b[k] = mx;
                    mvy4b[k] = my;
                    dir4[k] = dir;
                }
            }
        }

        int neighbourCount(boolean[] perMb, int mx, int my) {
            int c = 0;
            if (mx > 0 && perMb[my * mbCols + mx - 1]) {
                c++;
            }
            if (my > 0 && perMb[(my - 1) * mbCols + mx]) {
                c++;
            }
            return ENTROPY == 2 ? c : 0;
        }

        // ---------------- syntax: the same walk writes, reads and estimates

        /** Codes macroblock (mx, my): writes {@code d} when encoding, fills it when decoding. Updates the neighbour state. */
        void syntax(Io io, Mb d, int mx, int my, boolean encoding) {
            int m = my * mbCols + mx;
            int x4 = mx * 4;
            int y4 = my * 4;
            if (!bFrame) {
                d.dir = FWD;
            }
            if (!intraFrame) {
                int skip = SKIP_MODE == 1 ? Symbols.flag(io, ctx.skip[neighbourCount(skipMb, mx, my)], d.type == SKIP ? 1 : 0) : 0;
                if (skip == 1) {
                    d.type = SKIP;
                    int[] p = mvPredictor(x4, y4, 4);
                    Arrays.fill(d.mvx, p[0]);
                    Arrays.fill(d.mvy, p[1]);
                    setUnits(x4, y4, 4, 4, p[0], p[1], false);
                    if (bFrame) { // B skip: both predicted vectors, averaged
                        int[] p1 = mvPredictor(1, x4, y4, 4);
                        d.dir = BI;
                        Arrays.fill(d.mvx1, p1[0]);
                        Arrays.fill(d.mvy1, p1[1]);
                        setList1(x4, y4, 4, 4, BI, p1[0], p1[1]);
                    }
                    fillMvdMag(x4, y4, 4, 4, 0);
                    skipMb[m] = true;
                    biMb[m] = bFrame;
                    intraMb[m] = false;
                    splitMb[m] = false;
                    markNz(mx, my, d, false);
                    return;
                }
                int intra = Symbols.flag(io, ctx.intra[neighbourCount(intraMb, mx, my)], d.type == INTRA ? 1 : 0);
                if (intra == 1) {
                    d.type = INTRA;
                } else if (bFrame) {
                    d.type = INTER16;
                    d.dir = Symbols.flag(io, ctx.bi[neighbourCount(biMb, mx, my)], d.dir == BI ? 1 : 0) == 1 ? BI
                            : Symbols.flag(io, ctx.bwd[0], d.dir == BWD ? 1 : 0) == 1 ? BWD : FWD;
                } else if (PARTITION_MIN == 8) {
                    d.type = Symbols.flag(io, ctx.split[neighbourCount(splitMb, mx, my)], d.type == INTER8 ? 1 : 0) == 1 ? INTER8 : INTER16;
                } else {
                    d.type = INTER16;
                }
            } else {
                d.type = INTRA;
            }
            skipMb[m] = false;
            intraMb[m] = d.type == INTRA;
            splitMb[m] = d.type == INTER8;
            biMb[m] = d.type != INTRA && d.dir == BI;
            if (TRANSFORM_SIZE == 0) {
                d.n = Symbols.flag(io, ctx.tsize[0], d.n == 4 ? 1 : 0) == 1 ? 4 : 8;
            } else {
                d.n = TRANSFORM_SIZE;
            }
            if (d.type == INTRA) {
                setUnits(x4, y4, 4, 4, 0, 0, true);
                fillMvdMag(x4, y4, 4, 4, 0);
                int n = d.n;
                int per = MB / n;
                for (int k = 0; k < per * per; k++) {
                    int bx4 = x4 + (k % per) * n / 4;
                    int by4 = y4 + (k / per) * n / 4;
                    d.modes[k] = codeIntraMode(io, d.modes[k], bx4, by4, n / 4, encoding);
                }
                if (INTRA_MODES > 1) {
                    d.chromaMode = Symbols.uint(io, ctx.chromaMode, d.chromaMode, encoding);
                    if (d.chromaMode >= Math.min(4, INTRA_MODES)) {
                        throw new BitstreamException("chroma intra mode " + d.chromaMode + " out of range");
                    }
                } else {
                    d.chromaMode = 0;
                }
            } else {
                int parts = d.type == INTER8 ? 4 : 1;
                if (d.dir == BWD) {
                    setUnits(x4, y4, 4, 4, 0, 0, false);
                } else {
                    codeVectors(io, d, 0, x4, y4, parts, encoding);
                }
                if (d.dir != FWD) {
                    codeVectors(io, d, 1, x4, y4, parts, encoding);
                }
            }
            codeResidual(io, d, mx, my, encoding);
        }

        /** The vectors of one list (0 forward, 1 backward) of an inter macroblock, each as a difference from its predictor. */
        private void codeVectors(Io io, Mb d, int list, int x4, int y4, int parts, boolean encoding) {
            int[] mvx = list == 0 ? d.mvx : d.mvx1;
            int[] mvy = list == 0 ? d.mvy : d.mvy1;
            int size4 = parts == 4 ? 2 : 4;
            for (int k = 0; k < parts; k++) {
                int px4 = x4 + (k & 1) * 2;
                int py4 = y4 + (k >> 1) * 2;
                int[] p = mvPredictor(list, px4, py4, size4);
                int shift = SUBPEL == 4 ? 0 : (SUBPEL == 2 ? 1 : 2);
                int mctx = ENTROPY == 2 ? mvdContext(px4, py4) : 0;
                int dx = Symbols.sint(io, ctx.mvd[mctx], encoding ? (mvx[k] - p[0]) >> shift : 0, encoding) << shift;
                int dy = Symbols.sint(io, ctx.mvd[3 + mctx], encoding ? (mvy[k] - p[1]) >> shift : 0, encoding) << shift;
                int vx = p[0] + dx;
                int vy = p[1] + dy;
                if (Math.abs(vx) > 4 * (lw + PAD) || Math.abs(vy) > 4 * (lh + PAD)) {
                    throw new BitstreamException("motion vector (" + vx + ", " + vy + ") is out of range");
                }
                mvx[k] = vx;
                mvy[k] = vy;
                if (list == 0) {
                    setUnits(px4, py4, size4, size4, vx, vy, false);
                } else {
                    setList1(px4, py4, size4, size4, d.dir, vx, vy);
                }
                fillMvdMag(px4, py4, size4, size4, Math.abs(dx) + Math.abs(dy));
            }
            if (parts == 1) {
                Arrays.fill(mvx, mvx[0]);
                Arrays.fill(mvy, mvy[0]);
            }
        }

        private void fillMvdMag(int x4, int y4, int w4, int h4, int mag) {
            for (int j = 0; j < h4; j++) {
                for (int i = 0; i < w4; i++) {
                    mvdMag4[(y4 + j) * cols4 + x4 + i] = mag;
                }
            }
        }

        private int mvdContext(int x4, int y4) {
            int s = (available4(x4 - 1, y4) ? mvdMag4[y4 * cols4 + x4 - 1] : 0)
                    + (available4(x4, y4 - 1) ? mvdMag4[(y4 - 1) * cols4 + x4] : 0);
            return s < 3 ? 0 : (s < 32 ? 1 : 2);
        }

        /** Most-probable-mode coding of one luma intra block's mode. */
        private int codeIntraMode(Io io, int mode, int x4, int y4, int n4, boolean encoding) {
            int mode2 = mode;
            if (INTRA_MODES > 1) {
                int left = available4(x4 - 1, y4) ? mode4[y4 * cols4 + x4 - 1] : 0;
                int top = available4(x4, y4 - 1) ? mode4[(y4 - 1) * cols4 + x4] : 0;
                int mpm = Math.min(left, top);
                if (Symbols.flag(io, ctx.mpm[0], mode == mpm ? 1 : 0) == 1) {
                    mode2 = mpm;
                } else {
                    int r = Symbols.uint(io, ctx.modeRem, encoding ? (mode < mpm ? mode : mode - 1) : 0, encoding);
                    mode2 = r < mpm ? r : r + 1;
                    if (mode2 >= INTRA_MODES) {
                        throw new BitstreamException("intra mode " + mode2 + " out of range");
                    }
                }
            } else {
                mode2 = 0;
            }
            for (int j = 0; j < n4; j++) {
                for (int i = 0; i < n4; i++) {
                    mode4[(y4 + j) * cols4 + x4 + i] = mode2;
                }
            }
            return mode2;
        }

        private void markNz(int mx, int my, Mb d, boolean any) {
            int x4 = mx * 4;
            int y4 = my * 4;
            if (!any) {
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        nz4[(y4 + j) * cols4 + x4 + i] = false;
                        small4[(y4 + j) * cols4 + x4 + i] = false;
                    }
                }
                nzU[my * mbCols + mx] = false;
                nzV[my * mbCols + mx] = false;
            }
        }

        private void codeResidual(Io io, Mb d, int mx, int my, boolean encoding) {
            int n = d.n;
            int per = MB / n;
            int n4 = n / 4;
            boolean intra = d.type == INTRA;
            int tIdx = n == 4 ? 4 : 0;
            int x4 = mx * 4;
            int y4 = my * 4;
            for (int k = 0; k < per * per; k++) {
                int bx4 = x4 + (k % per) * n4;
                int by4 = y4 + (k / per) * n4;
                int c = 0;
                if (ENTROPY == 2) {
                    c = (available4(bx4 - 1, by4) && nz4[by4 * cols4 + bx4 - 1] ? 1 : 0)
                            + (available4(bx4, by4 - 1) && nz4[(by4 - 1) * cols4 + bx4] ? 1 : 0);
                }
                boolean nz = codeBlock(io, d.levels[k], n, tIdx + (intra ? 0 : 1), c, encoding);
                for (int j = 0; j < n4; j++) {
                    for (int i = 0; i < n4; i++) {
                        nz4[(by4 + j) * cols4 + bx4 + i] = nz;
                        small4[(by4 + j) * cols4 + bx4 + i] = n == 4;
                    }
                }
            }
            int cb = d.chromaBlocks();
            int m = my * mbCols + mx;
            for (int p = 0; p < 2; p++) {
                boolean[] nzC = p == 0 ? nzU : nzV;
                boolean any = false;
                for (int k = 0; k < cb; k++) {
                    int c = 0;
                    if (ENTROPY == 2) {
                        c = (mx > 0 && nzC[m - 1] ? 1 : 0) + (my > 0 && nzC[m - mbCols] ? 1 : 0);
                    }
                    any |= codeBlock(io, d.levels[16 + p * 4 + k], n, tIdx + (intra ? 2 : 3), c, encoding);
                }
                nzC[m] = any;
            }
        }

        /** Coefficient coding of one n x n block (raster levels); returns whether it has a non-zero level. */
        boolean codeBlock(Io io, int[] lev, int n, int type, int cbfCtx, boolean encoding) {
            int count = n * n;
            int last = -1;
            if (encoding) {
                ZigZag.scan(lev, scan, n);
                for (int i = count - 1; i >= 0; i--) {
                    if (scan[i] != 0) {
                        last = i;
                        break;
                    }
                }
            } else {
                Arrays.fill(scan, 0, count, 0);
            }
            if (ENTROPY == 0) {
                return runLevel(io, lev, n, last, encoding);
            }
            if (io.bit(ctx.cbf[type][cbfCtx], last >= 0 ? 1 : 0) == 0) {
                if (!encoding) {
                    Arrays.fill(lev, 0, count, 0);
                }
                return false;
            }
            int shift = n == 8 ? 2 : 0;
            int ones = 0;
            int bigger = 0;
            for (int i = 0; i < count; i++) {
                int pc = Math.min(15, i >> shift);
                int sig = i == count - 1 ? 1 : io.bit(ctx.sig[type][pc], encoding && scan[i] != 0 ? 1 : 0);
                if (sig == 0) {
                    continue;
                }
                int v = encoding ? scan[i] : 0;
                int g = bigger > 0 ? 4 : Math.min(3, ones);
                int mag = 1;
                if (io.bit(ctx.gt1[type][g], Math.abs(v) > 1 ? 1 : 0) == 1) {
                    mag = 2 + Symbols.uint(io, ctx.rem[type], Math.abs(v) - 2, encoding);
                    bigger++;
                } else {
                    ones++;
                }
                scan[i] = io.bypass(v < 0 ? 1 : 0) == 1 ? -mag : mag;
                if (i == count - 1 || io.bit(ctx.last[type][pc], i == last ? 1 : 0) == 1) {
                    break;
                }
            }
            if (!encoding) {
                ZigZag.unscan(scan, lev, n);
            }
            return true;
        }

        /** ENTROPY = 0: number of levels, then (zero run, level) pairs in Exp-Golomb bypass bits. */
        private boolean runLevel(Io io, int[] lev, int n, int last, boolean encoding) {
            int count = n * n;
            int nz = 0;
            if (encoding) {
                for (int i = 0; i <= last; i++) {
                    if (scan[i] != 0) {
                        nz++;
                    }
                }
            }
            nz = Symbols.expGolomb(io, encoding ? nz : -1, 0);
            if (nz > count) {
                throw new BitstreamException("block with " + nz + " levels");
            }
            int pos = 0;
            for (int k = 0; k < nz; k++) {
                int run = 0;
                if (encoding) {
                    while (scan[pos + run] == 0) {
                        run++;
                    }
                }
                run = Symbols.expGolomb(io, encoding ? run : -1, 0);
                pos += run;
                if (pos >= count) {
                    throw new BitstreamException("run past the end of a block");
                }
                int v = encoding ? scan[pos] : 0;
                int mag = 1 + Symbols.expGolomb(io, encoding ? Math.abs(v) - 1 : -1, 0);
                scan[pos] = io.bypass(v < 0 ? 1 : 0) == 1 ? -mag : mag;
                pos++;
            }
            if (!encoding) {
                ZigZag.unscan(scan, lev, n);
            }
            return nz > 0;
        }

        // ---------------- reconstruction (shared)

        /** Rebuilds macroblock (mx, my) from its decision into {@link #rec}. */
        void reconstruct(Mb d, int mx, int my) {
            int x = mx * MB;
            int y = my * MB;
            int n = d.n;
            int per = MB / n;
            if (d.type == INTRA) {
                for (int k = 0; k < per * per; k++) {
                    int bx = x + (k % per) * n;
                    int by = y + (k / per) * n;
                    IntraPredictor.predict(rec[0], bx, by, n, d.modes[k], trAvailable(bx, by, n, x, y), tmp);
                    addResidual(rec[0], bx, by, n, d.levels[k], tmp, step);
                }
                for (int p = 1; p <= 2; p++) {
                    IntraPredictor.predict(rec[p], x / 2, y / 2, 8, d.chromaMode, false, block);
                    chromaResidual(d, p, x / 2, y / 2);
                }
                return;
            }
            for (int k = 0; k < 4; k++) {
                int bx = x + (k & 1) * 8;
                int by = y + (k >> 1) * 8;
                predictLuma(d, k, bx, by, tmp);
                Planes.putBlock(rec[0], bx, by, 8, 8, tmp);
            }
            for (int p = 1; p <= 2; p++) {
                for (int k = 0; k < 4; k++) {
                    predictChroma(d, p, k, x / 2 + (k & 1) * 4, y / 2 + (k >> 1) * 4, tmp);
                    for (int j = 0; j < 4; j++) {
                        System.arraycopy(tmp, j * 4, block, ((k >> 1) * 4 + j) * 8 + (k & 1) * 4, 4);
                    }
                }
                if (d.type != SKIP) {
                    chromaResidual(d, p, x / 2, y / 2);
                } else {
                    Planes.putBlock(rec[p], x / 2, y / 2, 8, 8, block);
                }
            }
            if (d.type == SKIP) {
                return;
            }
            for (int k = 0; k < per * per; k++) {
                int bx = x + (k % per) * n;
                int by = y + (k / per) * n;
                Planes.getBlock(rec[0], bx, by, n, n, tmp);
                addResidual(rec[0], bx, by, n, d.levels[k], tmp, step);
            }
        }

        /** Inter prediction of luma quadrant k (8x8 at bx, by): forward, backward, or the rounded average of both. */
        void predictLuma(Mb d, int k, int bx, int by, int[] out) {
            if (d.dir != BWD) {
                pred.luma(ref, bx, by, 8, d.mvx[k], d.mvy[k], out);
            }
            if (d.dir != FWD) {
                pred.luma(ref1, bx, by, 8, d.mvx1[k], d.mvy1[k], d.dir == BI ? biTmp : out);
                if (d.dir == BI) {
                    average(out, biTmp, 64);
                }
            }
        }

        /** The same for the 4x4 chroma block of quadrant k in plane p. */
        void predictChroma(Mb d, int p, int k, int cx, int cy, int[] out) {
            if (d.dir != BWD) {
                pred.chroma(ref, p, cx, cy, 4, d.mvx[k], d.mvy[k], out);
            }
            if (d.dir != FWD) {
                pred.chroma(ref1, p, cx, cy, 4, d.mvx1[k], d.mvy1[k], d.dir == BI ? biTmp : out);
                if (d.dir == BI) {
                    average(out, biTmp, 16);
                }
            }
        }

        static void average(int[] a, int[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = (a[i] + b[i] + 1) >> 1;
            }
        }

        /** Chroma residual on the 8x8 prediction in {@link #block}. */
        private void chromaResidual(Mb d, int p, int cx, int cy) {
            int n = d.n;
            int per = 8 / n;
            int[] sub = new int[n * n];
            for (int k = 0; k < per * per; k++) {
                int ox = (k % per) * n;
                int oy = (k / per) * n;
                for (int j = 0; j < n; j++) {
                    System.arraycopy(block, (oy + j) * 8 + ox, sub, j * n, n);
                }
                addResidual(rec[p], cx + ox, cy + oy, n, d.levels[16 + (p - 1) * 4 + k], sub, chromaStep);
            }
        }

        /** Top-right neighbours of an intra block exist and are already reconstructed. */
        boolean trAvailable(int bx, int by, int n, int mbx, int mby) {
            if (by == 0 || bx + 2 * n > lw) {
                return false;
            }
            if (by == mby) {
                return true;
            }
            return bx + n < mbx + MB;
        }

        void addResidual(Plane p, int x, int y, int n, int[] lev, int[] prediction, double s) {
            int nn = n * n;
            boolean any = false;
            for (int i = 0; i < nn; i++) {
                if (lev[i] != 0) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                Planes.putBlock(p, x, y, n, n, prediction);
                return;
            }
            int[] c = new int[nn];
            int[] r = new int[nn];
            Quant.dequantizeBlock(Arrays.copyOf(lev, nn), c, s, null);
            Dct.inverse(c, r, n);
            for (int i = 0; i < nn; i++) {
                r[i] += prediction[i];
            }
            Planes.putBlock(p, x, y, n, n, r);
        }
    }

    // ------------------------------------------------------------------ prediction stage

    /** Intra prediction from reconstructed neighbours: 0 DC, 1 vertical, 2 horizontal, 3 planar, 4 diagonal down-left, 5 down-right. */
    static final class IntraPredictor {
        static void predict(Plane rec, int x, int y, int n, int mode, boolean trAvail, int[] out) {
            int[] top = new int[2 * n];
            int[] left = new int[n];
            boolean hasTop = y > 0;
            boolean hasLeft = x > 0;
            int corner;
            if (hasTop) {
                for (int i = 0; i < n; i++) {
                    top[i] = rec.get(x + i, y - 1);
                }
                for (int i = n; i < 2 * n; i++) {
                    top[i] = trAvail ? rec.get(x + i, y - 1) : top[n - 1];
                }
            }
            if (hasLeft) {
                for (int j = 0; j < n; j++) {
                    left[j] = rec.get(x - 1, y + j);
                }
            }
            if (!hasTop) {
                Arrays.fill(top, hasLeft ? left[0] : 128);
            }
            if (!hasLeft) {
                Arrays.fill(left, hasTop ? top[0] : 128);
            }
            corner = hasTop && hasLeft ? rec.get(x - 1, y - 1) : (hasTop ? top[0] : left[0]);
            int log = n == 4 ? 2 : (n == 8 ? 3 : 4);
            switch (mode) {
                case 1 -> {
                    for (int j = 0; j < n; j++) {
                        System.arraycopy(top, 0, out, j * n, n);
                    }
                }
                case 2 -> {
                    for (int j = 0; j < n; j++) {
                        Arrays.fill(out, j * n, j * n + n, left[j]);
                    }
                }
                case 3 -> {
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            out[j * n + i] = ((n - 1 - i) * left[j] + (i + 1) * top[n] + (n - 1 - j) * top[i]
                                    + (j + 1) * left[n - 1] + n) >> (log + 1);
                        }
                    }
                }
                case 4 -> {
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            int k = i + j;
                            int a = top[k];
                            int b = top[Math.min(k + 1, 2 * n - 1)];
                            int c = top[Math.min(k + 2, 2 * n - 1)];
                            out[j * n + i] = (a + 2 * b + c + 2) >> 2;
                        }
                    }
                }
                case 5 -> {
                    int[] e = new int[2 * n + 1];
                    for (int j = 0; j < n; j++) {
                        e[n - 1 - j] = left[j];
                    }
                    e[n] = corner;
                    for (int i = 0; i < n; i++) {
                        e[n + 1 + i] = top[i];
                    }
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            int k = n + i - j;
                            out[j * n + i] = (e[Math.max(k - 1, 0)] + 2 * e[k] + e[Math.min(k + 1, 2 * n)] + 2) >> 2;
                        }
                    }
                }
                default -> {
                    int sum = 0;
                    int cnt = 0;
                    if (hasTop) {
                        for (int i = 0; i < n; i++) {
                            sum += top[i];
                        }
                        cnt += n;
                    }
                    if (hasLeft) {
                        for (int j = 0; j < n; j++) {
                            sum += left[j];
                        }
                        cnt += n;
                    }
                    Arrays.fill(out, 0, n * n, cnt == 0 ? 128 : (sum + cnt / 2) / cnt);
                }
            }
        }
    }

    /** Inter prediction: padded, interpolated references and block motion compensation (quarter-pel luma, eighth-pel chroma). */
    static final class Prediction {
        final int lw;
        final int lh;
        final int pw;
        final int ph;
        final int cpw;
        final int cph;

        /** A reference picture: 16 luma phase planes (quarter-pel x, y) and padded chroma. */
        static final class Ref {
            final byte[][] phase;
            final byte[] u;
            final byte[] v;

            Ref(byte[][] phase, byte[] u, byte[] v) {
                this.phase = phase;
                this.u = u;
                this.v = v;
            }
        }

        Prediction(int lw, int lh) {
            this.lw = lw;
            this.lh = lh;
            this.pw = lw + 2 * PAD;
            this.ph = lh + 2 * PAD;
            this.cpw = lw / 2 + PAD;
            this.cph = lh / 2 + PAD;
        }

        private static byte[] padded(Plane p, int pad, int w, int h) {
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                int sy = Math.max(0, Math.min(p.height() - 1, y - pad));
                for (int x = 0; x < w; x++) {
                    int sx = Math.max(0, Math.min(p.width() - 1, x - pad));
                    out[y * w + x] = p.data()[sy * p.width() + sx];
                }
            }
            return out;
        }

        Ref reference(Plane[] rec) {
            byte[] g = padded(rec[0], PAD, pw, ph);
            byte[][] phase = new byte[16][];
            phase[0] = g;
            if (SUBPEL > 1) {
                int n = pw * ph;
                byte[] b = new byte[n];
                byte[] h = new byte[n];
                byte[] j = new byte[n];
                halfPel(g, b, h, j);
                phase[2] = b;
                phase[8] = h;
                phase[10] = j;
                if (SUBPEL == 4) {
                    phase[1] = avg(g, b, 0);
                    phase[3] = avg(b, g, 1);
                    phase[4] = avg(g, h, 0);
                    phase[12] = avg(h, g, pw);
                    phase[9] = avg(h, j, 0);
                    phase[11] = avg(j, h, 1);
                    phase[6] = avg(b, j, 0);
                    phase[14] = avg(j, b, pw);
                    phase[5] = avg(b, h, 0);
                    phase[7] = avg(j, g, 1);
                    phase[13] = avg(j, g, pw);
                    phase[15] = avg(h, b, 1, pw);
                }
            }
            return new Ref(phase, padded(rec[1], PAD / 2, cpw, cph), padded(rec[2], PAD / 2, cpw, cph));
        }

        private byte[] avg(byte[] a, byte[] b, int bOffset) {
            return avg(a, b, 0, bOffset);
        }

        /** a[i + aOffset] averaged with b[i + bOffset] (indices past the end clamp to the last sample). */
        private byte[] avg(byte[] a, byte[] b, int aOffset, int bOffset) {
            int n = a.length;
            byte[] out = new byte[n];
            int safe = n - Math.max(aOffset, bOffset);
            for (int i = 0; i < safe; i++) {
                out[i] = (byte) (((a[i + aOffset] & 0xFF) + (b[i + bOffset] & 0xFF) + 1) >> 1);
            }
            for (int i = Math.max(0, safe); i < n; i++) {
                out[i] = (byte) (((a[Math.min(n - 1, i + aOffset)] & 0xFF) + (b[Math.min(n - 1, i + bOffset)] & 0xFF) + 1) >> 1);
            }
            return out;
        }

        /** Half-pel planes: b (x + 1/2), h (y + 1/2), j (both), by the 6-tap filter (1,-5,20,20,-5,1) or bilinear. */
        private void halfPel(byte[] g, byte[] b, byte[] h, byte[] j) {
            int[] hb = new int[pw * ph];
            for (int y = 0; y < ph; y++) {
                int row = y * pw;
                for (int x = 0; x < pw; x++) {
                    int v;
                    if (INTERP_FILTER == 1) {
                        if (x >= 2 && x < pw - 3) {
                            int a = row + x;
                            v = (g[a - 2] & 0xFF) - 5 * (g[a - 1] & 0xFF) + 20 * (g[a] & 0xFF) + 20 * (g[a + 1] & 0xFF)
                                    - 5 * (g[a + 2] & 0xFF) + (g[a + 3] & 0xFF);
                        } else {
                            v = tap(g, row, x, 1, pw);
                        }
                        b[row + x] = (byte) Planes.clamp255((v + 16) >> 5);
                    } else {
                        v = (g[row + x] & 0xFF) + (g[row + Math.min(pw - 1, x + 1)] & 0xFF);
                        b[row + x] = (byte) ((v + 1) >> 1);
                    }
                    hb[row + x] = v;
                }
            }
            for (int y = 0; y < ph; y++) {
                int row = y * pw;
                boolean inside = y >= 2 && y < ph - 3;
                for (int x = 0; x < pw; x++) {
                    if (INTERP_FILTER == 1) {
                        int v;
                        int jv;
                        if (inside) {
                            int a = row + x;
                            v = (g[a - 2 * pw] & 0xFF) - 5 * (g[a - pw] & 0xFF) + 20 * (g[a] & 0xFF) + 20 * (g[a + pw] & 0xFF)
                                    - 5 * (g[a + 2 * pw] & 0xFF) + (g[a + 3 * pw] & 0xFF);
                            jv = hb[a - 2 * pw] - 5 * hb[a - pw] + 20 * hb[a] + 20 * hb[a + pw] - 5 * hb[a + 2 * pw] + hb[a + 3 * pw];
                        } else {
                            v = tapV(g, x, y);
                            jv = tapVi(hb, x, y);
                        }
                        h[row + x] = (byte) Planes.clamp255((v + 16) >> 5);
                        j[row + x] = (byte) Planes.clamp255((jv + 512) >> 10);
                    } else {
                        int y1 = Math.min(ph - 1, y + 1) * pw;
                        h[row + x] = (byte) (((g[row + x] & 0xFF) + (g[y1 + x] & 0xFF) + 1) >> 1);
                        j[row + x] = (byte) ((hb[row + x] + hb[y1 + x] + 2) >> 2);
                    }
                }
            }
        }

        private static int tap(byte[] g, int row, int x, int d, int w) {
            int x0 = Math.max(0, x - 2);
            int x1 = Math.max(0, x - 1);
            int x3 = Math.min(w - 1, x + 1);
            int x4 = Math.min(w - 1, x + 2);
            int x5 = Math.min(w - 1, x + 3);
            return (g[row + x0] & 0xFF) - 5 * (g[row + x1] & 0xFF) + 20 * (g[row + x] & 0xFF) + 20 * (g[row + x3] & 0xFF)
                    - 5 * (g[row + x4] & 0xFF) + (g[row + x5] & 0xFF);
        }

        private int tapV(byte[] g, int x, int y) {
            return (g[Math.max(0, y - 2) * pw + x] & 0xFF) - 5 * (g[Math.max(0, y - 1) * pw + x] & 0xFF)
                    + 20 * (g[y * pw + x] & 0xFF) + 20 * (g[Math.min(ph - 1, y + 1) * pw + x] & 0xFF)
                    - 5 * (g[Math.min(ph - 1, y + 2) * pw + x] & 0xFF) + (g[Math.min(ph - 1, y + 3) * pw + x] & 0xFF);
        }

        private int tapVi(int[] g, int x, int y) {
            return g[Math.max(0, y - 2) * pw + x] - 5 * g[Math.max(0, y - 1) * pw + x] + 20 * g[y * pw + x]
                    + 20 * g[Math.min(ph - 1, y + 1) * pw + x] - 5 * g[Math.min(ph - 1, y + 2) * pw + x]
                    + g[Math.min(ph - 1, y + 3) * pw + x];
        }

        /** Offset of the top-left sample of a size x size block at (x, y) moved by quarter-pel (mvx, mvy), clamped into the padding. */
        int lumaOffset(int x, int y, int size, int mvx, int mvy) {
            int ix = Math.max(0, Math.min(pw - size, x + PAD + (mvx >> 2)));
            int iy = Math.max(0, Math.min(ph - size, y + PAD + (mvy >> 2)));
            return iy * pw + ix;
        }

        void luma(Ref r, int x, int y, int size, int mvx, int mvy, int[] out) {
            byte[] p = r.phase[(mvy & 3) * 4 + (mvx & 3)];
            int o = lumaOffset(x, y, size, mvx, mvy);
            for (int j = 0; j < size; j++) {
                int row = o + j * pw;
                for (int i = 0; i < size; i++) {
                    out[j * size + i] = p[row + i] & 0xFF;
                }
            }
        }

        /** Chroma block at chroma (x, y) with the luma quarter-pel vector (eighth-pel in chroma), bilinear. */
        void chroma(Ref r, int plane, int x, int y, int size, int mvx, int mvy, int[] out) {
            byte[] p = plane == 1 ? r.u : r.v;
            int fx = mvx & 7;
            int fy = mvy & 7;
            int ix = Math.max(0, Math.min(cpw - size - 1, x + PAD / 2 + (mvx >> 3)));
            int iy = Math.max(0, Math.min(cph - size - 1, y + PAD / 2 + (mvy >> 3)));
            int w00 = (8 - fx) * (8 - fy);
            int w10 = fx * (8 - fy);
            int w01 = (8 - fx) * fy;
            int w11 = fx * fy;
            for (int j = 0; j < size; j++) {
                int row = (iy + j) * cpw + ix;
                for (int i = 0; i < size; i++) {
                    int a = row + i;
                    out[j * size + i] = (w00 * (p[a] & 0xFF) + w10 * (p[a + 1] & 0xFF) + w01 * (p[a + cpw] & 0xFF)
                            + w11 * (p[a + cpw + 1] & 0xFF) + 32) >> 6;
                }
            }
        }

        /** SAD of the 16x16 / 8x8 source block {@code src} (stride size) against the reference at quarter-pel (mvx, mvy). */
        int sad(Ref r, int[] src, int x, int y, int size, int mvx, int mvy, int limit) {
            byte[] p = r.phase[(mvy & 3) * 4 + (mvx & 3)];
            int o = lumaOffset(x, y, size, mvx, mvy);
            int s = 0;
            for (int j = 0; j < size; j++) {
                int row = o + j * pw;
                int srow = j * size;
                for (int i = 0; i < size; i++) {
                    s += Math.abs(src[srow + i] - (p[row + i] & 0xFF));
                }
                if (s >= limit) {
                    return s;
                }
            }
            return s;
        }

        private final int[] diff = new int[256];

        /** SATD (4x4 Hadamard) of the source block against the reference at quarter-pel (mvx, mvy). */
        int satd(Ref r, int[] src, int x, int y, int size, int mvx, int mvy) {
            byte[] p = r.phase[(mvy & 3) * 4 + (mvx & 3)];
            int o = lumaOffset(x, y, size, mvx, mvy);
            for (int j = 0; j < size; j++) {
                int row = o + j * pw;
                int srow = j * size;
                for (int i = 0; i < size; i++) {
                    diff[srow + i] = src[srow + i] - (p[row + i] & 0xFF);
                }
            }
            return Satd.of(diff, size);
        }
    }

    /** Sum of absolute 4x4 Hadamard-transformed differences (a cheap proxy of coded cost). */
    static final class Satd {
        static int of(int[] diff, int size) {
            int total = 0;
            for (int by = 0; by < size; by += 4) {
                for (int bx = 0; bx < size; bx += 4) {
                    int o = by * size + bx;
                    int s1 = size;
                    int s2 = 2 * size;
                    int s3 = 3 * size;
                    // rows
                    int r00 = diff[o] + diff[o + 1] + diff[o + 2] + diff[o + 3];
                    int r01 = diff[o] - diff[o + 1] + diff[o + 2] - diff[o + 3];
                    int r02 = diff[o] + diff[o + 1] - diff[o + 2] - diff[o + 3];
                    int r03 = diff[o] - diff[o + 1] - diff[o + 2] + diff[o + 3];
                    int r10 = diff[o + s1] + diff[o + s1 + 1] + diff[o + s1 + 2] + diff[o + s1 + 3];
                    int r11 = diff[o + s1] - diff[o + s1 + 1] + diff[o + s1 + 2] - diff[o + s1 + 3];
                    int r12 = diff[o + s1] + diff[o + s1 + 1] - diff[o + s1 + 2] - diff[o + s1 + 3];
                    int r13 = diff[o + s1] - diff[o + s1 + 1] - diff[o + s1 + 2] + diff[o + s1 + 3];
                    int r20 = diff[o + s2] + diff[o + s2 + 1] + diff[o + s2 + 2] + diff[o + s2 + 3];
                    int r21 = diff[o + s2] - diff[o + s2 + 1] + diff[o + s2 + 2] - diff[o + s2 + 3];
                    int r22 = diff[o + s2] + diff[o + s2 + 1] - diff[o + s2 + 2] - diff[o + s2 + 3];
                    int r23 = diff[o + s2] - diff[o + s2 + 1] - diff[o + s2 + 2] + diff[o + s2 + 3];
                    int r30 = diff[o + s3] + diff[o + s3 + 1] + diff[o + s3 + 2] + diff[o + s3 + 3];
                    int r31 = diff[o + s3] - diff[o + s3 + 1] + diff[o + s3 + 2] - diff[o + s3 + 3];
                    int r32 = diff[o + s3] + diff[o + s3 + 1] - diff[o + s3 + 2] - diff[o + s3 + 3];
                    int r33 = diff[o + s3] - diff[o + s3 + 1] - diff[o + s3 + 2] + diff[o + s3 + 3];
                    total += col(r00, r10, r20, r30) + col(r01, r11, r21, r31) + col(r02, r12, r22, r32) + col(r03, r13, r23, r33);
                }
            }
            return total / 2;
        }

        private static int col(int a, int b, int c, int d) {
            return Math.abs(a + b + c + d) + Math.abs(a - b + c - d) + Math.abs(a + b - c - d) + Math.abs(a - b - c + d);
        }
    }

    // ------------------------------------------------------------------ in-loop filter stage

    static final class LoopFilter {
        static void apply(Engine e) {
            if (DEBLOCK == 0) {
                return;
            }
            if (DEBLOCK == 1) {
                int s = (int) Math.round(e.step * DEBLOCK_SCALE);
                Deblock.filter(e.rec[0], 8, s);
                Deblock.filter(e.rec[1], 8, (int) Math.round(e.chromaStep * DEBLOCK_SCALE));
                Deblock.filter(e.rec[2], 8, (int) Math.round(e.chromaStep * DEBLOCK_SCALE));
                return;
            }
            double log = Math.log(Math.max(e.step, 0.7) / 0.625) / Math.log(2);
            int alpha = (int) Math.round(DEBLOCK_SCALE * 1.25 * e.step);
            int beta = (int) Math.round(DEBLOCK_SCALE * Math.max(0, 3 * log - 7));
            if (alpha < 1 || beta < 1) {
                return;
            }
            int[] tc = {0, (int) Math.round(DEBLOCK_SCALE * e.step / 20), (int) Math.round(DEBLOCK_SCALE * e.step / 12)};
            for (int dir = 0; dir < 2; dir++) {
                edges(e, dir, alpha, beta, tc);
            }
        }

        /** dir 0: vertical edges (filter across x), 1: horizontal edges. */
        private static void edges(Engine e, int dir, int alpha, int beta, int[] tc) {
            int cols4 = e.cols4;
            int rows4 = e.lh / 4;
            byte[] y = e.rec[0].data();
            int w = e.lw;
            int cw = w / 2;
            for (int v4 = 0; v4 < rows4; v4++) {
                for (int u4 = 0; u4 < cols4; u4++) {
                    int x4 = u4;
                    int y4 = v4;
                    if ((dir == 0 ? x4 : y4) == 0) {
                        continue;
                    }
                    int q = y4 * cols4 + x4;
                    int p = dir == 0 ? q - 1 : q - cols4;
                    boolean edge8 = (dir == 0 ? x4 : y4) % 2 == 0;
                    if (!edge8 && !e.small4[q]) {
                        continue; // inside an 8x8 transform block: no block edge here
                    }
                    int bs;
                    if (e.intra4[p] || e.intra4[q]) {
                        bs = 2;
                    } else if (e.nz4[p] || e.nz4[q] || Math.abs(e.mvx4[p] - e.mvx4[q]) >= 4 || Math.abs(e.mvy4[p] - e.mvy4[q]) >= 4
                            || e.dir4[p] != e.dir4[q] || Math.abs(e.mvx4b[p] - e.mvx4b[q]) >= 4 || Math.abs(e.mvy4b[p] - e.mvy4b[q]) >= 4) {
                        bs = 1;
                    } else {
                        bs = 0;
                    }
                    if (bs == 0) {
                        continue;
                    }
                    int t0 = tc[bs];
                    int step = dir == 0 ? 1 : w;
                    for (int k = 0; k < 4; k++) {
                        int pos = dir == 0 ? (y4 * 4 + k) * w + x4 * 4 : (y4 * 4) * w + x4 * 4 + k;
                        lumaEdge(y, pos, step, alpha, beta, t0);
                    }
                    if (edge8) {
                        // chroma: edges every 4 chroma samples (8 luma), 2 chroma samples per 4x4 luma unit
                        int cstep = dir == 0 ? 1 : cw;
                        for (int c = 1; c <= 2; c++) {
                            byte[] d = e.rec[c].data();
                            for (int k = 0; k < 2; k++) {
                                int pos = dir == 0 ? (y4 * 2 + k) * cw + x4 * 2 : (y4 * 2) * cw + x4 * 2 + k;
                                chromaEdge(d, pos, cstep, alpha, beta, t0 + 1);
                            }
                        }
                    }
                }
            }
        }

        private static void lumaEdge(byte[] d, int q, int s, int alpha, int beta, int tc0) {
            int p0 = d[q - s] & 0xFF;
            int q0 = d[q] & 0xFF;
            if (Math.abs(p0 - q0) >= alpha) {
                return;
            }
            int p1 = d[q - 2 * s] & 0xFF;
            int q1 = d[q + s] & 0xFF;
            if (Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
                return;
            }
            int p2 = d[q - 3 * s] & 0xFF;
            int q2 = d[q + 2 * s] & 0xFF;
            boolean ap = Math.abs(p2 - p0) < beta;
            boolean aq = Math.abs(q2 - q0) < beta;
            int tc = tc0 + (ap ? 1 : 0) + (aq ? 1 : 0);
            int delta = Planes.clamp((4 * (q0 - p0) + (p1 - q1) + 4) >> 3, -tc, tc);
            d[q - s] = (byte) Planes.clamp255(p0 + delta);
            d[q] = (byte) Planes.clamp255(q0 - delta);
            if (ap && tc0 > 0) {
                d[q - 2 * s] = (byte) (p1 + Planes.clamp((p2 + ((p0 + q0 + 1) >> 1) - 2 * p1) >> 1, -tc0, tc0));
            }
            if (aq && tc0 > 0) {
                d[q + s] = (byte) (q1 + Planes.clamp((q2 + ((p0 + q0 + 1) >> 1) - 2 * q1) >> 1, -tc0, tc0));
            }
        }

        private static void chromaEdge(byte[] d, int q, int s, int alpha, int beta, int tc) {
            int p0 = d[q - s] & 0xFF;
            int q0 = d[q] & 0xFF;
            int p1 = d[q - 2 * s] & 0xFF;
            int q1 = d[q + s] & 0xFF;
            if (Math.abs(p0 - q0) >= alpha || Math.abs(p1 - p0) >= beta || Math.abs(q1 - q0) >= beta) {
                return;
            }
            int delta = Planes.clamp((4 * (q0 - p0) + (p1 - q1) + 4) >> 3, -tc, tc);
            d[q - s] = (byte) Planes.clamp255(p0 + delta);
            d[q] = (byte) Planes.clamp255(q0 - delta);
        }
    }

    // ------------------------------------------------------------------ encoder: decisions

    /** The encoder's decisions: motion search, intra modes, quantisation with RDOQ, and the macroblock mode by RD cost. */
    static final class ModeDecision {
        private final Engine e;
        private final int[] srcY = new int[256];
        private final int[] srcU = new int[64];
        private final int[] srcV = new int[64];
        private final int[] sub = new int[256];
        private final int[] res = new int[64];
        private final int[] predBuf = new int[256];
        private final Mb best = new Mb();
        private final Mb cand = new Mb();
        private final int[][] neighbourMv = new int[4][2];
        private final int[] biBuf = new int[256];
        // what search() looks in: a reference and the neighbours' vectors of the same list
        private Prediction.Ref sRef;
        private int[] sMvx;
        private int[] sMvy;

        ModeDecision(Engine e) {
            this.e = e;
        }

        void choose(Plane[] src, int mx, int my, Mb out) {
            int x = mx * MB;
            int y = my * MB;
            Planes.getBlock(src[0], x, y, MB, MB, srcY);
            Planes.getBlock(src[1], x / 2, y / 2, 8, 8, srcU);
            Planes.getBlock(src[2], x / 2, y / 2, 8, 8, srcV);
            int[] sizes = TRANSFORM_SIZE == 0 ? new int[] {8, 4} : new int[] {TRANSFORM_SIZE};
            double bestJ = Double.MAX_VALUE;
            if (e.intraFrame) {
                for (int n : sizes) {
                    intra(cand, mx, my, n);
                    double j = sizes.length == 1 ? 0 : rd(cand, mx, my);
                    if (j < bestJ) {
                        bestJ = j;
                        best.copyFrom(cand);
                    }
                }
                out.copyFrom(best);
                return;
            }
            if (e.bFrame) {
                chooseB(mx, my, sizes, out);
                return;
            }
            int x4 = mx * 4;
            int y4 = my * 4;
            best.type = -1;
            cand.dir = FWD;
            sRef = e.ref;
            sMvx = e.mvx4;
            sMvy = e.mvy4;
            int[] pmv = e.mvPredictor(x4, y4, 4);
            int[] mv16 = search(x, y, MB, srcY, pmv, null);
            int sad16 = e.pred.satd(e.ref, srcY, x, y, MB, mv16[0], mv16[1]) + mvCost(mv16, pmv);
            if (MODE_DECISION == 0) {
                heuristic(out, mx, my, pmv, mv16, sad16, sizes[0]);
                return;
            }
            // SKIP
            if (SKIP_MODE == 1) {
                cand.type = SKIP;
                cand.n = sizes[0];
                Arrays.fill(cand.mvx, pmv[0]);
                Arrays.fill(cand.mvy, pmv[1]);
                bestJ = rd(cand, mx, my);
                best.copyFrom(cand);
            }
            for (int n : sizes) {
                inter(cand, mx, my, n, INTER16, mv16);
                double j = rd(cand, mx, my);
                if (j < bestJ) {
                    bestJ = j;
                    best.copyFrom(cand);
                }
            }
            boolean skipWins = best.type == SKIP;
            if (PARTITION_MIN == 8 && !skipWins) {
                int[][] mv8 = search8(mx, my, mv16);
                int satd8 = 0;
                for (int k = 0; k < 4; k++) {
                    satd8 += mv8[k][2];
                }
                if (satd8 < sad16 + sad16 / 8) { // only worth the RD check when the split predicts clearly better
                    for (int n : sizes) {
                        for (int k = 0; k < 4; k++) {
                            cand.mvx[k] = mv8[k][0];
                            cand.mvy[k] = mv8[k][1];
                        }
                        inter(cand, mx, my, n, INTER8, null);
                        double j = rd(cand, mx, my);
                        if (j < bestJ) {
                            bestJ = j;
                            best.copyFrom(cand);
                        }
                    }
                }
            }
            tryIntra(mx, my, sizes, skipWins, sad16, bestJ);
            out.copyFrom(best);
        }

        /**
         * B macroblock: skip (both predicted vectors, averaged), one 16x16 vector forward, backward or one each way
         * averaged, or intra. The two directions with the lowest SATD + vector cost get the full RD check.
         */
        private void chooseB(int mx, int my, int[] sizes, Mb out) {
            int x = mx * MB;
            int y = my * MB;
            int[] pmv0 = e.mvPredictor(0, mx * 4, my * 4, 4);
            int[] pmv1 = e.mvPredictor(1, mx * 4, my * 4, 4);
            sRef = e.ref;
            sMvx = e.mvx4;
            sMvy = e.mvy4;
            int[] mv0 = search(x, y, MB, srcY, pmv0, null);
            sRef = e.ref1;
            sMvx = e.mvx4b;
            sMvy = e.mvy4b;
            int[] mv1 = search(x, y, MB, srcY, pmv1, null);
            int[] cost = new int[3];
            cost[FWD] = e.pred.satd(e.ref, srcY, x, y, MB, mv0[0], mv0[1]) + mvCost(mv0, pmv0);
            cost[BWD] = e.pred.satd(e.ref1, srcY, x, y, MB, mv1[0], mv1[1]) + mvCost(mv1, pmv1);
            e.pred.luma(e.ref, x, y, MB, mv0[0], mv0[1], predBuf);
            e.pred.luma(e.ref1, x, y, MB, mv1[0], mv1[1], biBuf);
            Engine.average(predBuf, biBuf, 256);
            for (int i = 0; i < 256; i++) {
                sub[i] = srcY[i] - predBuf[i];
            }
            cost[BI] = Satd.of(sub, MB) + mvCost(mv0, pmv0) + mvCost(mv1, pmv1);
            double bestJ = Double.MAX_VALUE;
            best.type = -1;
            if (SKIP_MODE == 1) {
                cand.type = SKIP;
                cand.dir = BI;
                cand.n = sizes[0];
                setVectors(cand, pmv0, pmv1);
                bestJ = rd(cand, mx, my);
                best.copyFrom(cand);
            }
            int worst = cost[FWD] >= cost[BWD] && cost[FWD] >= cost[BI] ? FWD : cost[BWD] >= cost[BI] ? BWD : BI;
            for (int dir = FWD; dir <= BI; dir++) {
                if (dir == worst) {
                    continue;
                }
                for (int n : sizes) {
                    cand.dir = dir;
                    setVectors(cand, mv0, mv1);
                    inter(cand, mx, my, n, INTER16, null);
                    double j = rd(cand, mx, my);
                    if (j < bestJ) {
                        bestJ = j;
                        best.copyFrom(cand);
                    }
                }
            }
            tryIntra(mx, my, sizes, best.type == SKIP, Math.min(cost[FWD], Math.min(cost[BWD], cost[BI])), bestJ);
            out.copyFrom(best);
        }

        /**
         * Intra gets the full RD check only when its SATD estimate comes near the best inter prediction's (closer still
         * when skip already won); keeps the better of it and {@link #best} (cost {@code bestJ}) in {@link #best}.
         */
        private void tryIntra(int mx, int my, int[] sizes, boolean skipWins, int interSatd, double bestJ) {
            if (intraSatd(mx, my) < (skipWins ? interSatd * 0.7 : interSatd * 1.2)) {
                for (int n : sizes) {
                    intra(cand, mx, my, n);
                    double j = rd(cand, mx, my);
                    if (j < bestJ) {
                        bestJ = j;
                        best.copyFrom(cand);
                    }
                }
            }
        }

        private static void setVectors(Mb d, int[] forward, int[] backward) {
            Arrays.fill(d.mvx, forward[0]);
            Arrays.fill(d.mvy, forward[1]);
            Arrays.fill(d.mvx1, backward[0]);
            Arrays.fill(d.mvy1, backward[1]);
        }

        /** MODE_DECISION = 0: InterCodec-like choices from SAD/SATD only. */
        private void heuristic(Mb out, int mx, int my, int[] pmv, int[] mv16, int sad16, int n) {
            out.dir = FWD;
            int intraEstimate = intraSatd(mx, my);
            if (intraEstimate < sad16) {
                intra(out, mx, my, n);
                return;
            }
            if (PARTITION_MIN == 8) {
                int[][] mv8 = search8(mx, my, mv16);
                int satd8 = (int) Math.round(4 * Math.sqrt(e.lambda));
                for (int k = 0; k < 4; k++) {
                    satd8 += mv8[k][2];
                }
                if (satd8 < sad16) {
                    for (int k = 0; k < 4; k++) {
                        out.mvx[k] = mv8[k][0];
                        out.mvy[k] = mv8[k][1];
                    }
                    inter(out, mx, my, n, INTER8, null);
                    return;
                }
            }
            inter(out, mx, my, n, INTER16, mv16);
            if (SKIP_MODE == 1 && mv16[0] == pmv[0] && mv16[1] == pmv[1] && allZero(out)) {
                out.type = SKIP;
            }
        }

        private static boolean allZero(Mb d) {
            for (int[] l : d.levels) {
                for (int v : l) {
                    if (v != 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** J = SSE + lambda x bits of a fully decided candidate (it is reconstructed into the frame, then overwritten by the winner). */
        private double rd(Mb d, int mx, int my) {
            CostIo c = new CostIo();
            e.syntax(c, d, mx, my, true);
            e.reconstruct(d, mx, my);
            int x = mx * MB;
            int y = my * MB;
            long sse = sse(e.rec[0], x, y, MB, srcY) + sse(e.rec[1], x / 2, y / 2, 8, srcU) + sse(e.rec[2], x / 2, y / 2, 8, srcV);
            return sse + e.lambda * c.bits;
        }

        private static long sse(Plane p, int x, int y, int size, int[] src) {
            long s = 0;
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    int d = p.get(x + i, y + j) - src[j * size + i];
                    s += d * d;
                }
            }
            return s;
        }

        // ---------------- inter

        private int mvCost(int[] mv, int[] pmv) {
            int shift = SUBPEL == 4 ? 0 : (SUBPEL == 2 ? 1 : 2);
            double bits = egBits(Math.abs(mv[0] - pmv[0]) >> shift) + egBits(Math.abs(mv[1] - pmv[1]) >> shift);
            return (int) (Math.sqrt(e.lambda) * bits);
        }

        private static int egBits(int v) {
            return 2 * (31 - Integer.numberOfLeadingZeros(v + 1)) + 1 + (v > 0 ? 1 : 0);
        }

        /** Integer diamond search around the best of the predictor and neighbour candidates, then half- and quarter-pel refinement (SATD). */
        private int[] search(int x, int y, int size, int[] block, int[] pmv, int[] extra) {
            Prediction pr = e.pred;
            int[] bestMv = {pmv[0] & ~3, pmv[1] & ~3};
            int bestCost = pr.sad(sRef, block, x, y, size, bestMv[0], bestMv[1], Integer.MAX_VALUE) + mvCost(bestMv, pmv);
            int cands = 1;
            neighbourMv[0][0] = extra == null ? 0 : extra[0];
            neighbourMv[0][1] = extra == null ? 0 : extra[1];
            if (extra == null) {
                int x4 = x / 4;
                int y4 = y / 4;
                if (e.available4(x4 - 1, y4)) {
                    neighbourMv[cands][0] = sMvx[y4 * e.cols4 + x4 - 1];
                    neighbourMv[cands++][1] = sMvy[y4 * e.cols4 + x4 - 1];
                }
                if (e.available4(x4, y4 - 1)) {
                    neighbourMv[cands][0] = sMvx[(y4 - 1) * e.cols4 + x4];
                    neighbourMv[cands++][1] = sMvy[(y4 - 1) * e.cols4 + x4];
                }
            }
            int[] mv = new int[2];
            for (int c = 0; c < cands; c++) {
                mv[0] = neighbourMv[c][0] & ~3;
                mv[1] = neighbourMv[c][1] & ~3;
                int cost = pr.sad(sRef, block, x, y, size, mv[0], mv[1], bestCost) + mvCost(mv, pmv);
                if (cost < bestCost) {
                    bestCost = cost;
                    bestMv[0] = mv[0];
                    bestMv[1] = mv[1];
                }
            }
            int range = 4 * SEARCH_RANGE;
            int cx = pmv[0] & ~3;
            int cy = pmv[1] & ~3;
            for (int stepPel = size == MB ? 4 : 1; stepPel >= 1; stepPel >>= 1) {
                boolean moved = true;
                for (int it = 0; moved && it < SEARCH_RANGE; it++) {
                    moved = false;
                    int bx = bestMv[0];
                    int by = bestMv[1];
                    for (int dir = 0; dir < 4; dir++) {
                        mv[0] = bx + (dir == 0 ? 4 : dir == 1 ? -4 : 0) * stepPel;
                        mv[1] = by + (dir == 2 ? 4 : dir == 3 ? -4 : 0) * stepPel;
                        if (Math.abs(mv[0] - cx) > range || Math.abs(mv[1] - cy) > range) {
                            continue;
                        }
                        int cost = pr.sad(sRef, block, x, y, size, mv[0], mv[1], bestCost) + mvCost(mv, pmv);
                        if (cost < bestCost) {
                            bestCost = cost;
                            bestMv[0] = mv[0];
                            bestMv[1] = mv[1];
                            moved = true;
                        }
                    }
                }
            }
            if (SUBPEL == 1) {
                return bestMv;
            }
            int bestSatd = pr.satd(sRef, block, x, y, size, bestMv[0], bestMv[1]) + mvCost(bestMv, pmv);
            for (int d = 2; d >= (SUBPEL == 4 ? 1 : 2); d >>= 1) {
                int bx = bestMv[0];
                int by = bestMv[1];
                for (int j = -1; j <= 1; j++) {
                    for (int i = -1; i <= 1; i++) {
                        if (i == 0 && j == 0) {
                            continue;
                        }
                        mv[0] = bx + i * d;
                        mv[1] = by + j * d;
                        int cost = pr.satd(sRef, block, x, y, size, mv[0], mv[1]) + mvCost(mv, pmv);
                        if (cost < bestSatd) {
                            bestSatd = cost;
                            bestMv[0] = mv[0];
                            bestMv[1] = mv[1];
                        }
                    }
                }
            }
            return bestMv;
        }

        /** Four 8x8 vectors searched around the 16x16 one; each with its SATD + vector cost in [k][2]. */
        private int[][] search8(int mx, int my, int[] mv16) {
            int[][] out = new int[4][3];
            int x4 = mx * 4;
            int y4 = my * 4;
            int[] blk = new int[64];
            for (int k = 0; k < 4; k++) {
                int ox = (k & 1) * 8;
                int oy = (k >> 1) * 8;
                for (int j = 0; j < 8; j++) {
                    System.arraycopy(srcY, (oy + j) * MB + ox, blk, j * 8, 8);
                }
                int px4 = x4 + ox / 4;
                int py4 = y4 + oy / 4;
                int[] pmv = e.mvPredictor(px4, py4, 2);
                int[] start = {mv16[0], mv16[1]};
                int[] mv = searchFrom(mx * MB + ox, my * MB + oy, blk, pmv, start);
                out[k][0] = mv[0];
                out[k][1] = mv[1];
                out[k][2] = e.pred.satd(e.ref, blk, mx * MB + ox, my * MB + oy, 8, mv[0], mv[1]) + mvCost(mv, pmv);
                e.setUnits(px4, py4, 2, 2, mv[0], mv[1], false); // the next partitions' predictors see this vector
            }
            return out;
        }

        private int[] searchFrom(int x, int y, int[] blk, int[] pmv, int[] start) {
            int[] a = search(x, y, 8, blk, pmv, start);
            int costA = e.pred.satd(e.ref, blk, x, y, 8, a[0], a[1]) + mvCost(a, pmv);
            int costS = e.pred.satd(e.ref, blk, x, y, 8, start[0], start[1]) + mvCost(start, pmv);
            return costS < costA ? start : a;
        }

        /** Inter candidate: predictions, residual levels for luma and chroma. */
        private void inter(Mb d, int mx, int my, int n, int type, int[] mv) {
            d.type = type;
            d.n = n;
            if (mv != null) {
                Arrays.fill(d.mvx, mv[0]);
                Arrays.fill(d.mvy, mv[1]);
            }
            int x = mx * MB;
            int y = my * MB;
            for (int k = 0; k < 4; k++) {
                e.predictLuma(d, k, x + (k & 1) * 8, y + (k >> 1) * 8, res);
                for (int j = 0; j < 8; j++) {
                    System.arraycopy(res, j * 8, predBuf, ((k >> 1) * 8 + j) * MB + (k & 1) * 8, 8);
                }
            }
            lumaLevels(d, n, predBuf, false);
            for (int p = 1; p <= 2; p++) {
                for (int k = 0; k < 4; k++) {
                    e.predictChroma(d, p, k, x / 2 + (k & 1) * 4, y / 2 + (k >> 1) * 4, res);
                    for (int j = 0; j < 4; j++) {
                        System.arraycopy(res, j * 4, sub, ((k >> 1) * 4 + j) * 8 + (k & 1) * 4, 4);
                    }
                }
                chromaLevels(d, p, n, sub, false);
            }
        }

        private void lumaLevels(Mb d, int n, int[] prediction, boolean intra) {
            int per = MB / n;
            for (int k = 0; k < per * per; k++) {
                int ox = (k % per) * n;
                int oy = (k / per) * n;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        int a = (oy + j) * MB + ox + i;
                        res[j * n + i] = srcY[a] - prediction[a];
                    }
                }
                quantize(res, n, e.step, intra, d.levels[k], (n == 4 ? 4 : 0) + (intra ? 0 : 1));
            }
        }

        private void chromaLevels(Mb d, int p, int n, int[] prediction, boolean intra) {
            int[] s = p == 1 ? srcU : srcV;
            int per = 8 / n;
            for (int k = 0; k < per * per; k++) {
                int ox = (k % per) * n;
                int oy = (k / per) * n;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        int a = (oy + j) * 8 + ox + i;
                        res[j * n + i] = s[a] - prediction[a];
                    }
                }
                quantize(res, n, e.chromaStep, intra, d.levels[16 + (p - 1) * 4 + k], (n == 4 ? 4 : 0) + (intra ? 2 : 3));
            }
        }

        // ---------------- quantisation stage

        private final int[] qc = new int[64];
        private final int[] trial = new int[64];

        /** Transform and quantise a residual; with RDOQ each level may drop by one (or a sparse block to zero) when SSE + lambda x bits falls. */
        void quantize(int[] residual, int n, double step, boolean intra, int[] levels, int type) {
            int nn = n * n;
            Dct.forward(Arrays.copyOf(residual, nn), qc, n);
            double rounding = intra ? INTRA_ROUNDING : INTER_ROUNDING;
            int nz = Quant.quantizeBlock(Arrays.copyOf(qc, nn), levels, step, null, rounding);
            if (RDOQ == 0 || nz == 0) {
                return;
            }
            Contexts c = e.ctx;
            int[] order = ZigZag.order(n);
            int shift = n == 8 ? 2 : 0;
            double lambda = e.lambda * (step * step) / (e.step * e.step);
            for (int s = 0; s < nn; s++) {
                int i = order[s];
                int a = Math.abs(levels[i]);
                if (a == 0) {
                    continue;
                }
                double coef = Math.abs(qc[i]);
                int pc = Math.min(15, s >> shift);
                double da = (coef - a * step) * (coef - a * step);
                double db = (coef - (a - 1) * step) * (coef - (a - 1) * step);
                double ra = levelBits(c, type, pc, a);
                double rb = levelBits(c, type, pc, a - 1);
                if (db + lambda * rb < da + lambda * ra) {
                    levels[i] = levels[i] > 0 ? a - 1 : -(a - 1);
                }
            }
            // a sparse block may cost more bits than it saves distortion: compare with dropping it
            int count = 0;
            double dCoded = 0;
            double dZero = 0;
            for (int i = 0; i < nn; i++) {
                if (levels[i] != 0) {
                    count++;
                }
                double r = qc[i] - levels[i] * step;
                dCoded += r * r;
                dZero += (double) qc[i] * qc[i];
            }
            if (count == 0 || count > 4 || ENTROPY == 0) {
                return;
            }
            CostIo io = new CostIo();
            System.arraycopy(levels, 0, trial, 0, nn);
            e.codeBlock(io, trial, n, type, 0, true);
            double zeroBits = CostIo.cost(c.cbf[type][0], 0);
            if (dZero + lambda * zeroBits <= dCoded + lambda * io.bits) {
                Arrays.fill(levels, 0, nn, 0);
            }
        }

        private static double levelBits(Contexts c, int type, int pc, int a) {
            if (ENTROPY == 0) {
                return a == 0 ? 0 : 2 + 2 * (31 - Integer.numberOfLeadingZeros(a));
            }
            if (a == 0) {
                return CostIo.cost(c.sig[type][pc], 0);
            }
            double bits = CostIo.cost(c.sig[type][pc], 1) + 1;
            if (a == 1) {
                return bits + CostIo.cost(c.gt1[type][1], 0);
            }
            bits += CostIo.cost(c.gt1[type][1], 1);
            int r = a - 2;
            BitModel[] rem = c.rem[type];
            for (int k = 0; k < Math.min(r + 1, rem.length); k++) {
                bits += CostIo.cost(rem[k], k < r ? 1 : 0);
            }
            if (r >= rem.length) {
                bits += egBits(r - rem.length);
            }
            return bits;
        }

        // ---------------- intra

        /** SATD of the best DC/V/H prediction of the 16x16 luma (for deciding whether intra is worth a full RD check). */
        private int intraSatd(int mx, int my) {
            int x = mx * MB;
            int y = my * MB;
            int best = Integer.MAX_VALUE;
            for (int mode = 0; mode < Math.min(3, INTRA_MODES); mode++) {
                IntraPredictor.predict(e.rec[0], x, y, MB, mode, false, predBuf);
                for (int i = 0; i < 256; i++) {
                    sub[i] = srcY[i] - predBuf[i];
                }
                best = Math.min(best, Satd.of(sub, MB));
            }
            return best + (int) (8 * Math.sqrt(e.lambda));
        }

        /** Intra candidate: per-block modes by SATD + mode bits, blocks reconstructed in order so later ones predict from them. */
        private void intra(Mb d, int mx, int my, int n) {
            d.type = INTRA;
            d.n = n;
            int x = mx * MB;
            int y = my * MB;
            int per = MB / n;
            int nn = n * n;
            int[] p = new int[nn];
            int[] bestP = new int[nn];
            int[] s = new int[nn];
            double sl = Math.sqrt(e.lambda);
            for (int k = 0; k < per * per; k++) {
                int bx = x + (k % per) * n;
                int by = y + (k / per) * n;
                for (int j = 0; j < n; j++) {
                    System.arraycopy(srcY, (by - y + j) * MB + bx - x, s, j * n, n);
                }
                int x4 = bx / 4;
                int y4 = by / 4;
                int left = e.available4(x4 - 1, y4) ? e.mode4[y4 * e.cols4 + x4 - 1] : 0;
                int top = e.available4(x4, y4 - 1) ? e.mode4[(y4 - 1) * e.cols4 + x4] : 0;
                int mpm = Math.min(left, top);
                boolean tr = e.trAvailable(bx, by, n, x, y);
                int bestMode = 0;
                double bestCost = Double.MAX_VALUE;
                for (int mode = 0; mode < INTRA_MODES; mode++) {
                    IntraPredictor.predict(e.rec[0], bx, by, n, mode, tr, p);
                    for (int i = 0; i < nn; i++) {
                        res[i] = s[i] - p[i];
                    }
                    double cost = Satd.of(res, n) + sl * (INTRA_MODES == 1 ? 0 : (mode == mpm ? 1 : 4));
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestMode = mode;
                        System.arraycopy(p, 0, bestP, 0, nn);
                    }
                }
                d.modes[k] = bestMode;
                for (int i = 0; i < nn; i++) {
                    res[i] = s[i] - bestP[i];
                }
                quantize(res, n, e.step, true, d.levels[k], n == 4 ? 4 : 0);
                e.addResidual(e.rec[0], bx, by, n, d.levels[k], bestP, e.step);
                for (int j = 0; j < n / 4; j++) {
                    for (int i = 0; i < n / 4; i++) {
                        int u = (y4 + j) * e.cols4 + x4 + i;
                        e.mode4[u] = bestMode;
                        e.stamp4[u] = e.frameNo;
                        e.intra4[u] = true;
                    }
                }
            }
            int bestC = 0;
            int bestCost = Integer.MAX_VALUE;
            for (int mode = 0; mode < Math.min(4, INTRA_MODES); mode++) {
                int cost = 0;
                for (int pl = 1; pl <= 2; pl++) {
                    IntraPredictor.predict(e.rec[pl], x / 2, y / 2, 8, mode, false, predBuf);
                    int[] sc = pl == 1 ? srcU : srcV;
                    for (int i = 0; i < 64; i++) {
                        sub[i] = sc[i] - predBuf[i];
                    }
                    cost += Satd.of(sub, 8);
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    bestC = mode;
                }
            }
            d.chromaMode = bestC;
            for (int pl = 1; pl <= 2; pl++) {
                IntraPredictor.predict(e.rec[pl], x / 2, y / 2, 8, bestC, false, predBuf);
                System.arraycopy(predBuf, 0, sub, 0, 64);
                chromaLevels(d, pl, n, sub, true);
            }
        }
    }


    // ------------------------------------------------------------------ GOP stage

    /**
     * Coding order, frame types and references, which encoder and decoder both derive from the frame count
     * ({@link Gop#hierarchical}): anchors (I or P) every {@code BFRAMES + 1} frames and at every key frame, the
     * frames between two anchors coded as a pyramid (middle first), each B frame from the nearest coded frames
     * on both sides.
     */
    static final class GopPlan {
        final int[] order;    // display index at each coding position
        final boolean[] intra; // per display index
        final int[] level;    // per display index: 0 anchor, else depth in the B pyramid
        final int[] anchorNo; // per display index: count of anchors before it (the P cascade), -1 for B frames
        final int[] fwd;      // per display index: forward reference, -1 none
        final int[] bwd;      // per display index: backward reference (B frames), -1 none
        final int[] lastUse;  // per display index: last coding position that predicts from it, -1 none

        GopPlan(int frames) {
            order = new int[frames];
            intra = new boolean[frames];
            level = new int[frames];
            anchorNo = new int[frames];
            fwd = new int[frames];
            bwd = new int[frames];
            lastUse = new int[frames];
            Arrays.fill(anchorNo, -1);
            Arrays.fill(lastUse, -1);
            List<Gop.Picture> pictures = frames == 0 ? List.of() : Gop.hierarchical(frames, BFRAMES + 1, KEY_INTERVAL);
            int anchors = 0;
            for (int p = 0; p < pictures.size(); p++) {
                Gop.Picture pic = pictures.get(p);
                int f = pic.display();
                order[p] = f;
                intra[f] = pic.type() == Gop.Type.I;
                level[f] = pic.layer();
                anchorNo[f] = pic.type() == Gop.Type.B ? -1 : anchors++;
                fwd[f] = pic.forward();
                bwd[f] = pic.backward();
                for (int r : new int[] {fwd[f], bwd[f]}) {
                    if (r >= 0) {
                        lastUse[r] = p;
                    }
                }
            }
        }

        boolean intra(int f) {
            return intra[f];
        }
    }

    /** Walks the {@link GopPlan} for encoder and decoder alike, keeping each reference only while a later frame needs it. */
    static final class Sequence {
        final GopPlan plan;
        final Engine e;
        private final Prediction.Ref[] refs;
        private int pos;

        Sequence(Engine e, int frames) {
            this.e = e;
            this.plan = new GopPlan(frames);
            this.refs = new Prediction.Ref[frames];
        }

        boolean done() {
            return pos >= plan.order.length;
        }

        /** Display index of the next frame in coding order. */
        int next() {
            return plan.order[pos];
        }

        /** Starts the next frame in coding order and returns its display index. */
        int start() {
            int f = plan.order[pos];
            e.startFrame(plan, f, plan.fwd[f] < 0 ? null : refs[plan.fwd[f]], plan.bwd[f] < 0 ? null : refs[plan.bwd[f]]);
            return f;
        }

        /** Ends the frame started last: its reference is kept while needed, references it was the last user of are dropped. */
        Frame end() {
            int f = plan.order[pos];
            Frame out = e.endFrame(plan.lastUse[f] > pos);
            refs[f] = e.built;
            for (int r : new int[] {plan.fwd[f], plan.bwd[f]}) {
                if (r >= 0 && plan.lastUse[r] == pos) {
                    refs[r] = null;
                }
            }
            pos++;
            return out;
        }
    }

    static final class HybridEncoder implements Encoder {
        private final StreamHeader header;
        private final int quality;
        private final Engine e;
        private final WriteIo io = new WriteIo();
        private final ModeDecision decide;
        private final Sequence seq;
        private final Plane[][] pending; // source frames given but not yet coded (B frames wait for their anchor)
        private int given;

        HybridEncoder(StreamHeader header, int quality) {
            this.header = header;
            this.quality = quality;
            this.e = new Engine(header.width(), header.height(), quality);
            this.decide = new ModeDecision(e);
            this.seq = new Sequence(e, header.frameCount());
            this.pending = new Plane[header.frameCount()][];
        }

        @Override
        public void encode(Frame frame) {
            if (given >= header.frameCount()) {
                throw new IllegalStateException("HybridCodec was given more than the " + header.frameCount() + " frames its header announced");
            }
            pending[given++] = new Plane[] {
                Planes.pad(Plane.of(frame, 0), e.lw, e.lh),
                Planes.pad(Plane.of(frame, 1), e.lw / 2, e.lh / 2),
                Planes.pad(Plane.of(frame, 2), e.lw / 2, e.lh / 2)};
            while (!seq.done() && pending[seq.next()] != null) {
                Plane[] src = pending[seq.next()];
                pending[seq.start()] = null;
                Mb d = new Mb();
                for (int my = 0; my < e.mbRows; my++) {
                    for (int mx = 0; mx < e.mbCols; mx++) {
                        decide.choose(src, mx, my, d);
                        e.syntax(io, d, mx, my, true);
                        e.reconstruct(d, mx, my);
                    }
                }
                seq.end();
            }
        }

        @Override
        public byte[] finish() {
            for (int f = 0; f < given; f++) {
                if (pending[f] != null) {
                    throw new IllegalStateException("HybridCodec got " + given + " of the " + header.frameCount()
                            + " frames its header announced; frame " + f + " waits for a later anchor (BFRAMES = " + BFRAMES + ")");
                }
            }
            byte[] payload = io.enc.finish();
            byte[] out = new byte[2 + payload.length];
            out[0] = (byte) MAGIC;
            out[1] = (byte) quality;
            System.arraycopy(payload, 0, out, 2, payload.length);
            return out;
        }
    }

    static final class HybridDecoder implements Decoder {
        private final StreamHeader header;
        private final Engine e;
        private final ReadIo io;
        private final Sequence seq;
        private final Frame[] ready; // decoded frames waiting for their turn in display order
        private int index;

        HybridDecoder(StreamHeader header, byte[] bitstream) {
            if (bitstream.length < 2 || bitstream[0] != MAGIC) {
                throw new BitstreamException("not a HybridCodec stream: missing or bad 2-byte header");
            }
            int quality = bitstream[1];
            if (quality < MIN_QUALITY || quality > MAX_QUALITY) {
                throw new BitstreamException("HybridCodec header has quality " + quality + "; expected 0..100");
            }
            this.header = header;
            this.e = new Engine(header.width(), header.height(), quality);
            this.io = new ReadIo(new RangeDecoder(bitstream, 2, bitstream.length - 2));
            this.seq = new Sequence(e, header.frameCount());
            this.ready = new Frame[header.frameCount()];
        }

        @Override
        public Frame decode() {
            if (index >= header.frameCount()) {
                throw new IllegalStateException("all " + header.frameCount() + " frames were already decoded");
            }
            while (ready[index] == null) {
                int f = seq.start();
                Mb d = new Mb();
                for (int my = 0; my < e.mbRows; my++) {
                    for (int mx = 0; mx < e.mbCols; mx++) {
                        e.syntax(io, d, mx, my, false);
                        e.reconstruct(d, mx, my);
                    }
                }
                ready[f] = seq.end();
            }
            Frame out = ready[index];
            ready[index++] = null;
            return out;
        }
    }
}
