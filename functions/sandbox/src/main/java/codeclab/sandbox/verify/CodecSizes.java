package codeclab.sandbox.verify;

import codeclab.core.CodecSize;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

import java.util.Map;

/**
 * Measures a candidate's size from its class files: all their bytes, and the literal data in them, which is every
 * constant the bytecode holds, wherever it sits (a string in a field, an array initialiser in a static initialiser or
 * a method, a switch table, a string-concatenation recipe). Code that computes its tables costs only its code; data
 * typed into the source costs what it holds. Counted per constant, by what the class file spends on it:
 * <ul>
 *   <li>iconst/lconst/fconst/dconst, bipush and iinc: 1 byte; sipush: 2;</li>
 *   <li>ldc of an int or float: 4; of a long or double: 8; of a string: its modified UTF-8 bytes;</li>
 *   <li>lookupswitch: 4 per key; tableswitch: 8 (its bounds);</li>
 *   <li>constant field values and invokedynamic bootstrap arguments (concatenation recipes, record field
 *       names): like ldc.</li>
 * </ul>
 * Array initialisers are counted through their element constants (a {@code byte[]} of 1000 literal values is
 * 1000 to 2000 bytes), a 64-entry quant matrix 64 to 128.
 */
public final class CodecSizes {

    private CodecSizes() {
    }

    /** Class-file bytes and literal data of {@code classes} (internal name → class file). */
    public static CodecSize measure(Map<String, byte[]> classes) {
        long classBytes = 0;
        long literal = 0;
        for (byte[] b : classes.values()) {
            classBytes += b.length;
            ClassNode node = new ClassNode();
            new ClassReader(b).accept(node, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            literal += literalData(node);
        }
        return new CodecSize(classBytes, literal);
    }

    static long literalData(ClassNode c) {
        long n = 0;
        for (FieldNode f : c.fields) {
            if (f.value != null) {
                n += constant(f.value);
            }
        }
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                n += instruction(insn);
            }
        }
        return n;
    }

    private static long instruction(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.DCONST_1) {
            return 1;
        }
        return switch (insn) {
            case IntInsnNode i when op == Opcodes.BIPUSH -> 1;
            case IntInsnNode i when op == Opcodes.SIPUSH -> 2;
            case IincInsnNode i -> 1;
            case LdcInsnNode ldc -> constant(ldc.cst);
            case LookupSwitchInsnNode s -> 4L * s.keys.size();
            case TableSwitchInsnNode s -> 8;
            case InvokeDynamicInsnNode indy -> {
                long k = 0;
                for (Object arg : indy.bsmArgs) {
                    k += constant(arg);
                }
                yield k;
            }
            default -> 0;
        };
    }

    private static long constant(Object cst) {
        return switch (cst) {
            case String s -> utf8Length(s);
            case Integer i -> 4;
            case Float f -> 4;
            case Long l -> 8;
            case Double d -> 8;
            default -> 0; // class literals, method types and handles name code, they hold no data
        };
    }

    /** Bytes of {@code s} in the class file's modified UTF-8. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            n += ch != 0 && ch < 0x80 ? 1 : ch < 0x800 ? 2 : 3;
        }
        return n;
    }
}
