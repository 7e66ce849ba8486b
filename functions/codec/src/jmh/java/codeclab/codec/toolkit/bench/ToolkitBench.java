package codeclab.codec.toolkit.bench;

import codeclab.codec.toolkit.BinCoder;
import codeclab.codec.toolkit.BitModel;
import codeclab.codec.toolkit.Dct;
import codeclab.codec.toolkit.IntraPred;
import codeclab.codec.toolkit.LoopFilter;
import codeclab.codec.toolkit.MotionField;
import codeclab.codec.toolkit.MotionSearch;
import codeclab.codec.toolkit.MotionVector;
import codeclab.codec.toolkit.Plane;
import codeclab.codec.toolkit.QpelPlane;
import codeclab.codec.toolkit.RangeEncoder;
import codeclab.codec.toolkit.Rd;
import codeclab.codec.toolkit.SubPel;
import codeclab.codec.toolkit.BlockGrid;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot toolkit routines on one 16x16 block (or a CIF plane), each beside a reference measured in the
 * same run: the older toolkit routine doing the same job, or a naive version of the same computation.
 * Results are per call (ns); read them as ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ToolkitBench {

    private Plane cur;
    private Plane ref;
    private final int[] pred = new int[256];
    private final int[] block = new int[256];
    private final int[] coefs = new int[256];
    private final double[] dIn = new double[256];
    private final double[] dOut = new double[256];
    private final SubPel subPel = new SubPel();
    private QpelPlane qpelPlane;
    private final int[] intraRef = new int[65];
    private Plane cif;
    private BlockGrid bsV;
    private BlockGrid bsH;
    private BlockGrid qp;
    private final int[] bins = new int[4096];

    @Setup
    public void setup() {
        Random r = new Random(1);
        cur = Plane.blank(352, 288);
        ref = Plane.blank(352, 288);
        for (int i = 0; i < cur.data().length; i++) {
            int v = 128 + (int) (60 * Math.sin(i * 0.013) + 30 * Math.cos(i * 0.0007)) + r.nextInt(9) - 4;
            cur.data()[i] = (byte) v;
            ref.data()[i] = (byte) (v + r.nextInt(5) - 2);
        }
        for (int i = 0; i < 256; i++) {
            pred[i] = ref.get(100 + i % 16, 100 + i / 16);
            block[i] = cur.get(96 + i % 16, 96 + i / 16) - 128;
            dIn[i] = block[i];
        }
        IntraPred.references(cur, 96, 96, 16, null, intraRef);
        qpelPlane = new QpelPlane(ref);
        cif = cur.copy();
        MotionField m = new MotionField(352, 288);
        for (int y = 0; y < 288; y += 16) {
            for (int x = 0; x < 352; x += 16) {
                m.set(x, y, 16, 16, (x * 7 + y * 3) % 13 - 6, (x + y) % 9 - 4, (x + y) % 64 == 0 ? MotionField.INTRA : 0);
            }
        }
        BlockGrid coded = new BlockGrid(352, 288, 4, 0);
        coded.fill(0, 0, 352, 144, 1);
        bsV = new BlockGrid(352, 288, 4, 0);
        bsH = new BlockGrid(352, 288, 4, 0);
        LoopFilter.strengths(m, coded, 16, 4, bsV, bsH);
        qp = new BlockGrid(352, 288, 16, 32);
        qp.clear(32);
        for (int i = 0; i < bins.length; i++) {
            bins[i] = r.nextInt(10) == 0 ? 1 : 0;
        }
    }

    // --- SAD 16x16 -------------------------------------------------------------------------------------
    @Benchmark
    public int sadPlanePlane() {
        return MotionSearch.sad(cur, 96, 96, ref, 100, 100, 16, 16);
    }

    @Benchmark
    public int sadRdBlock() {
        return Rd.sad(cur, 96, 96, pred, 16, 16);
    }

    @Benchmark
    public int sadNaiveAt() {
        int s = 0;
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 16; i++) {
                s += Math.abs(cur.at(96 + i, 96 + j) - ref.at(100 + i, 100 + j));
            }
        }
        return s;
    }

    // --- SATD 16x16 ------------------------------------------------------------------------------------
    @Benchmark
    public int satdRd() {
        return Rd.satd(cur, 96, 96, pred, 16, 16);
    }

    private static final int[][] H4 = {{1, 1, 1, 1}, {1, 1, -1, -1}, {1, -1, -1, 1}, {1, -1, 1, -1}};

    @Benchmark
    public int satdNaiveMatrix() {
        int total = 0;
        for (int by = 0; by < 16; by += 4) {
            for (int bx = 0; bx < 16; bx += 4) {
                int[][] d = new int[4][4];
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        d[j][i] = cur.get(96 + bx + i, 96 + by + j) - pred[(by + j) * 16 + bx + i];
                    }
                }
                int sum = 0;
                for (int u = 0; u < 4; u++) {
                    for (int v = 0; v < 4; v++) {
                        int c = 0;
                        for (int j = 0; j < 4; j++) {
                            for (int i = 0; i < 4; i++) {
                                c += H4[u][j] * d[j][i] * H4[v][i];
                            }
                        }
                        sum += Math.abs(c);
                    }
                }
                total += (sum + 1) >> 1;
            }
        }
        return total;
    }

    // --- transforms ------------------------------------------------------------------------------------
    @Benchmark
    public int[] dct8Int() {
        Dct.forward(block, coefs, 8);
        return coefs;
    }

    @Benchmark
    public double[] dct16Double() {
        Dct.forward(dIn, dOut, 16);
        return dOut;
    }

    @Benchmark
    public double[] dct8Double() {
        Dct.forward(dIn, dOut, 8);
        return dOut;
    }

    @Benchmark
    public int[] dct16Int() {
        Dct.forward(block, coefs, 16);
        return coefs;
    }

    private static final int[] M16 = new int[256];

    static {
        for (int k = 0; k < 16; k++) {
            for (int i = 0; i < 16; i++) {
                M16[k * 16 + i] = (int) Math.round(Dct.basis(16, k, i) * 1024 * 4);
            }
        }
    }

    /** The integer DCT as it was before the butterflies: two plain matrix products (same output). */
    @Benchmark
    public int[] dct16IntMatrix() {
        long[] tmp = new long[256];
        for (int y = 0; y < 16; y++) {
            for (int k = 0; k < 16; k++) {
                long s = 0;
                for (int x = 0; x < 16; x++) {
                    s += (long) block[y * 16 + x] * M16[k * 16 + x];
                }
                tmp[y * 16 + k] = (s + 32) >> 6;
            }
        }
        for (int x = 0; x < 16; x++) {
            for (int k = 0; k < 16; k++) {
                long s = 0;
                for (int y = 0; y < 16; y++) {
                    s += tmp[y * 16 + x] * M16[k * 16 + y];
                }
                coefs[k * 16 + x] = (int) ((s + (1L << 17)) >> 18);
            }
        }
        return coefs;
    }

    @Benchmark
    public int[] idct16Int() {
        Dct.inverse(block, coefs, 16);
        return coefs;
    }

    // --- interpolation 16x16 ---------------------------------------------------------------------------
    @Benchmark
    public int[] qpelCentre() {
        subPel.luma(ref, 96, 96, 4 * 3 + 2, 4 * -2 + 2, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public int[] qpelQuarterDiagonal() {
        subPel.luma(ref, 96, 96, 4 * 3 + 1, 4 * -2 + 3, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public int[] qpelHorizontalHalf() {
        subPel.luma(ref, 96, 96, 4 * 3 + 2, 4 * -2, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public int[] qpelPlaneCentre() {
        qpelPlane.predict(96, 96, 4 * 3 + 2, 4 * -2 + 2, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public int[] qpelPlaneQuarterDiagonal() {
        qpelPlane.predict(96, 96, 4 * 3 + 1, 4 * -2 + 3, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public MotionVector refineSubPel() {
        return subPel.refine(cur, ref, 96, 96, 16, 16, new MotionVector(3, -2, 0), 8, -8, 4.0);
    }

    @Benchmark
    public MotionVector refineQpelPlane() {
        return qpelPlane.refine(cur, 96, 96, 16, 16, new MotionVector(3, -2, 0), 8, -8, 4.0);
    }

    @Benchmark
    public QpelPlane qpelPlaneBuildCif() {
        return new QpelPlane(ref);
    }

    @Benchmark
    public int[] halfPelBilinearOld() {
        MotionSearch.predictHalfPel(ref, 96, 96, 2 * 3 + 1, 2 * -2 + 1, 16, 16, pred);
        return pred;
    }

    @Benchmark
    public int[] qpelCentreNaive() {
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 16; c++) {
                int x = 96 + 3 + c;
                int y = 96 - 2 + r;
                int j1 = 0;
                int[] taps = {1, -5, 20, 20, -5, 1};
                for (int t = 0; t < 6; t++) {
                    int b1 = 0;
                    for (int u = 0; u < 6; u++) {
                        b1 += taps[u] * ref.at(x - 2 + u, y - 2 + t);
                    }
                    j1 += taps[t] * b1;
                }
                pred[r * 16 + c] = Math.max(0, Math.min(255, (j1 + 512) >> 10));
            }
        }
        return pred;
    }

    @Benchmark
    public int[] chromaEighthPel() {
        SubPel.chroma(ref, 48, 48, 13, -11, 8, 8, pred);
        return pred;
    }

    // --- intra, deblocking, entropy ---------------------------------------------------------------------
    @Benchmark
    public int[] intraAngular16() {
        IntraPred.predict(intraRef, 16, 30, true, pred);
        return pred;
    }

    @Benchmark
    public int[] intraPlanar16() {
        IntraPred.predict(intraRef, 16, IntraPred.PLANAR, true, pred);
        return pred;
    }

    @Benchmark
    public Plane loopFilterCifLuma() {
        System.arraycopy(cur.data(), 0, cif.data(), 0, cif.data().length);
        LoopFilter.filterLuma(cif, bsV, bsH, qp, 0, 0);
        return cif;
    }

    @Benchmark
    public Plane copyCifLuma() {
        System.arraycopy(cur.data(), 0, cif.data(), 0, cif.data().length);
        return cif;
    }

    @Benchmark
    public byte[] binsViaBinCoder() {
        RangeEncoder enc = new RangeEncoder();
        BinCoder io = enc;
        BitModel m = new BitModel();
        for (int b : bins) {
            io.bit(m, b);
        }
        return enc.finish();
    }

    @Benchmark
    public byte[] binsViaEncodeBit() {
        RangeEncoder enc = new RangeEncoder();
        BitModel m = new BitModel();
        for (int b : bins) {
            enc.encodeBit(m, b);
        }
        return enc.finish();
    }
}
