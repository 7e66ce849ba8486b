package codeclab.local.asl;

/**
 * An error as Step Functions names it: {@code error} is what Retry and Catch match on
 * (States.Timeout, States.TaskFailed, Lambda.ServiceException, an exception type...), {@code cause}
 * the human-readable detail.
 */
public class AslException extends RuntimeException {

    private final String error;

    public AslException(String error, String cause) {
        super(cause);
        this.error = error;
    }

    public AslException(String error, String cause, Throwable source) {
        super(cause, source);
        this.error = error;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return getMessage();
    }
}
