package codeclab.cli;

/** Turns any exception into the one line the CLI prints. */
final class CliErrors {

    private CliErrors() {
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        // Wrappers add nothing a user can act on; the innermost message that exists is the useful one.
        while ((t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replace('\n', ' ').strip();
    }
}
