package codeclab.sandbox;

import java.util.List;

/** Child processes of this JVM, telling what a candidate left behind from the compiler processes validators keep warm. */
final class TestProcesses {

    private TestProcesses() {
    }

    /** Descendants of this JVM that are not a warm compiler process or one of its wrappers (bubblewrap, setpriv). */
    static List<ProcessHandle> leftovers() {
        return ProcessHandle.current().descendants().filter(p -> !isWarmCompiler(p)).toList();
    }

    static boolean isWarmCompiler(ProcessHandle p) {
        for (ProcessHandle h = p; h != null && h.pid() != ProcessHandle.current().pid(); h = h.parent().orElse(null)) {
            if (h.info().commandLine().orElse("").contains("codeclab.sandbox.compile.CompileServer")) {
                return true;
            }
        }
        return false;
    }
}
