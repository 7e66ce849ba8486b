package codeclab.sandbox;

import codeclab.sandbox.SandboxConfig.CompilerChoice;
import codeclab.sandbox.compile.CompileException;
import codeclab.sandbox.verify.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompileAndVerifyTest {

    private static final java.util.Map<CompilerChoice, Validator> VALIDATORS = new java.util.EnumMap<>(CompilerChoice.class);

    /** One validator per compiler for the whole class: warm compilers keep the suite fast. */
    static synchronized Validator validator(CompilerChoice c) {
        return VALIDATORS.computeIfAbsent(c, k -> new Validator(SandboxConfig.defaults().withCompiler(k)));
    }

    @ParameterizedTest
    @EnumSource(value = CompilerChoice.class, names = {"JAVAC", "ECJ"})
    void everythingTheAllowlistPromisesPassesVerification(CompilerChoice c) throws Exception {
        CompiledCodec codec = validator(c).compileAndVerify(TestSources.read("good/KitchenSink.java"));
        assertThat(codec.className()).isEqualTo("candidate/KitchenSink");
        // Records, enums, sealed interfaces, lambdas and anonymous classes all compile to their own classes.
        assertThat(codec.classes()).containsKeys("candidate/KitchenSink$Flat", "candidate/KitchenSink$Mode",
                "candidate/KitchenSink$1");
    }

    @ParameterizedTest
    @EnumSource(value = CompilerChoice.class, names = {"JAVAC", "ECJ"})
    void compileErrorsCarryLineColumnAndMessage(CompilerChoice c) {
        assertThatThrownBy(() -> validator(c).compileAndVerify(TestSources.read("corpus/SyntaxError.java")))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.diagnostics()).isNotEmpty();
                    assertThat(e.diagnostics().get(0).line()).isEqualTo(6);
                    assertThat(e.diagnostics().get(0).column()).isPositive();
                    assertThat(e.diagnostics().get(0).message()).isNotBlank();
                });
    }

    @Test
    void diagnosticsAreCappedInNumberAndLength() {
        StringBuilder src = new StringBuilder("public class Many {\n");
        for (int i = 0; i < 50; i++) {
            src.append("  int f").append(i).append(" = undefinedSymbolWithAVeryLongName").append(i).append(";\n");
        }
        src.append("}\n");
        Validator v = validator(CompilerChoice.JAVAC);
        assertThatThrownBy(() -> v.compileAndVerify(src.toString()))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.diagnostics()).hasSize(v.config().maxDiagnostics());
                    assertThat(e.diagnostics()).allMatch(d -> d.message().length() <= v.config().maxMessageChars() + 3);
                });
    }

    @Test
    void oversizedSourceIsRejectedBeforeCompiling() {
        String big = "public class Big {}\n" + "//".repeat(150_000);
        assertThatThrownBy(() -> validator(CompilerChoice.AUTO).compileAndVerify(big))
                .isInstanceOf(CompileException.class).hasMessageContaining("the limit is 200000 bytes");
    }

    @Test
    void twoPublicTopLevelTypesAreRejected() {
        assertThatThrownBy(() -> validator(CompilerChoice.AUTO).compileAndVerify("public class A {}\npublic class B {}"))
                .isInstanceOf(CompileException.class).hasMessageContaining("[A, B]");
    }

    @Test
    void publicNestedTypesAndCommentsDoNotConfuseTheClassNameScan() throws Exception {
        String src = """
                // public class Decoy {}
                /* public class AlsoDecoy {} */
                import codeclab.codec.*;
                public final class Real implements Codec {
                    public static final String S = "public class InString {";
                    public static final class Nested {}
                    public Encoder encoder(StreamHeader h, int q) { return null; }
                    public Decoder decoder(StreamHeader h, byte[] b) { return null; }
                }
                """;
        assertThat(validator(CompilerChoice.AUTO).compileAndVerify(src).className()).isEqualTo("Real");
    }

    @Test
    void bytecodeLimitsAreEnforced() {
        Validator v = new Validator(SandboxConfig.defaults().withClassLimits(2, 256 * 1024, 1024 * 1024));
        assertThatThrownBy(() -> v.compileAndVerify(TestSources.read("good/KitchenSink.java")))
                .isInstanceOfSatisfying(VerificationException.class, e ->
                        assertThat(e.getMessage()).contains("more than the limit of 2 classes"));
    }
}
