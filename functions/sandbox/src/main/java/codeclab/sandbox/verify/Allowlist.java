package codeclab.sandbox.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What candidate bytecode may reference, by internal name. An allowlist: a type that is not listed here
 * (and is not the candidate's own or the codec API's) is forbidden, whatever it does.
 *
 * <p>Rules, in the words the planner reads (docs/CODEC-API.md should say the same):
 * <ul>
 *   <li>the codec API and toolkit {@code codeclab.codec.**}, except the excluded packages;</li>
 *   <li>{@code java.lang}: Object, String, StringBuilder, CharSequence, Math, StrictMath, the boxed types and
 *       Number, Comparable, Iterable, Runnable, AutoCloseable, Cloneable, Record, Enum, common exceptions
 *       and errors; {@code System} only for arraycopy, identityHashCode, lineSeparator, out and err (prints
 *       go to the log); {@code Class} only as a value (no methods but desiredAssertionStatus, for assert);</li>
 *   <li>{@code java.util} collections, Arrays, Objects, Optional, Random (seeded only), and all of
 *       {@code java.util.function}; sequential {@code java.util.stream};</li>
 *   <li>lambdas, method references, string concatenation, records and pattern switches (their
 *       invokedynamic bootstraps only).</li>
 * </ul>
 * Forbidden members of allowed types: Object.wait/notify/notifyAll/finalize (threads, finalizers);
 * String.intern (an unbounded JVM-wide table); Integer.getInteger, Long.getLong, Boolean.getBoolean (they
 * read system properties); Math.random, {@code new Random()} and Collections.shuffle(List) (unseeded
 * randomness breaks re-running an experiment); every parallel operation (parallel, parallelStream,
 * parallelSort, parallelPrefix, parallelSetAll: they start threads); PrintStream constructors (files).
 * System.currentTimeMillis and nanoTime are forbidden too: a codec's output must not depend on the clock.
 */
final class Allowlist {

    /** Per-type rule: {@code only} lists the members allowed (null = all), {@code deny} the members forbidden. */
    private record Rule(Set<String> only, Set<String> deny) {
        static Rule all(String... deny) {
            return new Rule(null, Set.of(deny));
        }

        static Rule only(String... members) {
            return new Rule(Set.of(members), Set.of());
        }
    }

    private static final Set<String> PARALLEL = Set.of("parallel", "parallelStream", "parallelSort",
            "parallelPrefix", "parallelSetAll");

