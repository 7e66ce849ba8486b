package codeclab.planner.evolve;

import java.util.Locale;
import java.util.Random;

/**
 * The parameters and structural switches of a codec the {@link CodecTemplate} renders. Every field is
 * kept inside its legal range by the constructor, so any genome renders to a valid codec.
 *
 * @param transform       DCT size: 4, 8 or 16
 * @param stepScale       quantiser step at quality 50 (the step halves every 30 quality points)
 * @param matrixSlope     frequency weighting of the quantisation matrix, 0 = flat
 * @param rounding        quantiser rounding offset: 0.5 = round to nearest, smaller = wider dead zone
 * @param chromaScale     chroma step relative to luma (the chroma QP offset)
 * @param downscale       1 = full resolution, 2 = code at half size and upscale in the decoder
 * @param inter           motion-compensated prediction from the previous frame
 * @param motionBlock     motion block size: 8 or 16
 * @param searchRange     full-search range in pixels, 0..16
 * @param keyframeInterval frames between key frames, 1..120
 * @param interScale      step of predicted frames relative to key frames (rate control between frame types)
 * @param deblockStrength 0 = no deblocking filter, 1..3 = stronger smoothing of block edges
 * @param entropy         entropy coder
 */
public record Genome(int transform, double stepScale, double matrixSlope, double rounding, double chromaScale,
                     int downscale, boolean inter, int motionBlock, int searchRange, int keyframeInterval,
                     double interScale, int deblockStrength, Entropy entropy) {

    /** How levels and vectors become bits. */
    public enum Entropy {
        /** Run-level Exp-Golomb codes, no adaptation. */
        EXP_GOLOMB,
        /** Adaptive binary range coder, a few shared significance contexts. */
        ARITH_SHARED,
        /** Adaptive binary range coder, one significance context per scan position. */
        ARITH_POSITIONAL
    }

    public Genome {
        transform = transform <= 4 ? 4 : (transform <= 8 ? 8 : 16);
        stepScale = round(clamp(stepScale, 1.0, 64.0), 2);
        matrixSlope = round(clamp(matrixSlope, 0.0, 3.0), 3);
        rounding = round(clamp(rounding, 0.05, 0.5), 3);
        chromaScale = round(clamp(chromaScale, 0.5, 4.0), 3);
        downscale = downscale >= 2 ? 2 : 1;
        motionBlock = motionBlock <= 8 ? 8 : 16;
        searchRange = (int) clamp(searchRange, 0, 16);
        keyframeInterval = (int) clamp(keyframeInterval, 1, 120);
        interScale = round(clamp(interScale, 0.6, 2.0), 3);
        deblockStrength = (int) clamp(deblockStrength, 0, 3);
        entropy = entropy == null ? Entropy.EXP_GOLOMB : entropy;
    }

    /** Seed reproducing an intra-only DCT design: 8x8 DCT, flat matrix, Exp-Golomb, every frame a key frame. */
    public static Genome intraSeed() {
        return new Genome(8, 8.0, 0.0, 0.5, 1.0, 1, false, 16, 0, 1, 1.0, 0, Entropy.EXP_GOLOMB);
    }

    /** Seed reproducing an inter design: 8x8 DCT, 16x16 motion search +-8, key frame every 30, Exp-Golomb. */
    public static Genome interSeed() {
        return new Genome(8, 8.0, 0.0, 0.5, 1.0, 1, true, 16, 8, 30, 1.0, 0, Entropy.EXP_GOLOMB);
    }

    /** A genome drawn uniformly from the whole space (the best-of-N baseline samples these). */
    public static Genome random(Random r) {
        return new Genome(4 << r.nextInt(3), 1 + r.nextDouble() * 63, r.nextDouble() * 3, 0.05 + r.nextDouble() * 0.45,
                0.5 + r.nextDouble() * 3.5, 1 + r.nextInt(2), r.nextBoolean(), 8 << r.nextInt(2), r.nextInt(17),
                1 + r.nextInt(120), 0.6 + r.nextDouble() * 1.4, r.nextInt(4), Entropy.values()[r.nextInt(3)]);
    }

    /** The MAP-Elites cell: transform size x intra/inter x downscale. */
    public String niche() {
        return "T" + transform + (inter ? "-inter" : "-intra") + (downscale == 2 ? "-half" : "-full");
    }

    /** One line for hypotheses and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%dx%d DCT, step %.2f, matrix slope %.2f, rounding %.2f, chroma x%.2f, %s, %s%s, deblock %d, %s",
                transform, transform, stepScale, matrixSlope, rounding, chromaScale,
                downscale == 2 ? "half resolution" : "full resolution",
                inter ? "inter (MB " + motionBlock + ", range " + searchRange + ", keyint " + keyframeInterval
                        + String.format(Locale.ROOT, ", P step x%.2f)", interScale) : "intra only", "",
                deblockStrength, entropy);
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
