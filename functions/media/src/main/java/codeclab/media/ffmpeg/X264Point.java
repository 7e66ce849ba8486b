package codeclab.media.ffmpeg;

import codeclab.codec.Frame;

import java.util.List;

/**
 * One encode-and-decode of a clip by x264 at one CRF.
 *
 * @param crf            the constant rate factor asked for
 * @param bytes          compressed size counted for rate: the H.264 Annex-B elementary stream without
 *                       SEI NAL units (x264's options string and other side information a decoder does
 *                       not need); start codes, SPS, PPS and every slice are included; no container
 * @param streamBytes    the whole Annex-B stream as x264 wrote it, SEI included
 * @param decoded        the frames FFmpeg's H.264 decoder returned, in display order
 * @param encodeNanos    wall time to encode (encoder open to flush)
 * @param decodeNanos    wall time to decode every frame back to YUV 4:2:0
 * @param x264Options    the options string x264 wrote into the stream (proof of encoder and settings)
 */
public record X264Point(int crf, long bytes, long streamBytes, List<Frame> decoded, long encodeNanos,
                        long decodeNanos, String x264Options) {

    public X264Point {
        decoded = List.copyOf(decoded);
    }

    /** Frames per second the encoder reached. */
    public double encodeFps() {
        return decoded.size() / (encodeNanos / 1e9);
    }

    /** Frames per second the decoder reached. */
    public double decodeFps() {
        return decoded.size() / (decodeNanos / 1e9);
    }
}
