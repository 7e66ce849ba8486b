package codeclab.sandbox.child;

/**
 * Ctrl-C in a terminal reaches the whole process group, children included; the host decides when a child stops (it
 * records the experiment in flight first, and kills children with SIGKILL). If the host dies, stdin closes and the
 * child ends at its next read. Used by every child the sandbox starts: the codec children and the compiler.
 */
public final class TerminalSignals {

    private TerminalSignals() {
    }

    /** Ignores SIGINT and SIGTERM in this (child) JVM. */
    public static void ignore() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException unsupported) {
                // no such signal on this platform: nothing to ignore
            }
        }
    }
}
