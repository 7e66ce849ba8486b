package codeclab.codec.reference;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.codec.Codec;
import codeclab.codec.Frame;
import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/CODEC-API.md is what the planner shows the LLM: its example must work and its toolkit list must be complete. */
class CodecApiDocTest {

    private static final Path DOC = Path.of("../../docs/CODEC-API.md");

    @Test
    void docStaysCompact() throws Exception {
        // the planner sends it whole: room for the issue-12 toolkit, still well under a few thousand tokens per hundred lines
        assertThat(Files.readAllLines(DOC)).hasSizeLessThanOrEqualTo(340);
    }

    @Test
    void everyPublicToolkitMethodIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        for (String cls : List.of("Plane", "Planes", "Dct", "Quant", "ZigZag", "BitWriter", "BitReader", "BitModel",
                "RangeEncoder", "RangeDecoder", "MotionVector", "MotionSearch", "Resample", "Deblock", "BitstreamException",
                "BinCoder", "BinCounter", "Contexts", "BlockGrid", "SubPel", "MotionField", "Rd", "IntraPred", "Quadtree", "LoopFilter", "Rdoq", "AdaptiveQp", "Gop", "QpelPlane")) {
            Class<?> c = Class.forName("codeclab.codec.toolkit." + cls);
            assertThat(doc).as("class " + cls).contains("**" + cls + "**");
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()
                        && !List.of("equals", "hashCode", "toString", "data", "width", "height", "dx", "dy", "cost", "visit", "values", "valueOf", "display", "type", "forward", "backward", "layer").contains(m.getName())) {
                    assertThat(doc).as(cls + "." + m.getName()).contains(m.getName());
                }
            }
        }
    }

    @Test
    void exampleCodecCompilesAsACandidateAndRoundTrips(@TempDir Path out) throws Exception {
        Matcher m = Pattern.compile("```java\\n(package candidate;.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(m.find()).as("example block").isTrue();
        String src = m.group(1);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///candidate/DpcmCodec.java"),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        };
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, null, List.of("-d", out.toString(), "-classpath",
                "target" + File.separator + "classes", "--release", "21"), null, List.of(file)).call();
        assertThat(ok).as(log.toString()).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, Codec.class.getClassLoader())) {
            Codec codec = (Codec) loader.loadClass("candidate.DpcmCodec").getConstructor().newInstance();
            List<Frame> clip = TestClips.movingScene(64, 48, 3, 1, 5);
            TestClips.Result low = TestClips.roundTrip(codec, clip, 10);
            TestClips.Result high = TestClips.roundTrip(codec, clip, 90);
            assertThat(high.decoded()).hasSize(3);
            assertThat(high.psnrY()).isGreaterThan(low.psnrY());
            assertThat(high.bits().length).isGreaterThan(low.bits().length);
        }
    }
}