    private static final Map<String, Rule> JDK = Map.ofEntries(
            Map.entry("java/lang/Object", Rule.all("wait", "notify", "notifyAll", "finalize")),
            Map.entry("java/lang/String", Rule.all("intern")),
            Map.entry("java/lang/StringBuilder", Rule.all()),
            Map.entry("java/lang/CharSequence", Rule.all()),
            Map.entry("java/lang/Math", Rule.all("random")),
            Map.entry("java/lang/StrictMath", Rule.all("random")),
            Map.entry("java/lang/Number", Rule.all()),
            Map.entry("java/lang/Integer", Rule.all("getInteger")),
            Map.entry("java/lang/Long", Rule.all("getLong")),
            Map.entry("java/lang/Short", Rule.all()),
            Map.entry("java/lang/Byte", Rule.all()),
            Map.entry("java/lang/Character", Rule.all()),
            Map.entry("java/lang/Boolean", Rule.all("getBoolean")),
            Map.entry("java/lang/Float", Rule.all()),
            Map.entry("java/lang/Double", Rule.all()),
            Map.entry("java/lang/Void", Rule.all()),
            Map.entry("java/lang/Comparable", Rule.all()),
            Map.entry("java/lang/Iterable", Rule.all()),
            Map.entry("java/lang/Runnable", Rule.all()),
            Map.entry("java/lang/AutoCloseable", Rule.all()),
            Map.entry("java/lang/Cloneable", Rule.all()),
            Map.entry("java/lang/Record", Rule.all()),
            Map.entry("java/lang/Enum", Rule.all("describeConstable")),
            Map.entry("java/lang/Class", Rule.only("desiredAssertionStatus")),
            Map.entry("java/lang/System", Rule.only("arraycopy", "identityHashCode", "lineSeparator", "out", "err")),
            Map.entry("java/io/PrintStream", Rule.all("<init>")),
            Map.entry("java/lang/Throwable", Rule.all()),
            Map.entry("java/lang/Exception", Rule.all()),
            Map.entry("java/lang/RuntimeException", Rule.all()),
            Map.entry("java/lang/Error", Rule.all()),
            Map.entry("java/lang/IllegalArgumentException", Rule.all()),
            Map.entry("java/lang/IllegalStateException", Rule.all()),
            Map.entry("java/lang/ArithmeticException", Rule.all()),
            Map.entry("java/lang/IndexOutOfBoundsException", Rule.all()),
            Map.entry("java/lang/ArrayIndexOutOfBoundsException", Rule.all()),
            Map.entry("java/lang/StringIndexOutOfBoundsException", Rule.all()),
            Map.entry("java/lang/NullPointerException", Rule.all()),
            Map.entry("java/lang/UnsupportedOperationException", Rule.all()),
            Map.entry("java/lang/NumberFormatException", Rule.all()),
            Map.entry("java/lang/ClassCastException", Rule.all()),
            Map.entry("java/lang/NegativeArraySizeException", Rule.all()),
            Map.entry("java/lang/ArrayStoreException", Rule.all()),
            Map.entry("java/lang/CloneNotSupportedException", Rule.all()),
            Map.entry("java/lang/AssertionError", Rule.all()),
            Map.entry("java/lang/StackOverflowError", Rule.all()),
            Map.entry("java/lang/OutOfMemoryError", Rule.all()),
            Map.entry("java/lang/NoSuchFieldError", Rule.all()),     // enum switch maps catch it
            Map.entry("java/lang/MatchException", Rule.all()),       // pattern switches throw it
            Map.entry("java/util/Random", Rule.all("<init>()V")),
            Map.entry("java/util/Collections", Rule.all("shuffle(Ljava/util/List;)V")),
            Map.entry("java/util/NoSuchElementException", Rule.all()),
            Map.entry("java/util/ConcurrentModificationException", Rule.all()));

    /** java.util types allowed whole (parallel operations aside). */
    private static final Set<String> JAVA_UTIL = Set.of("ArrayList", "LinkedList", "ArrayDeque", "HashMap",
            "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet", "PriorityQueue", "BitSet", "EnumMap",
            "EnumSet", "Arrays", "Objects", "Optional", "OptionalInt", "OptionalLong", "OptionalDouble", "List", "Map",
            "Map$Entry", "Set", "Collection", "Deque", "Queue", "Iterator", "ListIterator", "Comparator",
            "NavigableMap", "NavigableSet", "SortedMap", "SortedSet", "SequencedCollection", "SequencedMap",
            "SequencedSet", "RandomAccess", "AbstractMap", "AbstractMap$SimpleEntry", "AbstractMap$SimpleImmutableEntry",
            "AbstractList", "AbstractCollection", "AbstractSet", "AbstractQueue", "AbstractSequentialList",
            "StringJoiner", "IntSummaryStatistics", "LongSummaryStatistics", "DoubleSummaryStatistics",
            "PrimitiveIterator", "PrimitiveIterator$OfInt", "PrimitiveIterator$OfLong", "PrimitiveIterator$OfDouble");

