package codeclab.sandbox.compile;

/**
 * One compiler error as the planner sees it.
 *
 * @param line    1-based source line, or 0 when the compiler gave none
 * @param column  1-based column, or 0 when the compiler gave none
 * @param message the compiler's message, capped in length
 */
public record Diagnostic(long line, long column, String message) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ":" + column + ": " + message : message;
    }
}
