package codeclab.planner.llm;

/** A model call failed. The message is one line and names what to fix; {@link #kind} drives retrying. */
public final class LlmException extends Exception {

    /** Why the call failed. */
    public enum Kind {
        THROTTLED(true), SERVER_ERROR(true), TIMEOUT(true),
        /** The endpoint answered 200 with a body that is not the JSON it should be (cut, proxy page...). */
        MALFORMED(true),
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
    private final java.time.Duration retryAfter;

    public LlmException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** @param retryAfter how long the endpoint asked us to wait (its Retry-After), or null */
    public LlmException(Kind kind, String message, java.time.Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The wait the endpoint asked for (HTTP Retry-After / retry-after-ms), or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Parses Retry-After (delta seconds or an HTTP date) or retry-after-ms; null when absent or unreadable.
     *
     * @param now for HTTP dates
     */
    static java.time.Duration parseRetryAfter(String retryAfter, String retryAfterMs, java.time.Instant now) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                return java.time.Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.strip())));
            }
            if (retryAfter == null || retryAfter.isBlank()) {
                return null;
            }
            String v = retryAfter.strip();
            if (v.matches("\\d+(\\.\\d+)?")) {
                return java.time.Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
            }
            java.time.Instant at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            java.time.Duration d = java.time.Duration.between(now, at);
            return d.isNegative() ? java.time.Duration.ZERO : d;
        } catch (RuntimeException unreadable) {
            return null; // a bad header falls back to our own backoff
        }
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
