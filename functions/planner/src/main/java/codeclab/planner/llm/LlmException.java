package codeclab.planner.llm;

/** A model call failed. The message is one line and names what to fix; {@link #kind} drives retrying. */
public final class LlmException extends Exception {

    /** Why the call failed. */
    public enum Kind {
        THROTTLED(true), SERVER_ERROR(true), TIMEOUT(true),
        UNREACHABLE(false), AUTH(false), UNKNOWN_MODEL(false), BAD_REQUEST(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public LlmException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** First line of a possibly multi-line provider message, shortened. */
    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
