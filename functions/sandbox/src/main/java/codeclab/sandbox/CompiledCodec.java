package codeclab.sandbox;

import java.util.Map;

/**
 * A candidate codec after compilation: the binary name of its {@code Codec} class and the bytecode of
 * every class its source produced (top-level, nested, lambdas' synthetic classes).
 *
 * @param className binary name of the public class implementing {@code codeclab.codec.Codec}
 * @param classes   binary class name &rarr; class file bytes
 */
public record CompiledCodec(String className, Map<String, byte[]> classes) {

    public CompiledCodec {
        classes = Map.copyOf(classes);
        if (!classes.containsKey(className)) {
            throw new IllegalArgumentException("compiled classes do not contain the codec class " + className);
        }
    }
}
