package codeclab.media;

/**
 * A clip could not be read, written or imported. The message always names the file (or clip) and
 * what was wrong with it, in one line, so the CLI can print it as is.
 */
public class ClipFormatException extends RuntimeException {

    public ClipFormatException(String message) {
        super(message);
    }

    public ClipFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
