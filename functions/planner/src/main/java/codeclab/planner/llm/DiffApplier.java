package codeclab.planner.llm;

import java.util.List;

/** Applies SEARCH/REPLACE edits to a parent source, all or nothing. */
public final class DiffApplier {

    private DiffApplier() {
    }

    /** The result: the new source, or why an edit did not apply. */
    public sealed interface Result {
        record Applied(String source) implements Result {
        }

        record Failed(String reason) implements Result {
        }
    }

    /**
     * Each SEARCH text must occur exactly once in the source as edited so far; an exact match is tried first,
     * then a match that ignores leading and trailing whitespace on each line (models often re-indent).
     */
    public static Result apply(String parent, List<AnswerParser.Edit> edits) {
        String src = parent;
        for (int i = 0; i < edits.size(); i++) {
            AnswerParser.Edit e = edits.get(i);
            String label = "SEARCH block " + (i + 1) + " of " + edits.size();
            if (e.search().isBlank()) {
                return new Result.Failed(label + " is empty");
            }
            int at = src.indexOf(e.search());
            if (at >= 0) {
                if (src.indexOf(e.search(), at + 1) >= 0) {
                    return new Result.Failed(label + " matches the parent more than once; include more context lines");
                }
                src = src.substring(0, at) + e.replace() + src.substring(at + e.search().length());
                continue;
            }
            String loose = replaceLoosely(src, e);
            if (loose == null) {
                return new Result.Failed(label + " does not match the parent: first line '"
                        + e.search().strip().lines().findFirst().orElse("") + "'");
            }
            src = loose;
        }
        return new Result.Applied(src);
    }

    /** Line-wise match ignoring surrounding whitespace; null when there is not exactly one match. */
    private static String replaceLoosely(String src, AnswerParser.Edit e) {
        List<String> lines = src.lines().toList();
        List<String> want = e.search().lines().map(String::strip).toList();
        int found = -1;
        for (int i = 0; i + want.size() <= lines.size(); i++) {
            boolean ok = true;
            for (int j = 0; j < want.size() && ok; j++) {
                ok = lines.get(i + j).strip().equals(want.get(j));
            }
            if (ok) {
                if (found >= 0) {
                    return null;
                }
                found = i;
            }
        }
        if (found < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < found; i++) {
            out.append(lines.get(i)).append('\n');
        }
        out.append(e.replace());
        if (!e.replace().isEmpty() && !e.replace().endsWith("\n")) {
            out.append('\n');
        }
        for (int i = found + want.size(); i < lines.size(); i++) {
            out.append(lines.get(i)).append('\n');
        }
        return out.toString();
    }
}
