package codeclab.sandbox.run;

import codeclab.codec.Codec;
import codeclab.sandbox.child.ChildMain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The only classes a child JVM gets besides the candidate's: the codec API ({@code codeclab/codec/**} minus
 * excluded packages) and the child's own main ({@code codeclab/sandbox/child/**}). They are copied once per
 * JVM (per exclusion list) into a temp directory, from wherever the host loaded them: a {@code target/classes}
 * directory, a shaded jar (the CLI) or a Lambda's jar. The same directory is the compiler's class path, so a
 * candidate compiles against exactly what it may run with.
 */
public final class RuntimeClasses {

    private static final Map<List<String>, Path> CACHE = new ConcurrentHashMap<>();

    private RuntimeClasses() {
    }

    /** The directory of runtime classes for this exclusion list, extracted on first use. */
    public static Path directory(Path workRoot, List<String> excludedPackages) {
        // Extracted again if someone deleted it (a test's temporary work root, a cleaned /tmp).
        return CACHE.compute(List.copyOf(excludedPackages), (ex, dir) -> dir != null && Files.isDirectory(dir) ? dir
                : extract(workRoot, ex));
    }

    private static Path extract(Path workRoot, List<String> excluded) {
        try {
            Path dir = Files.createTempDirectory(workRoot, "codeclab-runtime-");
            copyPackage(Codec.class, "codeclab/codec/", excluded, dir);
            copyPackage(ChildMain.class, "codeclab/sandbox/child/", List.of(), dir);
            // Children may run as another user (the OS wall): they read these classes, never write them.
            OsWall.grantReadable(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "codeclab-runtime-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the sandbox runtime classes under " + workRoot
                    + ": check that the directory exists and is writable", e);
        }
    }

    private static void copyPackage(Class<?> anchor, String prefix, List<String> excluded, Path target)
            throws IOException {
        List<String> names = listClasses(anchor, prefix);
        int copied = 0;
        for (String name : names) {
            if (excluded.stream().anyMatch(p -> name.startsWith(p + "/"))) {
                continue;
            }
            // Read through the class loader, the one path that works for directories and jars alike.
            try (InputStream in = anchor.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("class " + name + " is listed but the class loader cannot read it");
                }
                Path out = target.resolve(name);
                Files.createDirectories(out.getParent());
                Files.write(out, in.readAllBytes());
                copied++;
            }
        }
        if (copied == 0) {
            throw new IOException("found no classes under " + prefix + " next to " + anchor.getName());
        }
    }

    /** Class file names under {@code prefix} in the code source (directory or jar) that holds {@code anchor}. */
    private static List<String> listClasses(Class<?> anchor, String prefix) throws IOException {
        CodeSource cs = anchor.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IOException("cannot locate the code source of " + anchor.getName());
        }
        Path location;
        try {
            location = Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("unsupported code source " + cs.getLocation() + " for " + anchor.getName(), e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(prefix);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".class"))
                        .forEach(p -> names.add(location.relativize(p).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(prefix) && n.endsWith(".class")) {
                        names.add(n);
                    }
                }
            }
        }
        return names;
    }

    /** Deletes a directory tree; failures are reported, not hidden. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete sandbox directory " + dir, e);
        }
    }
}
