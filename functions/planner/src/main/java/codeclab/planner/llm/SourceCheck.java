package codeclab.planner.llm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap structural checks on a proposed source before anything compiles it: balanced braces and
 * parentheses (a truncated answer is the common failure) and a public top-level class implementing Codec.
 */
public final class SourceCheck {

    private static final Pattern PUBLIC_CODEC = Pattern.compile(
            "public\\s+(?:final\\s+)?class\\s+([A-Za-z_$][A-Za-z0-9_$]*)[^{]*\\bimplements\\b[^{]*\\bCodec\\b");

    private SourceCheck() {
    }

    /** Why the source is unusable, or empty when it passes. */
    public static Optional<String> problem(String source) {
        if (source == null || source.isBlank()) {
            return Optional.of("the code block is empty");
        }
        String code = stripCommentsAndStrings(source);
        int braces = 0;
        int parens = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') braces++;
            else if (c == '}') braces--;
            else if (c == '(') parens++;
            else if (c == ')') parens--;
            if (braces < 0 || parens < 0) {
                return Optional.of("unbalanced braces or parentheses: a '" + c + "' closes nothing");
            }
        }
        if (braces != 0 || parens != 0) {
            return Optional.of("the code looks truncated: " + braces + " unclosed '{' and " + parens
                    + " unclosed '('; send the complete file");
        }
        if (className(source).isEmpty()) {
            return Optional.of("no public class implementing codeclab.codec.Codec (expected 'public class X implements Codec')");
        }
        return Optional.empty();
    }

    /** The name of the public class implementing Codec, if any. */
    public static Optional<String> className(String source) {
        Matcher m = PUBLIC_CODEC.matcher(stripCommentsAndStrings(source));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Replaces comments, string, text-block and char literals by spaces so brace counting sees code only. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(n, j + 1);
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
