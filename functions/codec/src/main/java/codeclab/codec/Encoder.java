package codeclab.codec;

/** Encodes one sequence. The harness calls {@link #encode} once per frame in display order, then {@link #finish} once. */
public interface Encoder {

    /** Takes the next source frame. The frame must not be modified. */
    void encode(Frame frame);

    /** Returns the complete bitstream for all frames given so far. Called once, after the last frame. */
    byte[] finish();
}
