package codeclab.sandbox.verify;

import java.util.List;

/** The bytecode breaks the sandbox rules: forbidden references, size limits, or the codec contract. */
public final class VerificationException extends Exception {

    /** What kind of rule was broken. */
    public enum Kind {
        /** A forbidden class, member, bootstrap or constant; or a size limit. */
        FORBIDDEN,
        /** No usable codec class: not public, no Codec, no public no-arg constructor. */
        CONTRACT
    }

    private final Kind kind;
    private final List<Violation> violations;

    public VerificationException(Kind kind, List<Violation> violations) {
        super(summary(violations));
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> vs) {
        StringBuilder sb = new StringBuilder();
        for (Violation v : vs) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(v);
        }
        return sb.toString();
    }
}
