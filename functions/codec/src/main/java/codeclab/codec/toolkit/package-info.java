/**
 * Codec primitives that candidate codecs may call, one tool per stage of an H.264/HEVC-style codec:
 * prediction ({@link codeclab.codec.toolkit.IntraPred}, {@link codeclab.codec.toolkit.MotionSearch},
 * {@link codeclab.codec.toolkit.SubPel}, {@link codeclab.codec.toolkit.QpelPlane},
 * {@link codeclab.codec.toolkit.MotionField}, {@link codeclab.codec.toolkit.Gop}), partitioning
 * ({@link codeclab.codec.toolkit.Quadtree}), transform ({@link codeclab.codec.toolkit.Dct}), quantisation
 * ({@link codeclab.codec.toolkit.Quant}, {@link codeclab.codec.toolkit.Rdoq}, {@link codeclab.codec.toolkit.AdaptiveQp},
 * {@link codeclab.codec.toolkit.ZigZag}), entropy coding (one {@link codeclab.codec.toolkit.BinCoder} walk over
 * {@link codeclab.codec.toolkit.RangeEncoder}, {@link codeclab.codec.toolkit.RangeDecoder} and
 * {@link codeclab.codec.toolkit.BinCounter}, contexts from {@link codeclab.codec.toolkit.Contexts} and
 * {@link codeclab.codec.toolkit.BlockGrid}; Exp-Golomb bit I/O in {@link codeclab.codec.toolkit.BitWriter} and
 * {@link codeclab.codec.toolkit.BitReader}), in-loop filtering ({@link codeclab.codec.toolkit.LoopFilter},
 * {@link codeclab.codec.toolkit.Deblock}), rate-distortion helpers ({@link codeclab.codec.toolkit.Rd}),
 * resampling and plane helpers. docs/CODEC-API.md documents every public method (a test checks it).
 *
 * <p>This package is on the sandbox allowlist wholesale, so it must stay pure computation: no files,
 * network, threads, reflection, class loading, system properties or environment, nothing beyond
 * {@code java.lang} basics, {@code java.util} collections and {@code Arrays}, and the codec API (the sandbox
 * module's ToolkitAllowlistTest checks the bytecode against the candidates' allowlist).
 */
package codeclab.codec.toolkit;
