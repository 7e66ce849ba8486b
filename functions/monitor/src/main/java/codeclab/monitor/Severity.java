package codeclab.monitor;

/** How urgently an operator should look. Ordered: {@code CRITICAL} is the highest. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
