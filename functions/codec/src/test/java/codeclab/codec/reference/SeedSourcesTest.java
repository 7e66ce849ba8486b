package codeclab.codec.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codeclab.codec.Codec;
import codeclab.codec.seeds.ReferenceCodecs;
import java.io.File;
import java.io.StringWriter;
import java.net.URI;
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

class SeedSourcesTest {

    @Test
    void sourcesShipInTheJarAndMatchTheRepository() throws Exception {
        assertThat(ReferenceCodecs.names()).containsExactly("IntraDctCodec", "InterCodec", "HybridCodec");
        for (String name : ReferenceCodecs.names()) {
            String text = ReferenceCodecs.source(name);
            assertThat(text).isEqualTo(Files.readString(Path.of("src/main/java/codeclab/codec/reference", name + ".java")));
            assertThat(ReferenceCodecs.create(name)).isInstanceOf(Codec.class);
            assertThat(ReferenceCodecs.create(name).getClass().getName()).isEqualTo(ReferenceCodecs.className(name));
        }
        assertThatThrownBy(() -> ReferenceCodecs.source("Nope")).hasMessageContaining("IntraDctCodec");
    }

    @Test
    void sourcesImportOnlyTheCodecApiToolkitAndJava() {
        Pattern imp = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)");
        for (String name : ReferenceCodecs.names()) {
            Matcher m = imp.matcher(ReferenceCodecs.source(name));
            while (m.find()) {
                String target = m.group(2);
                assertThat(target).as(name + " imports " + target)
                        .matches("codeclab\\.codec\\.(Codec|Encoder|Decoder|Frame|StreamHeader|toolkit\\.\\w+)|java\\.util\\.\\w+");
            }
        }
    }

    @Test
    void eachSourceCompilesAloneAsPackageCandidate(@TempDir Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests need a JDK").isNotNull();
        for (String name : ReferenceCodecs.names()) {
            String src = ReferenceCodecs.asCandidate(name);
            assertThat(src).startsWith("package candidate;");
            SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///candidate/" + name + ".java"),
                    SimpleJavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return src;
                }
            };
            StringWriter log = new StringWriter();
            // the class path holds the codec API and toolkit only (target/classes), not the other sources
            boolean ok = javac.getTask(log, null, null,
                    List.of("-d", out.toString(), "-classpath", "target" + File.separator + "classes",
                            "-implicit:none", "-sourcepath", out.toString(), "--release", "21"),
                    null, List.of(file)).call();
            assertThat(ok).as(name + ": " + log).isTrue();
            assertThat(out.resolve("candidate/" + name + ".class")).exists();
        }
    }
}
