package codeclab.codec.seeds;

import codeclab.codec.Codec;
import codeclab.codec.reference.HybridCodec;
import codeclab.codec.reference.InterCodec;
import codeclab.codec.reference.IntraDctCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reference codecs the planners start from, with their source text (copied into the jar at build
 * time). Host code: it reads classpath resources, so the sandbox allowlist must NOT include
 * {@code codeclab.codec.seeds}; candidates never need it.
 *
 * <p>Each source is one self-contained file under {@code package codeclab.codec.reference;} that also
 * compiles after {@link #asCandidate} rewrites its package line.
 */
public final class ReferenceCodecs {

    private static final List<String> NAMES = List.of("IntraDctCodec", "InterCodec", "HybridCodec");
    private static final String PACKAGE = "codeclab.codec.reference";

    private ReferenceCodecs() {
    }

    /** Simple class names of the reference codecs, simplest first. */
    public static List<String> names() {
        return NAMES;
    }

    /** Fully qualified class name of reference codec {@code name}. */
    public static String className(String name) {
        check(name);
        return PACKAGE + "." + name;
    }

    /** A fresh instance of reference codec {@code name} (trusted code, runs in-process). */
    public static Codec create(String name) {
        return switch (check(name)) {
            case "IntraDctCodec" -> new IntraDctCodec();
            case "InterCodec" -> new InterCodec();
            case "HybridCodec" -> new HybridCodec();
            default -> throw new IllegalStateException("no factory for reference codec " + name);
        };
    }

    /** The Java source of reference codec {@code name}, exactly as in the repository. */
    public static String source(String name) {
        String path = "/" + PACKAGE.replace('.', '/') + "/" + check(name) + ".java";
        try (InputStream in = ReferenceCodecs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("source resource " + path + " is missing from the classpath;"
                        + " the codec module's build copies it (maven-resources-plugin, execution copy-reference-sources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read source resource " + path, e);
        }
    }

    /** {@link #source} with its package line replaced by {@code package candidate;}. */
    public static String asCandidate(String name) {
        return source(name).replaceFirst("(?m)^package\\s+[\\w.]+\\s*;", "package candidate;");
    }

    private static String check(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown reference codec '" + name + "'; known: " + NAMES);
        }
        return name;
    }
}
