package codeclab.metrics.rd;

/**
 * One point of a rate&ndash;quality curve. Units are the caller's (e.g. kbps and PSNR-Y dB); BD-rate is a
 * ratio and does not depend on the rate unit as long as both curves use the same one.
 *
 * @param rate    bitrate, &gt; 0
 * @param quality quality, higher is better (PSNR-Y in dB for the project's BD-rate)
 */
public record RatePoint(double rate, double quality) {
}
