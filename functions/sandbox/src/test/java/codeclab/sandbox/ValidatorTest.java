package codeclab.sandbox;

import codeclab.core.OutcomeKind;
import codeclab.sandbox.SandboxConfig.CompilerChoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatorTest {

    @ParameterizedTest
    @EnumSource(value = CompilerChoice.class, names = {"JAVAC", "ECJ"})
    void aWellBehavedCodecIsOkWithEitherCompiler(CompilerChoice choice) {
        Validator v = new Validator(SandboxConfig.defaults().withCompiler(choice).withHeapMb(64)
                .withTimeout(Duration.ofSeconds(20)));
        ValidationOutcome out = v.validate(TestSources.read("good/NibbleCodec.java"));
        assertThat(out).as(out.message()).isInstanceOf(ValidationOutcome.Ok.class);
        assertThat(out.kind()).isEqualTo(OutcomeKind.OK);
        ValidationOutcome.Ok ok = (ValidationOutcome.Ok) out;
        assertThat(ok.compiler()).isEqualTo(choice.name().toLowerCase());
        // 3 frames of 32x32 4:2:0 at four bits a sample.
        assertThat(ok.smokeBitstreamBytes()).containsExactly(3 * 768, 3 * 768);
        assertThat(ok.codec().className()).isEqualTo("NibbleCodec");
        assertThat(ok.size().classFileBytes()).isPositive();
        assertThat(ok.size().literalDataBytes()).isPositive().isLessThan(200);
        assertThat(ok.message()).contains("bytes of literal data");
    }
}
