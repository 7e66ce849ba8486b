/** Adversarial corpus: a public class that does not implement Codec. */
public final class NoCodecClass {
    public int add(int a, int b) {
        return a + b;
    }
}
