package codeclab.sandbox.compile;

import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.SandboxConfig.CompilerChoice;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles one candidate source file in memory against the codec API only.
 *
 * <p>Rules checked here: the source is at most {@code maxSourceBytes}; its package is absent or
 * {@code candidate}; it declares exactly one public top-level type (any name). Which class implements
 * {@code Codec} is decided from the bytecode by the verifier, not here. javac is used when the running JDK
 * has it ({@code jdk.compiler}); otherwise, or when forced by {@link CompilerChoice#ECJ}, the Eclipse
 * compiler. Runs in the compiler's child process ({@link CompileServer}), never in the trusted one; tests use it
 * directly to compile probes that skip the verifier. Instances are thread-safe (compilations are serialised: the
 * file manager caches the JDK's class index, which is what makes warm compiles fast).
 */
public final class CandidateCompiler {

    /** The only package a candidate may declare besides the default package. */
    public static final String CANDIDATE_PACKAGE = "candidate";

    private static final boolean JAVAC_PRESENT = ToolProvider.getSystemJavaCompiler() != null;

    private final SandboxConfig config;
    private final boolean useJavac;
    private final JavaCompiler compiler;
    private final StandardJavaFileManager standard;

    /**
     * @param config    limits (source size, diagnostics) and the compiler choice
     * @param classpath directory holding the codec API classes candidates compile against
     */
    public CandidateCompiler(SandboxConfig config, Path classpath) {
        this.config = config;
        this.useJavac = switch (config.compiler()) {
            case AUTO -> JAVAC_PRESENT;
            case JAVAC -> {
                if (!JAVAC_PRESENT) {
                    throw new IllegalStateException("compiler JAVAC was asked for but this runtime has no jdk.compiler;"
                            + " use AUTO or ECJ");
                }
                yield true;
            }
            case ECJ -> false;
        };
        this.compiler = useJavac ? ToolProvider.getSystemJavaCompiler() : new EclipseCompiler();
        this.standard = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of(classpath.toFile()));
            if (!useJavac) {
                // ECJ looks up in-memory sources through SOURCE_PATH; an empty directory is enough.
                Path empty = Files.createTempDirectory(config.workRoot(), "codeclab-ecj-src");
                empty.toFile().deleteOnExit();
                standard.setLocation(StandardLocation.SOURCE_PATH, List.of(empty.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the compiler's class path " + classpath, e);
        }
    }

    /** True when the running JDK has javac ({@code jdk.compiler}); decided once per JVM. */
    public static boolean javacPresent() {
        return JAVAC_PRESENT;
    }

    /** "javac" or "ecj": what {@code choice} compiles with on this runtime (the compiler child runs the same one). */
    public static String compilerName(CompilerChoice choice) {
        return choice == CompilerChoice.ECJ || (choice == CompilerChoice.AUTO && !JAVAC_PRESENT) ? "ecj" : "javac";
    }

    /** "javac" or "ecj". */
    public String compilerName() {
        return useJavac ? "javac" : "ecj";
    }

    /**
     * Compiles {@code source}. Returns the classes with the public top-level type as {@code className};
     * the verifier checks that it implements {@code Codec}.
     *
     * @throws CompileException with the compiler's errors (line, column, message), capped
     */
    public CompiledCodec compile(String source) throws CompileException {
        int size = source.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.maxSourceBytes()) {
            throw new CompileException("source is " + size + " bytes; the limit is " + config.maxSourceBytes()
                    + " bytes: shorten it or use the toolkit instead of inlined tables");
        }
        Optional<String> pkg = SourceScanner.packageName(source);
        if (pkg.isPresent() && !pkg.get().equals(CANDIDATE_PACKAGE)) {
            throw new CompileException("package " + pkg.get() + " is not allowed: declare no package or 'package "
                    + CANDIDATE_PACKAGE + ";'");
        }
        List<String> publicTypes = SourceScanner.publicTopLevelTypes(source);
        if (publicTypes.size() != 1) {
            throw new CompileException(publicTypes.isEmpty()
                    ? "no public top-level class found: declare 'public final class YourCodec implements Codec'"
                    : "found public top-level types " + publicTypes + ": a candidate has exactly one public top-level class");
        }
        String simpleName = publicTypes.get(0);
        String binaryName = pkg.map(p -> p + "." + simpleName).orElse(simpleName);
        synchronized (this) {
            return compileLocked(source, binaryName);
        }
    }

    private CompiledCodec compileLocked(String source, String binaryName) throws CompileException {
        SourceFile file = new SourceFile(binaryName, source);
        MemoryFileManager fm = new MemoryFileManager(standard, file);
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        StringWriter compilerOut = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-proc:none", "-g:source,lines"));
        options.addAll(releaseOptions(useJavac, Path.of(System.getProperty("java.home"))));
        if (!useJavac) {
            options.add("-warn:none");
        } else {
            options.add("-Xlint:none");
        }
        boolean ok;
        try {
            ok = compiler.getTask(compilerOut, fm, collector, options, null, List.of(file)).call();
        } catch (RuntimeException e) {
            // A compiler crash on hostile input is still the candidate's compile error, said as such.
            throw new CompileException("the compiler failed on this source: " + cap(String.valueOf(e)));
        }
        List<Diagnostic> errors = new ArrayList<>();
        for (javax.tools.Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR && errors.size() < config.maxDiagnostics()) {
                errors.add(new Diagnostic(Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
                        cap(d.getMessage(Locale.ROOT))));
            }
        }
        // ECJ writes class files (with throwing stubs) even for sources with errors: never use them.
        if (!ok || !errors.isEmpty()) {
            if (errors.isEmpty()) {
                errors.add(new Diagnostic(0, 0, cap("compilation failed: " + compilerOut)));
            }
            throw new CompileException(errors);
        }
        String internal = binaryName.replace('.', '/');
        if (!fm.classes.containsKey(internal)) {
            throw new CompileException("the compiler produced no class " + binaryName + "; produced " + fm.classes.keySet());
        }
        return new CompiledCodec(internal, fm.classes);
    }

    /** The language level candidates are written in (the codec API's, and the Lambda runtime's). */
    static final String LANGUAGE = "21";

    /**
     * {@code --release 21} compiles against the Java 21 API as recorded in the JDK's {@code lib/ct.sym}. javac always
     * has it; ECJ reads it too, but a runtime without it (a JRE or a jlinked image, like Lambda's java21 runtime) has
     * only its own class library, and ECJ's {@code --release} then works only when the runtime is exactly that
     * release (any other rejects every source: "java.lang.Object cannot be resolved"). There ECJ compiles with
     * {@code -source}/{@code -target 21} against the runtime's own library, which is the one the candidate runs on
     * in the child process anyway.
     */
    static List<String> releaseOptions(boolean javac, Path javaHome) {
        if (javac || Files.isRegularFile(javaHome.resolve("lib").resolve("ct.sym"))) {
            return List.of("--release", LANGUAGE);
        }
        return List.of("-source", LANGUAGE, "-target", LANGUAGE);
    }

    private String cap(String s) {
        return s.length() <= config.maxMessageChars() ? s : s.substring(0, config.maxMessageChars()) + "...";
    }

    /** The candidate's source, held in memory. */
    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;
        private final String binaryName;

        SourceFile(String binaryName, String source) {
            super(URI.create("mem:///" + binaryName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
            this.binaryName = binaryName;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    /** A class file the compiler writes, kept in memory. */
    private static final class ClassOutput extends SimpleJavaFileObject {
        private final String internalName;
        private final Map<String, byte[]> sink;

        ClassOutput(String internalName, Map<String, byte[]> sink) {
            super(URI.create("mem:///" + internalName + Kind.CLASS.extension), Kind.CLASS);
            this.internalName = internalName;
            this.sink = sink;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    sink.put(internalName, toByteArray());
                }
            };
        }
    }

    /** Serves the one in-memory source and collects class files; the rest goes to the standard manager. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, byte[]> classes = new LinkedHashMap<>();
        private final SourceFile source;

        MemoryFileManager(StandardJavaFileManager standard, SourceFile source) {
            super(standard);
            this.source = source;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new ClassOutput(className.replace('.', '/'), classes);
        }

        @Override
        public boolean contains(Location location, FileObject file) throws IOException {
            return file == source ? location == StandardLocation.SOURCE_PATH : super.contains(location, file);
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            return file == source ? source.binaryName : super.inferBinaryName(location, file);
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return a == b || (!(a instanceof SimpleJavaFileObject) && !(b instanceof SimpleJavaFileObject)
                    && super.isSameFile(a, b));
        }

        @Override
        public void close() {
            // The standard manager is shared between compilations; keep it open.
        }
    }
}
