package codeclab.sandbox.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp program bubblewrap installs before it starts a child JVM: classic BPF, written here as data (no
 * native code), so a test can prove it by running a candidate that forks. It stops new processes and nothing
 * else: {@code fork} and {@code vfork} fail with EPERM, {@code clone3} with ENOSYS (glibc then falls back to
 * {@code clone}), and {@code clone} fails with EPERM unless it makes a thread ({@code CLONE_THREAD}), which the
 * JVM needs. A system call from another ABI (32-bit x86 or x32 on x86-64) fails with EPERM, so the numbers checked
 * here cannot be dodged. Only x86-64 and AArch64 are known; elsewhere there is no filter and the wall says so.
 */
public final class SeccompFilter {

    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int CLONE_THREAD = 0x00010000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;

    // Classic BPF opcodes (linux/filter.h).
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short AND_K = 0x54;
    private static final short RET_K = 0x06;

    // struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (low word first, little-endian).
    private static final int OFF_NR = 0;
    private static final int OFF_ARCH = 4;
    private static final int OFF_ARG0_LOW = 16;

    private SeccompFilter() {
    }

    /** The program for this machine's architecture, or empty when it is not one this class knows. */
    public static Optional<byte[]> forThisMachine() {
        return forArch(System.getProperty("os.arch"));
    }

    static Optional<byte[]> forArch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(program(AUDIT_ARCH_X86_64, true, 56, 57, 58, 435));
            // AArch64 has no fork or vfork system calls (-1 never matches a number).
            case "aarch64", "arm64" -> Optional.of(program(AUDIT_ARCH_AARCH64, false, 220, -1, -1, 435));
            default -> Optional.empty();
        };
    }

    private static byte[] program(int arch, boolean x32Check, int clone, int fork, int vfork, int clone3) {
        Asm a = new Asm();
        a.load(OFF_ARCH);
        a.jumpIfNot(arch, "eperm");
        a.load(OFF_NR);
        if (x32Check) {
            a.jumpIfAtLeast(X32_SYSCALL_BIT, "eperm");
        }
        if (fork >= 0) {
            a.jumpIf(fork, "eperm");
        }
        if (vfork >= 0) {
            a.jumpIf(vfork, "eperm");
        }
        a.jumpIf(clone3, "enosys");
        a.jumpIfNot(clone, "allow");
        a.load(OFF_ARG0_LOW);
        a.and(CLONE_THREAD);
        a.jumpIf(CLONE_THREAD, "allow");
        a.label("eperm");
        a.ret(RET_ERRNO | EPERM);
        a.label("enosys");
        a.ret(RET_ERRNO | ENOSYS);
        a.label("allow");
        a.ret(RET_ALLOW);
        return a.bytes();
    }

    /** A tiny assembler: forward jumps to labels, resolved when the program is encoded. */
    private static final class Asm {
        private record Insn(short code, String trueLabel, String falseLabel, int k) {
        }

        private final List<Insn> insns = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void load(int offset) {
            insns.add(new Insn(LD_W_ABS, null, null, offset));
        }

        void and(int mask) {
            insns.add(new Insn(AND_K, null, null, mask));
        }

        void jumpIf(int k, String label) {
            insns.add(new Insn(JEQ_K, label, null, k));
        }

        void jumpIfNot(int k, String label) {
            insns.add(new Insn(JEQ_K, null, label, k));
        }

        void jumpIfAtLeast(int k, String label) {
            insns.add(new Insn(JGE_K, label, null, k));
        }

        void ret(int action) {
            insns.add(new Insn(RET_K, null, null, action));
        }

        void label(String name) {
            labels.put(name, insns.size());
        }

        byte[] bytes() {
            ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.nativeOrder());
            for (int i = 0; i < insns.size(); i++) {
                Insn in = insns.get(i);
                out.putShort(in.code());
                out.put(offset(i, in.trueLabel()));
                out.put(offset(i, in.falseLabel()));
                out.putInt(in.k());
            }
            return out.array();
        }

        /** A jump's distance: 0 falls through to the next instruction. */
        private byte offset(int from, String label) {
            if (label == null) {
                return 0;
            }
            int d = labels.get(label) - from - 1;
            if (d < 0 || d > 255) {
                throw new IllegalStateException("seccomp jump to " + label + " out of range: " + d);
            }
            return (byte) d;
        }
    }
}
