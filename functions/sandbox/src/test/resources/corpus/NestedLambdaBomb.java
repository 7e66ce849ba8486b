import codeclab.codec.Codec;
import codeclab.codec.Decoder;
import codeclab.codec.Encoder;
import codeclab.codec.StreamHeader;

import java.util.function.Supplier;

/**
 * Adversarial corpus (issue 17): a compiler bomb. 61 nested lambdas passed to a method with six generic
 * overloads: the compiler tries every overload at every level (OpenJDK's regression test for JDK-8078093; ECJ
 * 3.46 still exhausts any heap on it, eclipse-jdt/eclipse.jdt.core#5206). In the trusted process it held the
 * compiler for minutes; in the compiler's child process it costs one limit.
 */
public final class NestedLambdaBomb implements Codec {

    void test() {
        m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null, () -> m(null,
                (Supplier<String>) null)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
    }

    static class A0 { }

    static class A1 { }

    static class A2 { }

    static class A3 { }

    static class A4 { }

    <Z extends A0> Z m(A0 t, Supplier<Z> ct) { return null; }

    <Z extends A1> Z m(A1 t, Supplier<Z> ct) { return null; }

    <Z extends A2> Z m(A2 t, Supplier<Z> ct) { return null; }

    <Z extends A3> Z m(A3 t, Supplier<Z> ct) { return null; }

    <Z extends A4> Z m(A4 t, Supplier<Z> ct) { return null; }

    <Z> Z m(Object o, Supplier<Z> co) { return null; }

    @Override
    public Encoder encoder(StreamHeader header, int quality) {
        return null;
    }

    @Override
    public Decoder decoder(StreamHeader header, byte[] bitstream) {
        return null;
    }
}
