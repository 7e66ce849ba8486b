package codeclab.sandbox.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the package and the public top-level type names of a Java source without a parser: comments and
 * literals are blanked, then only declarations at brace depth 0 count. javac and ECJ both need the file
 * name to match the public class, so this runs before compiling.
 */
final class SourceScanner {

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.\\s]+?)\\s*;");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "\\bpublic\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp|static)\\s+)*(?:class|record|enum|interface)\\s+(\\w+)");

    private SourceScanner() {
    }

    /** The declared package, if any, with whitespace removed. */
    static Optional<String> packageName(String source) {
        Matcher m = PACKAGE.matcher(blankCommentsAndLiterals(source));
        return m.find() ? Optional.of(m.group(1).replaceAll("\\s", "")) : Optional.empty();
    }

    /** Names of public types declared at the top level, in source order. */
    static List<String> publicTopLevelTypes(String source) {
        String code = blankCommentsAndLiterals(source);
        int[] depth = new int[code.length() + 1];
        int d = 0;
        for (int i = 0; i < code.length(); i++) {
            depth[i] = d;
            char c = code.charAt(i);
            if (c == '{') {
                d++;
            } else if (c == '}') {
                d--;
            }
        }
        List<String> names = new ArrayList<>();
        Matcher m = PUBLIC_TYPE.matcher(code);
        while (m.find()) {
            if (depth[m.start()] == 0) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Replaces comments, string/char literals and text blocks by spaces, keeping offsets and newlines. */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }
}
