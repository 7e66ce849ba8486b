package codeclab.codec.toolkit;

/**
 * Rate-distortion optimised quantisation (HM-style RDOQ): instead of rounding every coefficient on its
 * own, choose each level among {rounded, rounded - 1, 0} by {@code (c - level * step)^2 + lambda * bits},
 * then choose where the block ends (the last non-zero coefficient in scan order) by the same cost, which
 * drops expensive isolated high-frequency levels. Distortion is measured on orthonormal {@link Dct}
 * coefficients, so it equals the pixel-domain SSE; use {@link Rd#lambda} for lambda. With lambda 0 the
 * result is plain rounding; a fixed dead zone without RD is {@link Quant#quantizeBlock} with a rounding
 * offset below 1/2. Dequantise the levels with {@link Quant#dequantizeBlock} as usual.
 */
public final class Rdoq {

    private Rdoq() {
    }

    /** Estimated bits of a block's syntax, as your entropy coder spends them. */
    public interface Rate {
        /** Bits for the coefficient at scan position {@code pos} with magnitude {@code absLevel} (0 = not significant), sign included. */
        double level(int pos, int absLevel);

        /** Bits to say the block ends at scan position {@code pos} (-1 = the block has no coefficients). */
        double last(int pos);
    }

    /**
     * A rate model for a significance-map + Exp-Golomb style coder: a zero costs {@code zeroBits}, a level
     * {@code 1 + 1 (sign) + ueBits(|l| - 1)} bits (so 1 costs 2 + 1), ending at pos costs {@code ueBits(pos + 1)}
     * (an empty block 1 bit). Crude but monotone; build a {@link Rate} from your {@link BitModel} costs when you can.
     */
    public static Rate expGolombRate(double zeroBits) {
        return new Rate() {
            public double level(int pos, int absLevel) {
                return absLevel == 0 ? zeroBits : 2 + Rd.ueBits(absLevel - 1);
            }

            public double last(int pos) {
                return pos < 0 ? 1 : Rd.ueBits(pos + 1);
            }
        };
    }

    /**
     * Quantises the n x n raster {@code coefs} into {@code levels} with step {@code step * matrix[i] / 16}
     * ({@code matrix} may be null), minimising distortion + lambda * rate along {@code ZigZag.order(n)}.
     * Returns the number of non-zero levels.
     */
    public static int quantize(int[] coefs, int[] levels, int n, double step, int[] matrix, double lambda, Rate rate) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("quantiser step " + step + " must be > 0");
        }
        int[] scan = ZigZag.order(n);
        int size = n * n;
        double[] keepCost = new double[size];      // cost of the chosen level at scan position i
        double[] zeroCost = new double[size];      // cost of a zero there (distortion + zero bits)
        double[] dropCost = new double[size];      // distortion alone (position after the last one)
        int[] chosen = new int[size];
        for (int i = 0; i < size; i++) {
            int r = scan[i];
            double s = matrix == null ? step : step * matrix[r] / 16.0;
            double c = Math.abs(coefs[r]);
            int up = (int) Math.floor(c / s + 0.5);
            double d0 = c * c;
            dropCost[i] = d0;
            zeroCost[i] = d0 + lambda * rate.level(i, 0);
            // candidates from the rounded level down, ties keep the larger (lambda 0 = plain rounding)
            int best = 0;
            double bestCost = Double.MAX_VALUE;
            for (int l = up; l >= Math.max(1, up - 1); l--) {
                double e = c - l * s;
                double j = e * e + lambda * rate.level(i, l);
                if (j < bestCost) {
                    bestCost = j;
                    best = l;
                }
            }
            if (zeroCost[i] < bestCost) {
                bestCost = zeroCost[i];
                best = 0;
            }
            chosen[i] = best;
            keepCost[i] = bestCost;
        }
        // choose the last position: prefix of chosen costs + distortion of everything after it
        double tail = 0;
        for (int i = 0; i < size; i++) {
            tail += dropCost[i];
        }
        double bestTotal = tail + lambda * rate.last(-1);
        int bestLast = -1;
        double prefix = 0;
        for (int i = 0; i < size; i++) {
            tail -= dropCost[i];
            if (chosen[i] != 0) {
                // the last coefficient is known to be non-zero: it costs its level, not a zero
                double total = prefix + keepCost[i] + tail + lambda * rate.last(i);
                if (total < bestTotal) {
                    bestTotal = total;
                    bestLast = i;
                }
            }
            prefix += chosen[i] != 0 ? keepCost[i] : zeroCost[i];
        }
        int nonZero = 0;
        for (int i = 0; i < size; i++) {
            int r = scan[i];
            int l = i <= bestLast ? chosen[i] : 0;
            levels[r] = coefs[r] < 0 ? -l : l;
            if (l != 0) {
                nonZero++;
            }
        }
        return nonZero;
    }
}
