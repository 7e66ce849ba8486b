package codeclab.media.ffmpeg;

import java.util.List;

/**
 * How the x264 baseline encodes: an x264 preset, the CRF points (at least 4, each 0..51) and the
 * encoder thread count (fixed, so that the same clip gives the same bytes on a laptop and on Lambda).
 */
public record X264Config(String preset, List<Integer> crfs, int threads) {

    public static final List<Integer> DEFAULT_CRFS = List.of(18, 23, 28, 33, 38);

    public X264Config {
        crfs = List.copyOf(crfs);
        if (crfs.size() < 4) {
            throw new IllegalArgumentException("the baseline needs at least 4 CRF points for a rate-distortion curve, got " + crfs);
        }
        for (int crf : crfs) {
            if (crf < 0 || crf > 51) {
                throw new IllegalArgumentException("CRF " + crf + " is outside 0..51");
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
    }

    /** preset medium, CRF 18, 23, 28, 33, 38, 2 threads. */
    public static X264Config defaults() {
        return new X264Config("medium", DEFAULT_CRFS, 2);
    }
}
