package codeclab.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the pages spell a codec-lab command so that it works when pasted: the launcher that wrote the site (e.g.
 * {@code .ci/codec-lab}) and the backend arguments it used ({@code --data DIR} or {@code --stack NAME}).
 *
 * @param launcher    the command that starts the CLI
 * @param backendArgs arguments every data command needs (empty for the defaults)
 */
public record CliCommand(String launcher, List<String> backendArgs) {

    /** The installed command on the default data folder (what a site written without a CLI shows). */
    public static final CliCommand DEFAULT = new CliCommand("codec-lab", List.of());

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    public CliCommand {
        launcher = launcher == null || launcher.isBlank() ? "codec-lab" : launcher;
        backendArgs = List.copyOf(backendArgs == null ? List.of() : backendArgs);
    }

    /** {@code launcher sub args... backendArgs...}, arguments quoted for a POSIX shell where needed. */
    public String of(String sub, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(backendArgs);
        StringBuilder b = new StringBuilder(launcher).append(' ').append(sub);
        for (String a : all) {
            b.append(' ').append(SAFE.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
