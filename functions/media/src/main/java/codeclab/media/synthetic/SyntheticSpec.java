package codeclab.media.synthetic;

import codeclab.codec.StreamHeader;

/**
 * What to generate: picture size, length, frame rate and the seed from which every content parameter
 * (motion, palette, objects, grain, cut position) is drawn. Same spec, same samples.
 */
public record SyntheticSpec(int width, int height, int frames, int fpsNum, int fpsDen, long seed) {

    public SyntheticSpec {
        // StreamHeader checks size and rate; reuse its messages.
        new StreamHeader(width, height, frames, fpsNum, fpsDen);
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("synthetic clips need at least 16x16, got " + width + "x" + height);
        }
    }

    /** A spec at 30 fps. */
    public static SyntheticSpec of(int width, int height, int frames, long seed) {
        return new SyntheticSpec(width, height, frames, 30, 1, seed);
    }

    public StreamHeader header() {
        return new StreamHeader(width, height, frames, fpsNum, fpsDen);
    }
}
