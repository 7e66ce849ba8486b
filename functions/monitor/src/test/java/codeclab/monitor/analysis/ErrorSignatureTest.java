package codeclab.monitor.analysis;

import codeclab.core.OutcomeKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSignatureTest {

    @Test
    void sameErrorAtOtherLinesIdsHashesAndTempPathsHasTheSameSignature() {
        String a = ErrorSignature.of(OutcomeKind.COMPILE_ERROR,
                "/tmp/codec-lab-8812/exp-00042/Candidate.java:12:5: error: cannot find symbol Foo\n  at line 12");
        String b = ErrorSignature.of(OutcomeKind.COMPILE_ERROR,
                "/tmp/codec-lab-1177/exp-00108/Candidate.java:97:31: error: cannot find symbol Foo\n  at line 97");
        assertThat(a).isEqualTo(b).doesNotContain("12").doesNotContain("tmp");
    }

    @Test
    void hashesUuidsAndNumbersAreReplaced() {
        String a = ErrorSignature.of(OutcomeKind.CRASH,
                "ArrayIndexOutOfBoundsException: Index 4096 out of bounds for length 4096 in 3f2a9c1d7e (550e8400-e29b-41d4-a716-446655440000)");
        String b = ErrorSignature.of(OutcomeKind.CRASH,
                "ArrayIndexOutOfBoundsException: Index 17 out of bounds for length 16 in a91b22e0ff (123e4567-e89b-12d3-a456-426614174000)");
        assertThat(a).isEqualTo(b).contains("<hash>").contains("<id>").contains("<n>");
    }

    @Test
    void differentErrorsOrKindsDiffer() {
        assertThat(ErrorSignature.of(OutcomeKind.CRASH, "NullPointerException"))
                .isNotEqualTo(ErrorSignature.of(OutcomeKind.CRASH, "ArithmeticException: / by zero"))
                .isNotEqualTo(ErrorSignature.of(OutcomeKind.BAD_OUTPUT, "NullPointerException"));
    }

    @Test
    void anIntroductoryLineKeepsTheCompilersOrVerifiersFirstLineSoDifferentErrorsStayApart() {
        String a = ErrorSignature.of(OutcomeKind.COMPILE_ERROR,
                "the source does not compile:\n/tmp/x/Candidate.java:12: error: cannot find symbol Foo\n  symbol: class Foo");
        String b = ErrorSignature.of(OutcomeKind.COMPILE_ERROR,
                "the source does not compile:\n/tmp/x/Candidate.java:40: error: ';' expected");
        assertThat(a).contains("the source does not compile:").contains("error: cannot find symbol foo").doesNotContain("symbol: class");
        assertThat(a).isNotEqualTo(b);
        assertThat(ErrorSignature.of(OutcomeKind.FORBIDDEN_API, "forbidden references:\njava.io.File.<init>"))
                .contains("forbidden references: java.io.file.<init>");
    }

    @Test
    void blankMessagesHaveASignatureToo() {
        assertThat(ErrorSignature.of(OutcomeKind.TIMEOUT, null)).isEqualTo("TIMEOUT: (no message)");
    }
}
