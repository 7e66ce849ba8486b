package codeclab.sandbox.verify;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.codec.toolkit.Plane;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The toolkit runs inside the candidate's sandbox on the candidate's behalf, so it must hold itself to the
 * candidate's rules: every JDK type and member its bytecode references is on the allowlist (no threads,
 * reflection, clocks, files...). A toolkit change that reaches for more fails here, not in a user's run.
 */
class ToolkitAllowlistTest {

    private final Allowlist allowlist = new Allowlist(List.of("codeclab/codec/seeds"));

    @Test
    void toolkitBytecodeUsesOnlyAllowedJdkApis() throws Exception {
        List<byte[]> classes = toolkitClasses();
        assertThat(classes).hasSizeGreaterThan(20);
        List<String> violations = new ArrayList<>();
        for (byte[] bytes : classes) {
            ClassNode c = new ClassNode();
            new ClassReader(bytes).accept(c, ClassReader.SKIP_FRAMES);
            for (MethodNode m : c.methods) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof MethodInsnNode mi) {
                        check(c.name, mi.owner, mi.name, mi.desc, violations);
                    } else if (insn instanceof FieldInsnNode fi) {
                        check(c.name, fi.owner, fi.name, fi.desc, violations);
                    } else if (insn instanceof TypeInsnNode ti) {
                        check(c.name, ti.desc, null, null, violations);
                    } else if (insn instanceof InvokeDynamicInsnNode indy) {
                        Handle h = indy.bsm;
                        if (!Allowlist.BOOTSTRAPS.contains(h.getOwner() + "." + h.getName())) {
                            violations.add(c.name + ": bootstrap " + h.getOwner() + "." + h.getName());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFlagsForbiddenReferences() {
        List<String> v = new ArrayList<>();
        check("X", "java/lang/System", "nanoTime", "()J", v);
        check("X", "java/lang/Thread", "start", "()V", v);
        check("X", "[Ljava/lang/reflect/Method;", null, null, v);
        check("X", "java/lang/Math", "abs", "(I)I", v);
        check("X", "[[I", null, null, v);
        assertThat(v).hasSize(3);
    }

    private void check(String where, String owner, String name, String desc, List<String> violations) {
        String type = owner.startsWith("[") ? Type.getType(owner).getElementType().getInternalName() : owner;
        if (type.length() == 1 || type.startsWith("codeclab/codec/")) {
            return;       // primitive array or the codec API itself
        }
        if (!allowlist.typeAllowed(type)) {
            violations.add(where + " uses " + type);
        } else if (name != null) {
            allowlist.memberDenied(type, name, desc).ifPresent(why -> violations.add(where + " uses " + type + "." + name + ": " + why));
        }
    }

    private static List<byte[]> toolkitClasses() throws IOException, URISyntaxException {
        Path location = Path.of(Plane.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<byte[]> out = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve("codeclab/codec/toolkit"))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
            return out;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                if (e.getName().startsWith("codeclab/codec/toolkit/") && e.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        out.add(in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }
}
