package codeclab.codec;

/**
 * What a decoder is told besides the bitstream: picture size, frame count and frame rate.
 *
 * <p>Nothing else reaches the decoder. In particular the quality the encoder was asked for is
 * not part of the header: an encoder that needs it at decode time must write it into the bitstream,
 * where the harness counts it.
 *
 * @param width      luma width in pixels, even, &ge; 2
 * @param height     luma height in pixels, even, &ge; 2
 * @param frameCount number of frames in the sequence, &ge; 1
 * @param fpsNum     frame-rate numerator, &ge; 1
 * @param fpsDen     frame-rate denominator, &ge; 1
 */
public record StreamHeader(int width, int height, int frameCount, int fpsNum, int fpsDen) {

    /** Largest accepted dimension; keeps a hostile header from asking for gigabytes. */
    public static final int MAX_DIMENSION = 8192;

    public StreamHeader {
        if (width < 2 || height < 2 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("picture size " + width + "x" + height
                    + " is outside 2.." + MAX_DIMENSION);
        }
        if ((width & 1) != 0 || (height & 1) != 0) {
            throw new IllegalArgumentException("picture size " + width + "x" + height
                    + " has an odd dimension; 4:2:0 needs even width and height");
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frame count " + frameCount + " must be >= 1");
        }
        if (fpsNum < 1 || fpsDen < 1) {
            throw new IllegalArgumentException("frame rate " + fpsNum + "/" + fpsDen + " must be positive");
        }
    }

    /** Frames per second as a double. */
    public double fps() {
        return (double) fpsNum / fpsDen;
    }

    /** Chroma plane width (4:2:0). */
    public int chromaWidth() {
        return width / 2;
    }

    /** Chroma plane height (4:2:0). */
    public int chromaHeight() {
        return height / 2;
    }
}
