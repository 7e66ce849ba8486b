package codeclab.codec;

/** Decodes one sequence. The harness calls {@link #decode} exactly {@code frameCount} times. */
public interface Decoder {

    /** Returns the next decoded frame in display order. */
    Frame decode();
}
