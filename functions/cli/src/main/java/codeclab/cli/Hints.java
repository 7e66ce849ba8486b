package codeclab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Commands the CLI suggests ("next: ...", "see ... --help", "start one with ..."), written so that they work when
 * pasted into the same shell: the launcher that started this process ({@code .ci/codec-lab}, an installed
 * {@code codec-lab}, or {@code java -jar .../codec-lab.jar}) and the same {@code --data} or {@code --stack}.
 */
final class Hints {

    /** Set by the launcher script to how it was invoked ({@code $0}). */
    static final String ENV_LAUNCHER = "CODEC_LAB_LAUNCHER";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private Hints() {
    }

    /** How to start the CLI again from this shell. */
    static String launcher() {
        String prop = System.getProperty("codeclab.launcher");
        if (prop != null && !prop.isBlank()) return prop;
        String env = System.getenv(ENV_LAUNCHER);
        if (env != null && !env.isBlank()) return quote(env);
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) return "java --enable-native-access=ALL-UNNAMED -jar " + quote(jar.toString());
        } catch (Exception e) {
            // not a jar (tests, IDE): the plain name below
        }
        return "codec-lab";
    }

    /** {@code launcher sub... [--data D | --stack S] more...}; {@code backend} may be null. */
    static String command(String sub, BackendOptions backend, String... more) {
        List<String> args = new ArrayList<>(backendArgs(backend));
        args.addAll(List.of(more));
        return command(sub, args);
    }

    /** {@code launcher sub args...} with each argument quoted for a POSIX shell where needed. */
    static String command(String sub, List<String> args) {
        StringBuilder b = new StringBuilder(launcher()).append(' ').append(sub);
        for (String a : args) b.append(' ').append(quote(a));
        return b.toString();
    }

    /** The backend arguments the user gave (none for the default data folder). */
    static List<String> backendArgs(BackendOptions backend) {
        if (backend == null) return List.of();
        if (backend.stack != null) return List.of("--stack", backend.stack);
        return dataArgs(backend.data);
    }

    /** {@code --data D} unless {@code data} is null or the default folder. */
    static List<String> dataArgs(Path data) {
        return data == null || data.toString().equals(BackendOptions.DEFAULT_DATA) ? List.of() : List.of("--data", data.toString());
    }

    static String quote(String s) {
        return SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
