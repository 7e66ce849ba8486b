package codeclab.sandbox;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.core.CodecSize;
import codeclab.core.OutcomeKind;
import codeclab.sandbox.compile.CandidateCompiler;
import codeclab.sandbox.run.RuntimeClasses;
import codeclab.sandbox.verify.CodecSizes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11, attack 2: content inside the codec. Its size is measured, reported, and limited at validate. */
class CodecSizeTest {

    @TempDir
    static Path workRoot;
    static CandidateCompiler compiler;
    static Validator validator;

    @BeforeAll
    static void setUp() {
        SandboxConfig config = SandboxConfig.defaults().withHeapMb(64).withTimeout(Duration.ofSeconds(20)).withWorkRoot(workRoot);
        compiler = new CandidateCompiler(config, RuntimeClasses.directory(workRoot, config.excludedCodecPackages()));
        validator = new Validator(config);
    }

    @Test
    void literalDataIsCountedPerConstantByWhatTheClassFileSpendsOnIt() throws Exception {
        CompiledCodec k = compiler.compile("""
                public final class K {
                    static final String NAME = "h\\u00e9llo";   // ConstantValue: 6 bytes of modified UTF-8
                    static long big() { return 1234567890123L; }  // ldc2_w: 8
                    static int small() { return 100; }            // bipush: 1
                    static int medium() { return 1000; }          // sipush: 2
                    static int large() { return 100000; }         // ldc int: 4
                }
                """);
        CodecSize size = CodecSizes.measure(k.classes());
        assertThat(size.literalDataBytes()).isEqualTo(6 + 8 + 1 + 2 + 4);
        assertThat(size.classFileBytes()).isEqualTo(k.classes().values().stream().mapToLong(b -> b.length).sum());
    }

    @Test
    void anArrayInitialiserCostsItsElements() throws Exception {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < 1000; i++) {
            values.add(String.valueOf((i * 37) % 120));
        }
        CompiledCodec t = compiler.compile("public final class T { static final byte[] TABLE = {" + values + "}; }");
        // Per element: the index (1-2 bytes) and the value (1 byte); the array length (sipush 1000) besides.
        assertThat(CodecSizes.measure(t.classes()).literalDataBytes()).isBetween(2000L, 3100L);
    }

    static List<String> referenceCodecs() {
        return ReferenceCodecs.names();
    }

    @ParameterizedTest
    @MethodSource("referenceCodecs")
    void theReferenceCodecsWithTheirTablesFitEasily(String name) throws Exception {
        CompiledCodec c = validator.compileAndVerify(ReferenceCodecs.asCandidate(name));
        CodecSize size = Validator.size(c);
        // Quant matrices, scan tables, context initialisers: well under a quarter of the default limit.
        assertThat(size.literalDataBytes()).as(name + ": " + size).isPositive()
                .isLessThan(SandboxConfig.DEFAULT_MAX_LITERAL_DATA_BYTES / 4);
    }

    /** A 64x64 clip of 4 frames (24 KiB raw) typed into the source; the stream only says which frame. */
    static String embeddedClipCodec(boolean asArray) {
        StringBuilder data = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        int w = 64;
        int h = 64;
        int frames = 4;
        int perFrame = w * h * 3 / 2;
        for (int t = 0; t < frames; t++) {
            StringJoiner frame = new StringJoiner(",");
            for (int i = 0; i < perFrame; i++) {
                int v = 16 + ((i % w + i / w + 5 * t) * 7) % 100;
                data.append((char) (' ' + v % 90));
                frame.add(String.valueOf(v));
            }
            // One method per frame: a method's code is limited to 64 KiB, an attacker splits the clip.
            parts.append("static byte[] f").append(t).append("() { return new byte[] {").append(frame).append("}; }\n");
        }
        String decl = asArray ? parts + "static final byte[] CLIP = join(f0(), f1(), f2(), f3());\n"
                + "static byte[] join(byte[]... fs) { byte[] all = new byte[fs.length * fs[0].length];"
                + " for (int i = 0; i < fs.length; i++) System.arraycopy(fs[i], 0, all, i * fs[0].length, fs[0].length); return all; }"
                : "static final String CLIP = \"" + data.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\";";
        String sample = asArray ? "CLIP[at]" : "(byte) (CLIP.charAt(at) - ' ')";
        return """
                import codeclab.codec.*;
                public final class EmbeddedClip implements Codec {
                    %s
                    public Encoder encoder(StreamHeader h, int q) {
                        return new Encoder() {
                            int n;
                            public void encode(Frame f) { n++; }
                            public byte[] finish() { byte[] b = new byte[n]; for (int i = 0; i < n; i++) b[i] = (byte) i; return b; }
                        };
                    }
                    public Decoder decoder(StreamHeader h, byte[] bits) {
                        return new Decoder() {
                            int k;
                            public Frame decode() {
                                int which = bits[k++] %% 4;
                                Frame f = Frame.blank(h.width(), h.height());
                                int base = which * 6144;
                                for (int i = 0; i < f.y().length && i < 4096; i++) { int at = base + i; f.y()[i] = %s; }
                                return f;
                            }
                        };
                    }
                }
                """.formatted(decl, sample);
    }

    @Test
    void aCodecWithTheClipInAStringConstantIsRefusedAtValidate() {
        ValidationOutcome out = validator.validate(embeddedClipCodec(false));
        assertThat(out).as(out.message()).isInstanceOf(ValidationOutcome.LiteralDataLimit.class);
        assertThat(out.kind()).isEqualTo(OutcomeKind.LITERAL_DATA_LIMIT);
        long size = ((ValidationOutcome.LiteralDataLimit) out).size().literalDataBytes();
        assertThat(size).isGreaterThan(24_000);
        assertThat(out.message()).contains(size + " bytes of literal data", "the limit is 16384 bytes",
                "content must not ride inside the code", "CLIC counts the decoder's size too");
    }

    @Test
    void aCodecWithTheClipInAnArrayInitialiserIsRefusedAtValidate() {
        ValidationOutcome out = validator.validate(embeddedClipCodec(true));
        assertThat(out).as(out.message()).isInstanceOf(ValidationOutcome.LiteralDataLimit.class);
        assertThat(((ValidationOutcome.LiteralDataLimit) out).size().literalDataBytes()).isGreaterThan(24_000);
    }

    @Test
    void theLimitIsConfigurable() {
        Validator strict = new Validator(validator.config().withMaxLiteralDataBytes(100));
        ValidationOutcome refused = strict.validate(ReferenceCodecs.asCandidate("IntraDctCodec"));
        assertThat(refused.kind()).as(refused.message()).isEqualTo(OutcomeKind.LITERAL_DATA_LIMIT);
        assertThat(refused.message()).contains("the limit is 100 bytes");
    }

    @Test
    void theSizeTravelsWithAnAcceptedCodec() {
        ValidationOutcome.Ok ok = (ValidationOutcome.Ok) validator.validate(TestSources.read("good/NibbleCodec.java"));
        assertThat(ok.size()).isEqualTo(Validator.size(ok.codec()));
    }
}
