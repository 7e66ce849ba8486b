package codeclab.sandbox.compile;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.Validator;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link EcjOnAJreTest} inside the jlinked JRE: compiles and verifies every reference codec with ECJ. */
public final class EcjOnAJreMain {
    private EcjOnAJreMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        Validator v = new Validator(SandboxConfig.defaults().withCompiler(SandboxConfig.CompilerChoice.ECJ).withWorkRoot(work));
        System.out.println("compiler=" + (CandidateCompiler.javacPresent() ? "javac-present" : "ecj"));
        int ok = 0;
        for (String name : ReferenceCodecs.names()) {
            try {
                v.compileAndVerify(ReferenceCodecs.asCandidate(name));
                ok++;
            } catch (Exception e) {
                System.out.println("FAILED " + name + ": " + e.getMessage());
            }
        }
        System.out.println("compiled " + ok + " of " + ReferenceCodecs.names().size());
    }
}
