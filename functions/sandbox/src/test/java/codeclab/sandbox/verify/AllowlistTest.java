package codeclab.sandbox.verify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowlistTest {

    private final Allowlist allowlist = new Allowlist(List.of("codeclab/codec/seeds"));

    @Test
    void codecApiIsAllowedExceptExcludedPackagesAndTheSandboxItself() {
        assertThat(allowlist.typeAllowed("codeclab/codec/Frame")).isTrue();
        assertThat(allowlist.typeAllowed("codeclab/codec/toolkit/Dct")).isTrue();
        assertThat(allowlist.typeAllowed("codeclab/codec/seeds/SeedReader")).isFalse();
        assertThat(allowlist.typeAllowed("codeclab/sandbox/child/ChildMain")).isFalse();
        assertThat(allowlist.typeAllowed("codeclab/core/OutcomeKind")).isFalse();
    }

    @Test
    void onlyListedJdkTypesAreAllowed() {
        assertThat(allowlist.typeAllowed("java/util/function/IntUnaryOperator")).isTrue();
        assertThat(allowlist.typeAllowed("java/util/stream/IntStream")).isTrue();
        assertThat(allowlist.typeAllowed("java/util/stream/StreamSupport")).isFalse();
        assertThat(allowlist.typeAllowed("java/util/concurrent/atomic/AtomicInteger")).isFalse();
        assertThat(allowlist.typeAllowed("java/util/Scanner")).isFalse();
        assertThat(allowlist.typeAllowed("java/util/zip/Deflater")).isFalse();
        assertThat(allowlist.typeAllowed("java/lang/Thread")).isFalse();
        assertThat(allowlist.typeAllowed("java/lang/Runtime")).isFalse();
    }

    @Test
    void halfSafeTypesAreCheckedPerMember() {
        assertThat(allowlist.memberDenied("java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V")).isEmpty();
        assertThat(allowlist.memberDenied("java/lang/System", "getenv", "(Ljava/lang/String;)Ljava/lang/String;")).isPresent();
        assertThat(allowlist.memberDenied("java/lang/System", "currentTimeMillis", "()J")).isPresent();
        assertThat(allowlist.memberDenied("java/util/Random", "<init>", "(J)V")).isEmpty();
        assertThat(allowlist.memberDenied("java/util/Random", "<init>", "()V")).isPresent();
        assertThat(allowlist.memberDenied("java/lang/Object", "wait", "()V")).isPresent();
        assertThat(allowlist.memberDenied("java/util/stream/IntStream", "parallel", "()Ljava/util/stream/IntStream;")).isPresent();
        assertThat(allowlist.memberDenied("java/io/PrintStream", "println", "(Ljava/lang/String;)V")).isEmpty();
        assertThat(allowlist.memberDenied("java/io/PrintStream", "<init>", "(Ljava/lang/String;)V")).isPresent();
    }
}
