package codeclab.sandbox.compile;

import java.util.List;

/** The candidate did not compile, or broke a source-level rule (size, package, no codec class). */
public final class CompileException extends Exception {

    private final List<Diagnostic> diagnostics;

    public CompileException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public CompileException(String message) {
        this(List.of(new Diagnostic(0, 0, message)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> ds) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : ds) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(d);
        }
        return sb.toString();
    }
}
