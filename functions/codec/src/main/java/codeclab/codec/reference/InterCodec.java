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
import codeclab.codec.toolkit.MotionSearch;
import codeclab.codec.toolkit.MotionVector;
import codeclab.codec.toolkit.Plane;
import codeclab.codec.toolkit.Planes;
import codeclab.codec.toolkit.Quant;
import codeclab.codec.toolkit.RangeDecoder;
import codeclab.codec.toolkit.RangeEncoder;
import codeclab.codec.toolkit.ZigZag;
import java.util.Arrays;

/**
 * Reference codec 2: motion-compensated prediction and adaptive entropy coding (an H.263/H.264-like
 * design kept small).
 *
 * <ul>
 *   <li>GOP: an I frame every {@link #KEY_INTERVAL} frames, P frames in between, each predicted from
 *       the previous reconstructed (deblocked) frame.</li>
 *   <li>16x16 macroblocks (8x8 per chroma plane). In P frames a macroblock is SKIP (predicted vector,
 *       no residual), INTER (half-pel vector found by a diamond search plus half-pel refinement, coded
 *       as a difference from the median of the left, top and top-right vectors) or INTRA.</li>
 *   <li>Residual: 8x8 integer DCT of (source - prediction); intra blocks are predicted by the mean of
 *       their reconstructed top and left neighbours. Flat quantiser from the quality.</li>
 *   <li>Entropy coding: one adaptive binary range coder for the whole stream; CABAC-like contexts for
 *       skip, intra, vector differences, coded-block flags, significance/last maps (by zig-zag band) and
 *       level magnitudes.</li>
 *   <li>In-loop deblocking on the 8x8 grid, strength from the quantiser step.</li>
 * </ul>
 *
 * <p>Encoder and decoder run the same {@link Engine#code} walk over the syntax through a {@link Io}
 * that either writes or reads each symbol, so they cannot drift apart.
 * Bitstream: byte 'P', quality byte, key-interval byte, then the range-coded frames.
 */
public class InterCodec implements Codec {

    private static final int MAGIC = 'P';
    static final int KEY_INTERVAL = 64;
    private static final int MB = 16;
    private static final int SEARCH_RANGE = 24;

