package codeclab.cli;

import codeclab.sandbox.SandboxConfig;
import codeclab.sandbox.ValidationOutcome;
import codeclab.sandbox.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code codec-lab validate --codec Foo.java [--json]}: compile, verify the bytecode, check the contract and
 * smoke-run the candidate, in that order. Prints the outcome; exit code 0 only for OK, 1 for any failure.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile, verify (allowlist), check the codec contract and smoke-run one candidate source file.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--codec", required = true, paramLabel = "FILE", description = "The candidate's Java source file.")
    Path codec;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Option(names = "--ecj", description = "Compile with ECJ even when javac is available.")
    boolean ecj;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Wall-clock limit of each child process (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(codec)) {
            throw new UserError("no such file: " + codec + " (pass the candidate's .java source with --codec)");
        }
        String source;
        try {
            source = Files.readString(codec, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + codec + ": " + e.getMessage());
        }
        SandboxConfig config = SandboxConfig.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (ecj) {
            config = config.withCompiler(SandboxConfig.CompilerChoice.ECJ);
        }
        ValidationOutcome outcome = new Validator(config).validate(source);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", codec.toString());
            out.put("outcome", outcome.kind().name());
            out.put("message", outcome.message());
            switch (outcome) {
                case ValidationOutcome.CompileError ce -> out.put("diagnostics", ce.diagnostics());
                case ValidationOutcome.ForbiddenApi fa -> out.put("violations", fa.violations());
                case ValidationOutcome.Ok ok -> {
                    out.put("className", ok.codec().className().replace('/', '.'));
                    out.put("compiler", ok.compiler());
                    out.put("smokeBitstreamBytes", ok.smokeBitstreamBytes());
                }
                default -> {
                }
            }
            System.out.println(Json.write(out));
        } else {
            System.out.println(outcome.kind() + ": " + outcome.message());
        }
        return outcome instanceof ValidationOutcome.Ok ? 0 : 1;
    }
}
