package codeclab.harness;

import java.util.List;

/**
 * How an experiment is measured.
 *
 * @param qualities   the codec quality knobs of the RD sweep (at least 4, distinct, in 0..100)
 * @param targetPsnrY the PSNR-Y (dB) at which "bitrate at target quality" is read
 */
public record HarnessConfig(List<Integer> qualities, double targetPsnrY) {

    public static final List<Integer> DEFAULT_QUALITIES = List.of(20, 40, 60, 80, 95);
    public static final double DEFAULT_TARGET_PSNR_Y = 38.0;

    public HarnessConfig {
        qualities = List.copyOf(qualities);
        if (qualities.size() < 4 || qualities.stream().distinct().count() != qualities.size()
                || qualities.stream().anyMatch(q -> q < 0 || q > 100)) {
            throw new IllegalArgumentException("the RD sweep needs at least 4 distinct qualities in 0..100, got " + qualities);
        }
        if (!(targetPsnrY > 10 && targetPsnrY < 80)) {
            throw new IllegalArgumentException("target PSNR-Y " + targetPsnrY + " dB is outside 10..80");
        }
    }

    public static HarnessConfig defaults() {
        return new HarnessConfig(DEFAULT_QUALITIES, DEFAULT_TARGET_PSNR_Y);
    }

    public HarnessConfig withTargetPsnrY(double target) {
        return new HarnessConfig(qualities, target);
    }

    public HarnessConfig withQualities(List<Integer> q) {
        return new HarnessConfig(q, targetPsnrY);
    }
}
