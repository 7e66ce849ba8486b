package codeclab.metrics.rd;

import java.util.Objects;

/**
 * The rate a curve needs to reach a target quality ("bitrate at target quality"): either a rate, or
 * {@code NaN} with the reason it is undefined (target outside the curve, unusable points).
 *
 * @param targetQuality the quality asked for
 * @param rate          the interpolated rate in the curve's unit, or NaN when undefined
 * @param reason        why the rate is undefined; null when it is defined
 */
public record RateAtQuality(double targetQuality, double rate, String reason) {

    public RateAtQuality {
        if (Double.isNaN(rate) == (reason == null)) {
            throw new IllegalArgumentException("a rate at quality has either a rate or a reason, not both or neither");
        }
    }

    static RateAtQuality of(double targetQuality, double rate) {
        return new RateAtQuality(targetQuality, rate, null);
    }

    static RateAtQuality undefined(double targetQuality, String reason) {
        return new RateAtQuality(targetQuality, Double.NaN, Objects.requireNonNull(reason));
    }

    public boolean defined() {
        return reason == null;
    }
}
