package codeclab.planner.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's answer in the format {@link PromptBuilder} asks for: a {@code HYPOTHESIS:} line, then
 * either the full source in exactly one {@code ```java} block, or SEARCH/REPLACE blocks against the parent:
 * <pre>
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * exact lines of the parent
 * =======
 * replacement lines
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 * Every way an answer can be unusable becomes an {@link Parsed.Invalid} with a reason the model can act on.
 */
public final class AnswerParser {

    static final String SEARCH = "<<<<<<< SEARCH";
    static final String DIVIDER = "=======";
    static final String REPLACE = ">>>>>>> REPLACE";

    private static final Pattern FENCE = Pattern.compile("```([A-Za-z]*)[ \\t]*\\R(.*?)(?:```|\\z)", Pattern.DOTALL);
    private static final Pattern HYPOTHESIS = Pattern.compile("(?im)^\\s*\\**hypothesis\\**\\s*:\\s*\\**\\s*(.+)$");
    private static final Pattern EDIT = Pattern.compile(
            "^<<<<<<< SEARCH[ \\t]*\\R(.*?)^=======[ \\t]*\\R(.*?)^>>>>>>> REPLACE[ \\t]*$", Pattern.DOTALL | Pattern.MULTILINE);

    private AnswerParser() {
    }

    /** What the answer holds. */
    public sealed interface Parsed {
        /** A complete source file (not yet checked: see {@link SourceCheck}). */
        record FullSource(String source) implements Parsed {
        }

        /** Edits to apply to the parent. */
        record Edits(List<Edit> edits) implements Parsed {
        }

        /** Unusable, with the reason. */
        record Invalid(String reason) implements Parsed {
        }
    }

    /** One SEARCH/REPLACE block. */
    public record Edit(String search, String replace) {
    }

    public static Parsed parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return new Parsed.Invalid("the answer was empty");
        }
        if (answer.contains(SEARCH)) {
            List<Edit> edits = new ArrayList<>();
            Matcher m = EDIT.matcher(answer);
            while (m.find()) {
                edits.add(new Edit(m.group(1), m.group(2)));
            }
            long opened = answer.lines().filter(l -> l.strip().equals(SEARCH)).count();
            if (edits.isEmpty() || edits.size() != opened) {
                return new Parsed.Invalid("malformed SEARCH/REPLACE block: each block needs the lines '" + SEARCH
                        + "', '" + DIVIDER + "' and '" + REPLACE + "' on lines of their own");
            }
            return new Parsed.Edits(edits);
        }
        List<String> javaBlocks = new ArrayList<>();
        List<String> otherBlocks = new ArrayList<>();
        Matcher m = FENCE.matcher(answer);
        while (m.find()) {
            (m.group(1).equalsIgnoreCase("java") ? javaBlocks : otherBlocks).add(m.group(2));
        }
        if (javaBlocks.isEmpty() && otherBlocks.size() == 1 && otherBlocks.getFirst().contains("class ")) {
            javaBlocks = otherBlocks; // an untagged fence holding Java is still Java
        }
        if (javaBlocks.size() > 1) {
            return new Parsed.Invalid("the answer has " + javaBlocks.size()
                    + " ```java code blocks; put the whole codec in exactly one block");
        }
        if (javaBlocks.isEmpty()) {
            return new Parsed.Invalid(looksLikeRefusal(answer)
                    ? "the model declined: " + LlmException.oneLine(answer)
                    : "the answer has no ```java code block and no SEARCH/REPLACE blocks");
        }
        return new Parsed.FullSource(javaBlocks.getFirst().stripTrailing() + "\n");
    }

    /** The complete SEARCH/REPLACE blocks of an answer, in order: of a truncated answer, the ones before the cut. */
    public static List<Edit> completeEdits(String answer) {
        List<Edit> edits = new ArrayList<>();
        Matcher m = EDIT.matcher(answer == null ? "" : answer);
        while (m.find()) {
            edits.add(new Edit(m.group(1), m.group(2)));
        }
        return edits;
    }

    /** The {@code HYPOTHESIS:} line, or else the first sentence of prose before any code. */
    public static Optional<String> hypothesis(String answer) {
        if (answer == null) {
            return Optional.empty();
        }
        Matcher m = HYPOTHESIS.matcher(answer);
        if (m.find()) {
            return Optional.of(clip(m.group(1).replace("**", "").strip()));
        }
        String prose = answer.split("```|" + Pattern.quote(SEARCH), 2)[0].strip();
        return prose.isEmpty() ? Optional.empty() : Optional.of(clip(prose.lines().findFirst().orElse(prose)));
    }

    private static String clip(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static boolean looksLikeRefusal(String answer) {
        String a = answer.toLowerCase(Locale.ROOT);
        return a.contains("i can't") || a.contains("i cannot") || a.contains("i can not") || a.contains("i won't")
                || a.contains("i'm sorry") || a.contains("i am sorry") || a.contains("unable to help")
                || a.contains("not able to");
    }
}
