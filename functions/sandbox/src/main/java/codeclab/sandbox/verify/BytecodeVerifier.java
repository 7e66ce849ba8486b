package codeclab.sandbox.verify;

import codeclab.sandbox.CompiledCodec;
import codeclab.sandbox.SandboxConfig;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a candidate's bytecode against the sandbox {@link Allowlist}: every class, field, method,
 * invokedynamic bootstrap and constant that any method (static initializers, lambdas and nested classes
 * included) references, and every type in a declaration. Also enforces the size limits and the codec
 * contract (a public, concrete class implementing {@code codeclab.codec.Codec} with a public no-argument
 * constructor). Checking the bytecode, not the text, means no spelling of a name gets past it. Thread-safe.
 */
public final class BytecodeVerifier {

    private static final String CODEC = "codeclab/codec/Codec";
    private static final int MAX_REPORTED = 20;

    private final SandboxConfig config;
    private final Allowlist allowlist;

    public BytecodeVerifier(SandboxConfig config) {
        this.config = config;
        this.allowlist = new Allowlist(config.excludedCodecPackages());
    }

    /**
     * Verifies {@code compiled}; returns it with {@code className} set to the class implementing Codec.
     *
     * @throws VerificationException listing the violations (symbol and source line), at most 20
     */
    public CompiledCodec verify(CompiledCodec compiled) throws VerificationException {
        checkSizes(compiled);
        Map<String, ClassNode> classes = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : compiled.classes().entrySet()) {
            ClassNode node = new ClassNode();
            new ClassReader(e.getValue()).accept(node, ClassReader.SKIP_FRAMES);
            classes.put(node.name, node);
        }
        Run run = new Run(classes);
        String pkg = packageOf(compiled.className());
        for (ClassNode c : classes.values()) {
            if (!packageOf(c.name).equals(pkg)) {
                run.add(simple(c.name), 0, c.name, "all classes must be in the candidate's package");
            }
            run.checkClass(c);
        }
        if (!run.violations.isEmpty()) {
            throw new VerificationException(VerificationException.Kind.FORBIDDEN, run.violations);
        }
        return new CompiledCodec(codecClass(compiled.className(), classes, run), compiled.classes());
    }

    private void checkSizes(CompiledCodec compiled) throws VerificationException {
        List<Violation> vs = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, byte[]> e : compiled.classes().entrySet()) {
            total += e.getValue().length;
            if (e.getValue().length > config.maxClassBytes()) {
                vs.add(new Violation(simple(e.getKey()), 0, e.getKey(), "class file of " + e.getValue().length
                        + " bytes exceeds the limit of " + config.maxClassBytes() + " bytes"));
            }
        }
        if (compiled.classes().size() > config.maxClasses()) {
            vs.add(new Violation("candidate", 0, compiled.classes().size() + " classes",
                    "more than the limit of " + config.maxClasses() + " classes (lambdas and nested classes count)"));
        }
        if (total > config.maxTotalClassBytes()) {
            vs.add(new Violation("candidate", 0, total + " bytes of bytecode",
                    "more than the limit of " + config.maxTotalClassBytes() + " bytes"));
        }
        if (!vs.isEmpty()) {
            throw new VerificationException(VerificationException.Kind.FORBIDDEN, vs);
        }
    }

    /** The public top-level class must implement Codec, be concrete and have a public no-arg constructor. */
    private static String codecClass(String top, Map<String, ClassNode> classes, Run run) throws VerificationException {
        ClassNode c = classes.get(top);
        String why = null;
        if ((c.access & Opcodes.ACC_PUBLIC) == 0) {
            why = "the top-level class must be public";
        } else if ((c.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0) {
            why = "the top-level class must be a concrete class, not abstract or an interface";
        } else if (!run.implementsCodec(top)) {
            why = "the public top-level class must implement codeclab.codec.Codec";
        } else if (c.methods.stream().noneMatch(m -> m.name.equals("<init>") && m.desc.equals("()V")
                && (m.access & Opcodes.ACC_PUBLIC) != 0)) {
            why = "the codec class needs a public no-argument constructor";
        }
        if (why != null) {
            throw new VerificationException(VerificationException.Kind.CONTRACT,
                    List.of(new Violation(simple(top), 0, top.replace('/', '.'), why)));
        }
        return top;
    }

    private static String packageOf(String internalName) {
        int i = internalName.lastIndexOf('/');
        return i < 0 ? "" : internalName.substring(0, i);
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** State of one verification: the candidate's classes and the violations found so far. */
    private final class Run {
        final Map<String, ClassNode> classes;
        final List<Violation> violations = new ArrayList<>();
        private final Set<String> reported = new HashSet<>();
        private String where;
        private int line;

        Run(Map<String, ClassNode> classes) {
            this.classes = classes;
        }

        void add(String where, int line, String symbol, String reason) {
            // One report per symbol and place is enough for the planner; cap the list.
            if (violations.size() < MAX_REPORTED && reported.add(where + line + symbol)) {
                violations.add(new Violation(where, line, symbol, reason));
            }
        }

        boolean implementsCodec(String name) {
            Deque<String> todo = new ArrayDeque<>(List.of(name));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String n = todo.pop();
                if (n.equals(CODEC)) {
                    return true;
                }
                ClassNode c = classes.get(n);
                if (c != null && seen.add(n)) {
                    if (c.superName != null) {
                        todo.push(c.superName);
                    }
                    c.interfaces.forEach(todo::push);
                }
            }
            return false;
        }

        void checkClass(ClassNode c) {
            where = simple(c.name);
            line = 0;
            if (c.superName != null) {
                type(c.superName);
            }
            c.interfaces.forEach(this::type);
            for (FieldNode f : c.fields) {
                where = simple(c.name) + "." + f.name;
                descriptor(f.desc);
            }
            for (MethodNode m : c.methods) {
                where = simple(c.name) + "." + m.name;
                line = 0;
                if ((m.access & Opcodes.ACC_NATIVE) != 0) {
                    add(where, 0, c.name.replace('/', '.') + "." + m.name + m.desc, "native methods are forbidden");
                }
                if (m.name.equals("finalize") && m.desc.equals("()V")) {
                    add(where, 0, c.name.replace('/', '.') + ".finalize()V", "finalizers are forbidden");
                }
                descriptor(m.desc);
                if (m.exceptions != null) {
                    m.exceptions.forEach(this::type);
                }
                for (TryCatchBlockNode t : m.tryCatchBlocks) {
                    if (t.type != null) {
                        type(t.type);
                    }
                }
                for (AbstractInsnNode insn : m.instructions) {
                    instruction(insn);
                }
            }
        }

        private void instruction(AbstractInsnNode insn) {
            switch (insn) {
                case LineNumberNode ln -> line = ln.line;
                case TypeInsnNode t -> type(t.desc);
                case MultiANewArrayInsnNode t -> descriptor(t.desc);
                case FieldInsnNode f -> member(f.owner, f.name, f.desc);
                case MethodInsnNode mi -> member(mi.owner, mi.name, mi.desc);
                case InvokeDynamicInsnNode indy -> {
                    String bsm = indy.bsm.getOwner() + "." + indy.bsm.getName();
                    if (!Allowlist.BOOTSTRAPS.contains(bsm)) {
                        add(where, line, bsm.replace('/', '.') + indy.bsm.getDesc(),
                                "invokedynamic bootstraps other than lambdas, string concatenation, records and"
                                        + " pattern switches are forbidden");
                    }
                    descriptor(indy.desc);
                    for (Object arg : indy.bsmArgs) {
                        constant(arg);
                    }
                }
                case LdcInsnNode ldc -> constant(ldc.cst);
                default -> {
                }
            }
        }

        private void constant(Object cst) {
            switch (cst) {
                case Type t -> descriptor(t.getDescriptor()); // Class and MethodType constants
                case Handle h -> member(h.getOwner(), h.getName(), h.getDesc());
                case ConstantDynamic cd -> add(where, line, "dynamic constant " + cd.getName() + " via "
                        + cd.getBootstrapMethod().getOwner().replace('/', '.') + "." + cd.getBootstrapMethod().getName(),
                        "dynamic constants are forbidden (for enum labels in a pattern switch, use a classic switch)");
                default -> {
                    // Numbers and strings are inert.
                }
            }
        }

        /** Every class type in a field or method descriptor. */
        private void descriptor(String desc) {
            Type t = Type.getType(desc);
            if (t.getSort() == Type.METHOD) {
                for (Type a : t.getArgumentTypes()) {
                    typeOf(a);
                }
                typeOf(t.getReturnType());
            } else {
                typeOf(t);
            }
        }

        private void typeOf(Type t) {
            if (t.getSort() == Type.ARRAY) {
                t = t.getElementType();
            }
            if (t.getSort() == Type.OBJECT) {
                type(t.getInternalName());
            }
        }

        /** An internal name or array descriptor used as a type. */
        private void type(String name) {
            if (name.startsWith("[")) {
                descriptor(name);
                return;
            }
            if (!classes.containsKey(name) && !allowlist.typeAllowed(name)) {
                add(where, line, name.replace('/', '.'), Allowlist.typeHint(name));
            }
        }

        private void member(String owner, String name, String desc) {
            String symbol = owner.replace('/', '.') + "." + name + desc;
            descriptor(desc);
            if (owner.startsWith("[")) {
                // Arrays: clone() and Object's methods.
                descriptor(owner);
                if (!name.equals("clone")) {
                    allowlist.memberDenied("java/lang/Object", name, desc).ifPresent(r -> add(where, line, symbol, r));
                }
                return;
            }
            if (classes.containsKey(owner)) {
                candidateMember(owner, name, desc, symbol);
                return;
            }
            if (!allowlist.typeAllowed(owner)) {
                add(where, line, symbol, Allowlist.typeHint(owner));
                return;
            }
            allowlist.memberDenied(owner, name, desc).ifPresent(r -> add(where, line, symbol, r));
        }

        /**
         * A member named through a candidate class: fine if a candidate class declares it; otherwise it is
         * inherited from the API or the JDK, and each such supertype's rules apply (so extending ArrayList does
         * not make {@code parallelStream} reachable).
         */
        private void candidateMember(String owner, String name, String desc, String symbol) {
            Deque<String> todo = new ArrayDeque<>(List.of(owner));
            Set<String> seen = new HashSet<>();
            List<String> external = new ArrayList<>();
            while (!todo.isEmpty()) {
                String n = todo.pop();
                if (!seen.add(n)) {
                    continue;
                }
                ClassNode c = classes.get(n);
                if (c == null) {
                    external.add(n);
                    continue;
                }
                boolean declared = c.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(desc))
                        || c.fields.stream().anyMatch(f -> f.name.equals(name) && f.desc.equals(desc));
                if (declared) {
                    return;
                }
                if (c.superName != null) {
                    todo.push(c.superName);
                }
                c.interfaces.forEach(todo::push);
            }
            for (String ext : external) {
                if (!allowlist.typeAllowed(ext)) {
                    continue; // reported at the declaration
                }
                Optional<String> denied = allowlist.memberDenied(ext, name, desc);
                if (denied.isPresent()) {
                    add(where, line, symbol, denied.get() + " (inherited from " + ext.replace('/', '.') + ")");
                    return;
                }
            }
        }
    }
}
