package codeclab.store;

/** A run, experiment or artifact that the caller named does not exist; the message names it. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
