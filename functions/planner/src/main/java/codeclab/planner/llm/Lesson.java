package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one failed experiment teaches: its outcome class, what it tried, the first line of its error and the lines of
 * its source the error points at (a compiler or verifier line number, a stack frame, or the first line naming the
 * forbidden class).
 *
 * @param id         the experiment
 * @param outcome    its failure class
 * @param hypothesis what it tried
 * @param firstLine  the first line of its error message
 * @param region     numbered source lines around the error, or null when the error points nowhere in the source
 */
public record Lesson(String id, OutcomeKind outcome, String parentId, String hypothesis, String firstLine, String region) {

    private static final Pattern LINE = Pattern.compile("(?:\\bline (\\d+)|\\.java:(\\d+))");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:java|javax|sun|jdk)\\.[\\w.$]*?\\.([A-Z]\\w*)");
    private static final int CONTEXT = 2;

    public static Lesson of(Program p, String source) {
        String message = p.message() == null ? "(no message)" : p.message().strip();
        // The first line that says something: messages often start with a header like "the source does not compile:".
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String first = lines.isEmpty() ? "(no message)" : lines.getFirst();
        if (first.endsWith(":") && lines.size() > 1) {
            first = first + " " + lines.get(1);
        }
        return new Lesson(p.id(), p.outcome(), p.parentId(), p.experiment().hypothesis(), clip(first, 300),
                source == null ? null : region(message, source).orElse(null));
    }

    /** Numbered source lines around the place the message refers to. */
    static Optional<String> region(String message, String source) {
        List<String> src = source.lines().toList();
        int line = -1;
        Matcher m = LINE.matcher(message);
        while (m.find() && line < 0) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            if (n >= 1 && n <= src.size()) {
                line = n;
            }
        }
        if (line < 0) {
            Matcher c = CLASS_NAME.matcher(message);
            if (c.find()) {
                Pattern use = Pattern.compile("\\b" + Pattern.quote(c.group(1)) + "\\b");
                for (int i = 0; i < src.size() && line < 0; i++) {
                    if (use.matcher(src.get(i)).find() && !src.get(i).strip().startsWith("import")) {
                        line = i + 1;
                    }
                }
            }
        }
        if (line < 0) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (int i = Math.max(1, line - CONTEXT); i <= Math.min(src.size(), line + CONTEXT); i++) {
            out.add(String.format(Locale.ROOT, "%s%4d| %s", i == line ? ">" : " ", i, clip(src.get(i - 1), 160)));
        }
        return Optional.of(String.join("\n", out));
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
