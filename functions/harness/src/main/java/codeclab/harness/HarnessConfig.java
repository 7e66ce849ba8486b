package codeclab.harness;

import java.util.List;

/**
 * How an experiment is measured.
 *
 * @param qualities   the codec quality knobs every sweep starts with (at least 4, distinct, in 0..100)
 * @param targetPsnrY the PSNR-Y (dB) at which "bitrate at target quality" is read
 * @param minOverlap  share of x264's quality range (0..1) the candidate's curve must share for a clip's BD-rate
 * @param extraPoints how many quality points the harness may add per clip so the candidate's PSNR-Y range covers
 *                    x264's (see {@link Sweep}); 0 measures the starting knobs only
 */
public record HarnessConfig(List<Integer> qualities, double targetPsnrY, double minOverlap, int extraPoints) {

    public static final List<Integer> DEFAULT_QUALITIES = List.of(20, 40, 60, 80, 95);
    public static final double DEFAULT_TARGET_PSNR_Y = 38.0;
    public static final double DEFAULT_MIN_OVERLAP = 0.75;
    public static final int DEFAULT_EXTRA_POINTS = 4;

    public HarnessConfig {
        qualities = List.copyOf(qualities);
        if (qualities.size() < 4 || qualities.stream().distinct().count() != qualities.size()
                || qualities.stream().anyMatch(q -> q < 0 || q > 100)) {
            throw new IllegalArgumentException("the RD sweep needs at least 4 distinct qualities in 0..100, got " + qualities);
        }
        if (!(targetPsnrY > 10 && targetPsnrY < 80)) {
            throw new IllegalArgumentException("target PSNR-Y " + targetPsnrY + " dB is outside 10..80");
        }
        if (!(minOverlap >= 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minimum overlap " + minOverlap + " is not a share in 0..1 (0.75 = 75 %)");
        }
        if (extraPoints < 0 || extraPoints > 20) {
            throw new IllegalArgumentException("extra quality points " + extraPoints + " is outside 0..20");
        }
    }

    /** The default overlap rule and budget of extra points. */
    public HarnessConfig(List<Integer> qualities, double targetPsnrY) {
        this(qualities, targetPsnrY, DEFAULT_MIN_OVERLAP, DEFAULT_EXTRA_POINTS);
    }

    public static HarnessConfig defaults() {
        return new HarnessConfig(DEFAULT_QUALITIES, DEFAULT_TARGET_PSNR_Y);
    }

    public HarnessConfig withTargetPsnrY(double target) {
        return new HarnessConfig(qualities, target, minOverlap, extraPoints);
    }

    public HarnessConfig withQualities(List<Integer> q) {
        return new HarnessConfig(q, targetPsnrY, minOverlap, extraPoints);
    }

    public HarnessConfig withMinOverlap(double v) {
        return new HarnessConfig(qualities, targetPsnrY, v, extraPoints);
    }

    public HarnessConfig withExtraPoints(int v) {
        return new HarnessConfig(qualities, targetPsnrY, minOverlap, v);
    }
}
