/**
 * Codec primitives that candidate codecs may call: transforms ({@link codeclab.codec.toolkit.Dct}),
 * quantisation ({@link codeclab.codec.toolkit.Quant}, {@link codeclab.codec.toolkit.ZigZag}), bit I/O and
 * Exp-Golomb ({@link codeclab.codec.toolkit.BitWriter}, {@link codeclab.codec.toolkit.BitReader}), adaptive
 * binary range coding ({@link codeclab.codec.toolkit.RangeEncoder}, {@link codeclab.codec.toolkit.RangeDecoder},
 * {@link codeclab.codec.toolkit.BitModel}, one syntax walk for both sides and rate estimates:
 * {@link codeclab.codec.toolkit.BinCoder}, {@link codeclab.codec.toolkit.BinCounter}, neighbour contexts
 * {@link codeclab.codec.toolkit.Contexts}, {@link codeclab.codec.toolkit.BlockGrid}), motion search ({@link codeclab.codec.toolkit.MotionSearch}),
 * resampling, deblocking and plane helpers.
 *
 * <p>This package is on the sandbox allowlist wholesale, so it must stay pure computation: no files,
 * network, threads, reflection, class loading, system properties or environment, nothing beyond
 * {@code java.lang} basics, {@code java.util.Arrays} and the codec API.
 */
package codeclab.codec.toolkit;
