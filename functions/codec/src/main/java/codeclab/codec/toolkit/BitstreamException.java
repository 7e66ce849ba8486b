package codeclab.codec.toolkit;

/** A bitstream is truncated or malformed: a reader ran past its end or met an impossible value. */
public class BitstreamException extends RuntimeException {

    public BitstreamException(String message) {
        super(message);
    }
}