    public InterCodec() {
    }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        int q = Math.max(MIN_QUALITY, Math.min(MAX_QUALITY, quality));
        return new InterEncoder(header, q);
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return new InterDecoder(header, bitstream);
    }

    /** One symbol-level interface for both directions: the encoder passes the value, the decoder gets it back. */
    private interface Io {
        int bit(BitModel m, int value);

        int bypass(int value);

        int uint(BitModel[] ctx, int value);

        int sint(BitModel[] ctx, int value);
    }

    private static final class WriteIo implements Io {
        final RangeEncoder enc = new RangeEncoder();

        public int bit(BitModel m, int v) {
            enc.encodeBit(m, v);
            return v;
        }

        public int bypass(int v) {
            enc.encodeBypass(v);
            return v;
        }

        public int uint(BitModel[] c, int v) {
            enc.encodeUInt(c, v);
            return v;
        }

        public int sint(BitModel[] c, int v) {
            enc.encodeSInt(c, v);
            return v;
        }
    }

    private static final class ReadIo implements Io {
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

        public int uint(BitModel[] c, int v) {
            return dec.decodeUInt(c);
        }

        public int sint(BitModel[] c, int v) {
            return dec.decodeSInt(c);
        }
    }

    private static BitModel[][] models(int rows, int cols) {
        BitModel[][] m = new BitModel[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = BitModel.array(cols);
        }
        return m;
    }

    /** Coding state shared by encoder and decoder: contexts, reference and reconstructed planes, vectors. */
    private static final class Engine {
        // block types for contexts: 0 luma intra, 1 luma inter, 2 chroma intra, 3 chroma inter
        private final BitModel[] skipCtx = BitModel.array(3);
        private final BitModel intraCtx = new BitModel();
        private final BitModel[][] mvdCtx = models(2, 6);
        private final BitModel[] cbfCtx = BitModel.array(4);
        private final BitModel[][] sigCtx = models(4, 16);
        private final BitModel[][] lastCtx = models(4, 16);
        private final BitModel[][] levelCtx = models(12, 12);

        private final int width;
        private final int height;
        private final int mbCols;
        private final int mbRows;
        private final double step;
        private final int lambda;
        private final int deblockStrength;
        private Plane[] ref;
        private final int[] mvx;
        private final int[] mvy;
        private final boolean[] skipped;

        private final int[] pred = new int[64];
        private final int[] src = new int[64];
        private final int[] coefs = new int[64];
        private final int[] scan = new int[64];
        private final int[][] levels = new int[6][64];
        private final int[][] preds = new int[6][64];
        private final int[] mbPred = new int[256];

        Engine(int width, int height, int quality) {
            this.width = width;
            this.height = height;
            this.mbCols = Planes.roundUp(width, MB) / MB;
            this.mbRows = Planes.roundUp(height, MB) / MB;
            this.step = Quant.qualityToStep(quality);
            this.lambda = (int) Math.round(step) + 1;
            this.deblockStrength = (int) Math.round(step);
            this.mvx = new int[mbCols * mbRows];
            this.mvy = new int[mbCols * mbRows];
            this.skipped = new boolean[mbCols * mbRows];
        }

        private static int band(int i) {
            return i < 8 ? i : 8 + Math.min(7, (i - 8) / 7);
        }

        private static int median(int a, int b, int c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }

        /**
         * Codes one frame. {@code source} is the padded source planes when encoding, null when decoding.
         * Returns the reconstructed frame (cropped to the picture size).
         */
        Frame code(Io io, Plane[] source, int index) {
            boolean intraFrame = index % KEY_INTERVAL == 0 || ref == null;
            int lw = mbCols * MB;
            int lh = mbRows * MB;
            Plane[] rec = {Plane.blank(lw, lh), Plane.blank(lw / 2, lh / 2), Plane.blank(lw / 2, lh / 2)};
            boolean encoding = source != null;
            for (int my = 0; my < mbRows; my++) {
                for (int mx = 0; mx < mbCols; mx++) {
                    int m = my * mbCols + mx;
                    int a = mx > 0 ? m - 1 : -1;
                    int b = my > 0 ? m - mbCols : -1;
                    int c = my > 0 && mx + 1 < mbCols ? m - mbCols + 1 : b;
                    int px = median(a < 0 ? 0 : mvx[a], b < 0 ? 0 : mvx[b], c < 0 ? 0 : mvx[c]);
                    int py = median(a < 0 ? 0 : mvy[a], b < 0 ? 0 : mvy[b], c < 0 ? 0 : mvy[c]);
                    if (a >= 0 && b < 0) {
                        px = mvx[a];
                        py = mvy[a];
                    }
                    mvx[m] = 0;
                    mvy[m] = 0;
                    skipped[m] = false;
                    if (intraFrame) {
                        codeIntraMb(io, source, rec, mx, my);
                        continue;
                    }
                    int skipCtxIdx = (a >= 0 && skipped[a] ? 1 : 0) + (b >= 0 && skipped[b] ? 1 : 0);
                    int[] mv = encoding ? chooseInter(source, mx, my, px, py) : null;
                    boolean intra = encoding && mv == null;
                    boolean skip = false;
                    if (encoding && !intra) {
                        interLevels(source, mx, my, mv[0], mv[1]);
                        skip = mv[0] == px && mv[1] == py && allZero();
                    }
                    skip = io.bit(skipCtx[skipCtxIdx], skip ? 1 : 0) == 1;
                    if (skip) {
                        skipped[m] = true;
                        mvx[m] = px;
                        mvy[m] = py;
                        if (!encoding) {
                            interPredictions(mx, my, px, py);
                        }
                        reconstructInter(rec, mx, my, true);
                        continue;
                    }
                    intra = io.bit(intraCtx, intra ? 1 : 0) == 1;
                    if (intra) {
                        codeIntraMb(io, source, rec, mx, my);
                        continue;
                    }
                    int dx = px + io.sint(mvdCtx[0], encoding ? mv[0] - px : 0);
                    int dy = py + io.sint(mvdCtx[1], encoding ? mv[1] - py : 0);
                    if (Math.abs(dx) > 4 * SEARCH_RANGE + 8 || Math.abs(dy) > 4 * SEARCH_RANGE + 8) {
                        throw new BitstreamException("motion vector (" + dx + ", " + dy + ") is out of range");
                    }
                    mvx[m] = dx;
                    mvy[m] = dy;
                    if (!encoding) {
                        interPredictions(mx, my, dx, dy);
                    }
                    for (int k = 0; k < 6; k++) {
                        codeLevels(io, levels[k], k < 4 ? 1 : 3, encoding);
                    }
                    reconstructInter(rec, mx, my, false);
                }
            }
            Deblock.filter(rec[0], 8, deblockStrength);
            Deblock.filter(rec[1], 8, deblockStrength);
            Deblock.filter(rec[2], 8, deblockStrength);
            ref = rec;
            return Planes.toFrame(rec[0], rec[1], rec[2], width, height);
        }

        private boolean allZero() {
            for (int[] l : levels) {
                for (int v : l) {
                    if (v != 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Encoder: picks the half-pel vector for a macroblock, or null when intra looks cheaper. */
        private int[] chooseInter(Plane[] source, int mx, int my, int px, int py) {
            Plane cur = source[0];
            int x = mx * MB;
            int y = my * MB;
            MotionVector ip = MotionSearch.diamondSearch(cur, ref[0], x, y, MB, MB, SEARCH_RANGE, px >> 1, py >> 1, lambda);
            MotionVector hp = MotionSearch.refineHalfPel(cur, ref[0], x, y, MB, MB, ip);
            MotionSearch.predictHalfPel(ref[0], x, y, px, py, MB, MB, mbPred);
            int predSad = 0;
            for (int j = 0; j < MB; j++) {
                for (int i = 0; i < MB; i++) {
                    predSad += Math.abs(cur.get(x + i, y + j) - mbPred[j * MB + i]);
                }
            }
            int hpCost = hp.cost() + lambda * (Math.abs(hp.dx() - px) + Math.abs(hp.dy() - py) + 2) / 2;
            int[] best = predSad <= hpCost ? new int[] {px, py} : new int[] {hp.dx(), hp.dy()};
            int interCost = Math.min(predSad, hpCost);
            // intra estimate: deviation from the block mean, plus the cost of the extra flag
            int sum = 0;
            for (int j = 0; j < MB; j++) {
                for (int i = 0; i < MB; i++) {
                    sum += cur.get(x + i, y + j);
                }
            }
            int mean = (sum + 128) >> 8;
            int intraCost = 4 * lambda;
            for (int j = 0; j < MB; j++) {
                for (int i = 0; i < MB; i++) {
                    intraCost += Math.abs(cur.get(x + i, y + j) - mean);
                }
            }
            return intraCost < interCost ? null : best;
        }

        /** Block k of a macroblock: 0..3 luma 8x8 in raster order, 4 = U, 5 = V. Returns {plane, x, y}. */
        private static int[] blockPos(int k, int mx, int my) {
            if (k < 4) {
                return new int[] {0, mx * MB + (k & 1) * 8, my * MB + (k >> 1) * 8};
            }
            return new int[] {k - 3, mx * 8, my * 8};
        }

        private void interPredictions(int mx, int my, int dx, int dy) {
            for (int k = 0; k < 6; k++) {
                int[] p = blockPos(k, mx, my);
                if (k < 4) {
                    MotionSearch.predictHalfPel(ref[0], p[1], p[2], dx, dy, 8, 8, preds[k]);
                } else {
                    MotionSearch.predictHalfPel(ref[p[0]], p[1], p[2], dx / 2, dy / 2, 8, 8, preds[k]);
                }
            }
        }

        /** Encoder: predictions and quantised residual levels for all six blocks of an inter macroblock. */
        private void interLevels(Plane[] source, int mx, int my, int dx, int dy) {
            interPredictions(mx, my, dx, dy);
            for (int k = 0; k < 6; k++) {
                int[] p = blockPos(k, mx, my);
                Planes.getBlock(source[p[0]], p[1], p[2], 8, 8, src);
                for (int i = 0; i < 64; i++) {
                    src[i] -= preds[k][i];
                }
                Dct.forward(src, coefs, 8);
                Quant.quantizeBlock(coefs, levels[k], step, null, Quant.INTER_ROUNDING);
            }
        }

        private void reconstructInter(Plane[] rec, int mx, int my, boolean skip) {
            for (int k = 0; k < 6; k++) {
                int[] p = blockPos(k, mx, my);
                if (skip) {
                    Planes.putBlock(rec[p[0]], p[1], p[2], 8, 8, preds[k]);
                } else {
                    addResidual(rec[p[0]], p[1], p[2], levels[k], preds[k]);
                }
            }
        }

        private void addResidual(Plane rec, int x, int y, int[] lev, int[] prediction) {
            Quant.dequantizeBlock(lev, coefs, step, null);
            Dct.inverse(coefs, src, 8);
            for (int i = 0; i < 64; i++) {
                src[i] += prediction[i];
            }
            Planes.putBlock(rec, x, y, 8, 8, src);
        }

        private void codeIntraMb(Io io, Plane[] source, Plane[] rec, int mx, int my) {
            for (int k = 0; k < 6; k++) {
                int[] p = blockPos(k, mx, my);
                int dc = dcPrediction(rec[p[0]], p[1], p[2]);
                Arrays.fill(pred, dc);
                int[] lev = levels[k];
                if (source != null) {
                    Planes.getBlock(source[p[0]], p[1], p[2], 8, 8, src);
                    for (int i = 0; i < 64; i++) {
                        src[i] -= dc;
                    }
                    Dct.forward(src, coefs, 8);
                    Quant.quantizeBlock(coefs, lev, step, null, Quant.INTRA_ROUNDING);
                }
                codeLevels(io, lev, k < 4 ? 0 : 2, source != null);
                addResidual(rec[p[0]], p[1], p[2], lev, pred);
            }
        }

        private static int dcPrediction(Plane rec, int x, int y) {
            int sum = 0;
            int count = 0;
            if (y > 0) {
                for (int i = 0; i < 8; i++) {
                    sum += rec.get(x + i, y - 1);
                }
                count += 8;
            }
            if (x > 0) {
                for (int j = 0; j < 8; j++) {
                    sum += rec.get(x - 1, y + j);
                }
                count += 8;
            }
            return count == 0 ? 128 : (sum + count / 2) / count;
        }

        /** Codes (or decodes into) the raster levels of one 8x8 block: coded flag, then significance/last/level. */
        private void codeLevels(Io io, int[] lev, int type, boolean encoding) {
            int last = -1;
            if (encoding) {
                ZigZag.scan(lev, scan, 8);
                for (int i = 63; i >= 0; i--) {
                    if (scan[i] != 0) {
                        last = i;
                        break;
                    }
                }
            } else {
                Arrays.fill(scan, 0);
            }
            if (io.bit(cbfCtx[type], last >= 0 ? 1 : 0) == 0) {
                Arrays.fill(lev, 0);
                return;
            }
            int greaterThanOne = 0;
            for (int i = 0; i < 64; i++) {
                int sig = i == 63 ? 1 : io.bit(sigCtx[type][band(i)], encoding && scan[i] != 0 ? 1 : 0);
                if (sig == 0) {
                    continue;
                }
                int v = encoding ? scan[i] : 0;
                int magnitude = 1 + io.uint(levelCtx[type * 3 + Math.min(2, greaterThanOne)], Math.abs(v) - 1);
                int negative = io.bypass(v < 0 ? 1 : 0);
                scan[i] = negative == 1 ? -magnitude : magnitude;
                if (magnitude > 1) {
                    greaterThanOne++;
                }
                if (i == 63 || io.bit(lastCtx[type][band(i)], i == last ? 1 : 0) == 1) {
                    break;
                }
            }
            ZigZag.unscan(scan, lev, 8);
        }
    }

    private static final class InterEncoder implements Encoder {
        private final StreamHeader header;
        private final int quality;
        private final Engine engine;
        private final WriteIo io = new WriteIo();
        private int index;

        InterEncoder(StreamHeader header, int quality) {
            this.header = header;
            this.quality = quality;
            this.engine = new Engine(header.width(), header.height(), quality);
        }

        @Override
        public void encode(Frame frame) {
            int lw = Planes.roundUp(header.width(), MB);
            int lh = Planes.roundUp(header.height(), MB);
            Plane[] source = {
                Planes.pad(Plane.of(frame, 0), lw, lh),
                Planes.pad(Plane.of(frame, 1), lw / 2, lh / 2),
                Planes.pad(Plane.of(frame, 2), lw / 2, lh / 2)};
            engine.code(io, source, index++);
        }

        @Override
        public byte[] finish() {
            byte[] payload = io.enc.finish();
            byte[] out = new byte[3 + payload.length];
            out[0] = (byte) MAGIC;
            out[1] = (byte) quality;
            out[2] = (byte) KEY_INTERVAL;
            System.arraycopy(payload, 0, out, 3, payload.length);
            return out;
        }
    }

    private static final class InterDecoder implements Decoder {
        private final StreamHeader header;
        private final Engine engine;
        private final ReadIo io;
        private int index;

        InterDecoder(StreamHeader header, byte[] bitstream) {
            if (bitstream.length < 3 || bitstream[0] != MAGIC) {
                throw new BitstreamException("not an InterCodec stream: missing or bad 3-byte header");
            }
            int quality = bitstream[1];
            if (quality < MIN_QUALITY || quality > MAX_QUALITY || bitstream[2] != KEY_INTERVAL) {
                throw new BitstreamException("InterCodec header has quality " + quality
                        + " and key interval " + bitstream[2] + "; expected 0..100 and " + KEY_INTERVAL);
            }
            this.header = header;
            this.engine = new Engine(header.width(), header.height(), quality);
            this.io = new ReadIo(new RangeDecoder(bitstream, 3, bitstream.length - 3));
        }

        @Override
        public Frame decode() {
            if (index >= header.frameCount()) {
                throw new IllegalStateException("all " + header.frameCount() + " frames were already decoded");
            }
            return engine.code(io, null, index++);
        }
    }
}
