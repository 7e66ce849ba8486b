package codeclab.planner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a codec's source for duplicate detection: SHA-256 of the source without its package line, comments
 * and layout (whitespace only survives as one space between two word characters). Two sources with equal fingerprints
 * compile to the same codec; string and char literals are kept as written.
 */
public final class SourceFingerprint {

    private SourceFingerprint() {
    }

    public static String of(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        boolean pendingSpace = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
                pendingSpace = true;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                pendingSpace = true;
            } else if (Character.isWhitespace(c)) {
                i++;
                pendingSpace = true;
            } else if (c == '"' || c == '\'') {
                int j = s.startsWith("\"\"\"", i) ? s.indexOf("\"\"\"", i + 3) + 3 : literalEnd(s, i, c);
                j = j < 3 || j > n ? n : j;
                out.append(s, i, j);
                i = j;
                pendingSpace = false;
            } else {
                if (pendingSpace && out.length() > 0 && isWord(out.charAt(out.length() - 1)) && isWord(c)) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
                i++;
            }
        }
        return out.toString().replaceFirst("^package [\\w.]+;", "");
    }

    private static int literalEnd(String s, int start, char quote) {
        int j = start + 1;
        while (j < s.length() && s.charAt(j) != quote && s.charAt(j) != '\n') {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), j + 1);
    }

    private static boolean isWord(char c) {
        return Character.isJavaIdentifierPart(c);
    }
}
