package codeclab.monitor.analysis;

import codeclab.core.OutcomeKind;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises a failure message so that the same error gives the same signature whatever its line and column
 * numbers, experiment ids, hashes, numbers or temporary paths: the outcome kind plus the first non-blank line
 * of the message with those parts replaced by placeholders. When that line only introduces what follows (it ends
 * with a colon, like "the source does not compile:"), the next line is kept with it: the compiler's or verifier's
 * own first line is what tells one error from another.
 */
public final class ErrorSignature {

    private static final int MAX = 160;
    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern ULID = Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{26}\\b");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[\\\\/][\\w.$@+~-]+){2,}[\\\\/]?");
    private static final Pattern FILE_POS = Pattern.compile("\\b[\\w$-]+\\.(?:java|class|py|txt|json)(?::\\d+)+");
    private static final Pattern LINE_COL = Pattern.compile("(?i)\\b(line|column|col|offset|position|pos)\\s*[:=]?\\s*\\d+");
    private static final Pattern HEX = Pattern.compile("\\b(?:0x)?[0-9a-fA-F]*\\d[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b"
            + "|\\b(?:0x)?[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\d[0-9a-fA-F]*\\b");
    private static final Pattern SYNTH_ID = Pattern.compile("\\b(?:exp|run|experiment|job|req|id)[-_:#]?[\\w-]*\\d[\\w-]*\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LAMBDA_CLASS = Pattern.compile("\\$\\$?(?:Lambda|\\d)[\\w$/.]*");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ErrorSignature() {
    }

    /** The signature of a failure; {@code message} may be null or blank. */
    public static String of(OutcomeKind outcome, String message) {
        return outcome.name() + ": " + normalise(message);
    }

    /** The normalised first non-blank line of a message. */
    public static String normalise(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        List<String> lines = message.lines().filter(l -> !l.isBlank()).map(String::strip).limit(2).toList();
        String line = lines.isEmpty() ? "" : lines.get(0);
        if (line.endsWith(":") && lines.size() > 1) {
            line = line + " " + lines.get(1);
        }
        String s = UUID.matcher(line).replaceAll("<id>");
        s = ULID.matcher(s).replaceAll("<id>");
        s = FILE_POS.matcher(s).replaceAll(m -> m.group().replaceAll("(:\\d+)+$", ""));
        s = PATH.matcher(s).replaceAll("<path>");
        s = LINE_COL.matcher(s).replaceAll("$1 <n>");
        s = LAMBDA_CLASS.matcher(s).replaceAll("");
        s = SYNTH_ID.matcher(s).replaceAll("<id>");
        s = HEX.matcher(s).replaceAll(m -> m.group().length() >= 7 ? "<hash>" : m.group());
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        s = s.toLowerCase(Locale.ROOT);
        return s.length() > MAX ? s.substring(0, MAX) : s;
    }
}
