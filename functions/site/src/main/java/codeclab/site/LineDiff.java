package codeclab.site;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) rendered as unified-diff-like lines with context. */
public final class LineDiff {

    /** One line of the diff: ' ' kept, '-' removed, '+' added, '@' a hunk separator. */
    public record Line(char op, String text) {
    }

    private LineDiff() {
    }

    /** The diff from {@code before} to {@code after} with {@code context} unchanged lines around changes. */
    public static List<Line> diff(String before, String after, int context) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        // Quadratic LCS is fine for codec sources (a few hundred lines); cap it for hostile sizes.
        if ((long) a.length * b.length > 25_000_000L) {
            return List.of(new Line('@', "diff omitted: sources too large (" + a.length + " x " + b.length + " lines)"));
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add(new Line(' ', a[i++]));
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Removals before additions, as unified diffs show a changed line.
                all.add(new Line('-', a[i++]));
            } else {
                all.add(new Line('+', b[j++]));
            }
        }
        return withContext(all, context);
    }

    private static List<Line> withContext(List<Line> all, int context) {
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).op() != ' ') {
                for (int c = Math.max(0, k - context); c <= Math.min(all.size() - 1, k + context); c++) {
                    keep[c] = true;
                }
            }
        }
        List<Line> out = new ArrayList<>();
        boolean gap = false;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                if (gap && !out.isEmpty()) {
                    out.add(new Line('@', "..."));
                }
                out.add(all.get(k));
                gap = false;
            } else {
                gap = true;
            }
        }
        return out;
    }
}