    /** The invokedynamic bootstraps javac emits for lambdas, concatenation, records and pattern switches. */
    static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/runtime/ObjectMethods.bootstrap",
            "java/lang/runtime/SwitchBootstraps.typeSwitch",
            "java/lang/runtime/SwitchBootstraps.enumSwitch");

    private final List<String> excludedCodecPackages;

    Allowlist(List<String> excludedCodecPackages) {
        this.excludedCodecPackages = List.copyOf(excludedCodecPackages);
    }

    /** True when {@code internalName} (not an array, not a candidate class) may be referenced at all. */
    boolean typeAllowed(String internalName) {
        if (internalName.startsWith("codeclab/codec/")) {
            return excludedCodecPackages.stream().noneMatch(p -> internalName.startsWith(p + "/"));
        }
        if (JDK.containsKey(internalName)) {
            return true;
        }
        if (internalName.startsWith("java/util/function/") && internalName.indexOf('/', 19) < 0) {
            return true;
        }
        if (internalName.startsWith("java/util/stream/") && internalName.indexOf('/', 17) < 0) {
            return !internalName.equals("java/util/stream/StreamSupport");
        }
        return internalName.startsWith("java/util/") && JAVA_UTIL.contains(internalName.substring(10));
    }

    /**
     * Why member {@code name}{@code desc} of allowed type {@code owner} is forbidden, or empty when it is allowed.
     * Callers check {@link #typeAllowed} first.
     */
    Optional<String> memberDenied(String owner, String name, String desc) {
        if (owner.startsWith("java/") && PARALLEL.contains(name)) {
            return Optional.of("parallel operations start threads; use the sequential form");
        }
        Rule rule = JDK.get(owner);
        if (rule == null) {
            return Optional.empty();
        }
        if (rule.only() != null && !rule.only().contains(name)) {
            return Optional.of("only " + String.join(", ", rule.only().stream().sorted().toList())
                    + " of " + owner.replace('/', '.') + " may be used");
        }
        if (rule.deny().contains(name) || rule.deny().contains(name + desc)) {
            return Optional.of(denyReason(owner, name));
        }
        return Optional.empty();
    }

    private static String denyReason(String owner, String name) {
        return switch (name) {
            case "wait", "notify", "notifyAll" -> "threads and monitors are forbidden";
            case "finalize" -> "finalizers are forbidden";
            case "intern" -> "String.intern is forbidden (JVM-wide table)";
            case "getInteger", "getLong", "getBoolean" -> "it reads system properties";
            case "random", "<init>", "shuffle" -> owner.equals("java/io/PrintStream")
                    ? "creating print streams opens files"
                    : "unseeded randomness is forbidden: use new java.util.Random(seed)";
            default -> "forbidden member of an allowed class";
        };
    }

    /** A hint for a type that is not allowed, naming the rule it breaks. */
    static String typeHint(String internalName) {
        String n = internalName;
        if (n.startsWith("java/io/") || n.startsWith("java/nio/")) {
            return "files and I/O streams are forbidden";
        }
        if (n.startsWith("java/net/") || n.startsWith("javax/net/")) {
            return "network access is forbidden";
        }
        if (n.startsWith("java/lang/reflect/") || n.equals("java/lang/Class") || n.equals("java/lang/ClassValue")) {
            return "reflection is forbidden";
        }
        if (n.startsWith("java/lang/invoke/")) {
            return "method handles are forbidden";
        }
        if (n.startsWith("java/lang/Thread") || n.startsWith("java/util/concurrent/") || n.equals("java/util/Timer")
                || n.equals("java/lang/ThreadLocal") || n.equals("java/lang/InheritableThreadLocal")) {
            return "threads and executors are forbidden";
        }
        if (n.equals("java/lang/Runtime") || n.startsWith("java/lang/Process")) {
            return "processes and Runtime are forbidden";
        }
        if (n.endsWith("ClassLoader") || n.equals("java/util/ServiceLoader")) {
            return "class loading is forbidden";
        }
        if (n.startsWith("sun/") || n.startsWith("jdk/")) {
            return "JDK internals (Unsafe and friends) are forbidden";
        }
        if (n.startsWith("java/lang/ref/")) {
            return "references and cleaners are forbidden";
        }
        if (n.startsWith("java/util/stream/StreamSupport")) {
            return "StreamSupport can make parallel streams; use Collection.stream() or IntStream";
        }
        if (n.startsWith("codeclab/")) {
            return "only the codec API and toolkit (codeclab.codec.**, minus excluded packages) may be used";
        }
        return "not on the sandbox allowlist (java.lang basics, java.util collections, java.util.function,"
                + " sequential java.util.stream, codeclab.codec.**)";
    }
}
