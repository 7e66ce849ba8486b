package codeclab.planner.evolve;

import codeclab.codec.Codec;
import codeclab.codec.Frame;
import codeclab.codec.StreamHeader;
import codeclab.core.ClipEvaluation;
import codeclab.core.Evaluation;
import codeclab.core.OutcomeKind;
import codeclab.core.RdPoint;
import codeclab.planner.llm.SourceCheck;
import codeclab.sandbox.CodecRunner;
import codeclab.sandbox.InProcessRunner;
import codeclab.sandbox.RunFailure;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap real evaluator for tests: compiles the source with javax.tools in memory, runs it through the
 * sandbox's {@link InProcessRunner} on a small synthetic clip, and measures bitrate and PSNR-Y itself.
 * BD-rate is against an anchor curve measured once (piecewise-linear Bjontegaard over the overlap).
 */
final class CompilingEvaluator implements Evaluator {

    static final List<Integer> QUALITIES = List.of(20, 40, 60, 80);
    final StreamHeader header;
    final List<Frame> clip;
    final List<RdPoint> anchor;
    int compiles;

    CompilingEvaluator(int width, int height, int frames) {
        this.header = new StreamHeader(width, height, frames, 25, 1);
        this.clip = SyntheticClip.frames(width, height, frames);
        List<RdPoint> a = measure(DesignTemplate.render(Design.intraSeed()), "Anchor");
        this.anchor = a;
    }

    @Override
    public Result evaluate(String source) {
        try {
            List<RdPoint> pts = measure(source, null);
            Double bd = bdRate(anchor, pts);
            Double atTarget = rateAt(pts, 34.0);
            ClipEvaluation ce = new ClipEvaluation("synthetic", "n/a", header.width(), header.height(), header.frameCount(),
                    header.fps(), pts, anchor, bd, bd == null ? "no overlap" : null, atTarget, rateAt(anchor, 34.0));
            return new Result.Measured(new Evaluation(34.0, List.of(ce), 0, 0));
        } catch (Failure f) {
            return new Result.Failed(f.kind, f.getMessage());
        }
    }

    static final class Failure extends RuntimeException {
        final OutcomeKind kind;

        Failure(OutcomeKind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    List<RdPoint> measure(String source, String renameTo) {
        Class<?> cls = compile(source);
        InProcessRunner runner = new InProcessRunner(() -> {
            try {
                return (Codec) cls.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            List<CodecRunner.Encoded> enc = runner.encode(null, header, clip, QUALITIES);
            List<CodecRunner.Decoded> dec = runner.decode(null, header, enc.stream().map(CodecRunner.Encoded::bitstream).toList());
            List<RdPoint> pts = new ArrayList<>();
            for (int i = 0; i < enc.size(); i++) {
                List<Frame> out = dec.get(i).frames();
                double mse = 0;
                for (int f = 0; f < clip.size(); f++) {
                    Frame o = out.get(f);
                    if (o == null || o.width() != header.width() || o.height() != header.height()) {
                        throw new Failure(OutcomeKind.BAD_OUTPUT, "frame " + f + " has the wrong size");
                    }
                    mse += mse(clip.get(f).y(), o.y());
                }
                mse /= clip.size();
                double psnr = mse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / mse);
                long bytes = enc.get(i).bitstream().length;
                double kbps = bytes * 8.0 * header.fps() / header.frameCount() / 1000.0;
                pts.add(new RdPoint(QUALITIES.get(i), bytes, kbps, psnr, psnr, 0, enc.get(i).seconds(), dec.get(i).seconds()));
            }
            return pts;
        } catch (RunFailure e) {
            throw new Failure(e.kind(), e.getMessage());
        }
    }

    static double mse(byte[] a, byte[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            s += d * d;
        }
        return s / a.length;
    }

    /** Average log-rate difference over the PSNR overlap, piecewise linear; null without overlap. */
    static Double bdRate(List<RdPoint> ref, List<RdPoint> test) {
        List<RdPoint> r = ref.stream().sorted((x, y) -> Double.compare(x.psnrY(), y.psnrY())).toList();
        List<RdPoint> t = test.stream().sorted((x, y) -> Double.compare(x.psnrY(), y.psnrY())).toList();
        double lo = Math.max(r.getFirst().psnrY(), t.getFirst().psnrY());
        double hi = Math.min(r.getLast().psnrY(), t.getLast().psnrY());
        if (!(hi > lo) || t.stream().anyMatch(p -> p.bytes() == 0)) {
            return null;
        }
        int n = 64;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double q = lo + (hi - lo) * i / n;
            sum += Math.log10(rateAt(t, q)) - Math.log10(rateAt(r, q));
        }
        return (Math.pow(10, sum / (n + 1)) - 1) * 100;
    }

    /** Bitrate at PSNR-Y {@code q} by linear interpolation in log-rate, or null outside the curve. */
    static Double rateAt(List<RdPoint> pts, double q) {
        List<RdPoint> s = pts.stream().sorted((x, y) -> Double.compare(x.psnrY(), y.psnrY())).toList();
        for (int i = 0; i + 1 < s.size(); i++) {
            RdPoint a = s.get(i);
            RdPoint b = s.get(i + 1);
            if (q >= a.psnrY() && q <= b.psnrY() && b.psnrY() > a.psnrY()) {
                double f = (q - a.psnrY()) / (b.psnrY() - a.psnrY());
                double la = Math.log10(Math.max(1e-6, a.bitrateKbps()));
                double lb = Math.log10(Math.max(1e-6, b.bitrateKbps()));
                return Math.pow(10, la + f * (lb - la));
            }
        }
        return null;
    }

    Class<?> compile(String source) {
        String name = binaryName(source).orElseThrow(() -> new Failure(OutcomeKind.COMPILE_ERROR, "no codec class"));
        Map<String, byte[]> classes = compileAll(Map.of(name, source));
        compiles++;
        ClassLoader loader = new ClassLoader(Codec.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                byte[] b = classes.get(n);
                if (b == null) {
                    throw new ClassNotFoundException(n);
                }
                return defineClass(n, b, 0, b.length);
            }
        };
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new Failure(OutcomeKind.COMPILE_ERROR, "class " + name + " missing after compile");
        }
    }

    /** The codec class's binary name: its simple name, in package {@code candidate} when the source declares it. */
    static java.util.Optional<String> binaryName(String source) {
        boolean inCandidate = source.matches("(?s)\\s*(//[^\\n]*\\n\\s*)*package\\s+candidate\\s*;.*");
        return SourceCheck.className(source).map(n -> inCandidate ? "candidate." + n : n);
    }

    /** Compiles several sources (class name -> source) in one javac task; throws Failure with the diagnostics. */
    static Map<String, byte[]> compileAll(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diags, null, null);
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location l, String className, JavaFileObject.Kind k, FileObject s) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), k) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, c -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((n, src) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + n.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return src;
            }
        }));
        String cp;
        try {
            cp = Path.of(Codec.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        boolean ok = javac.getTask(null, fm, diags, List.of("-classpath", cp, "-proc:none", "-Xlint:none"), null, units).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
                            .append(": ").append(d.getMessage(null)).append('\n');
                }
            }
            throw new Failure(OutcomeKind.COMPILE_ERROR, sb.toString());
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }
}
