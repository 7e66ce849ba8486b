/**
 * Rate&ndash;quality curves: BD-rate ({@link codeclab.metrics.rd.BdRate}) and bitrate at a target quality
 * ({@link codeclab.metrics.rd.RateCurve#rateAt(double)}). Results that can be undefined carry NaN and a reason
 * instead of throwing, so a harness can record why a number is missing.
 */
package codeclab.metrics.rd;
