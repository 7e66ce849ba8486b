package codeclab.sandbox.verify;

/**
 * One reference the sandbox forbids.
 *
 * @param where  the candidate class and method that made it ({@code Foo.encode}); the class alone for
 *               declarations
 * @param line   source line from the LineNumberTable, or 0 when unknown
 * @param symbol what was referenced: {@code owner.name+descriptor} for members, the class name for types
 * @param reason the rule it breaks, in words the planner can act on
 */
public record Violation(String where, int line, String symbol, String reason) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + " " : "") + "(" + where + "): " + symbol + " — " + reason;
    }
}
