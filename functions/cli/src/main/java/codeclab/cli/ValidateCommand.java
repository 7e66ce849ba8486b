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

    @Option(names = "--max-literal-data", paramLabel = "BYTES", defaultValue = "" + SandboxConfig.DEFAULT_MAX_LITERAL_DATA_BYTES,
            description = "Literal data (constants in the class files) the codec may carry (default: ${DEFAULT-VALUE}).")
    int maxLiteralData;

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
        SandboxConfig config = SandboxConfig.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds))
                .withMaxLiteralDataBytes(maxLiteralData);
        if (ecj) {
            config = config.withCompiler(SandboxConfig.CompilerChoice.ECJ);
        }
        Validator validator = new Validator(config);
        ValidationOutcome outcome = validator.validate(source);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", codec.toString());
            out.put("outcome", outcome.kind().name());
            out.put("message", outcome.message());
            switch (outcome) {
                case ValidationOutcome.CompileError ce -> out.put("diagnostics", ce.diagnostics());
                case ValidationOutcome.ForbiddenApi fa -> out.put("violations", fa.violations());
                case ValidationOutcome.LiteralDataLimit l -> out.put("codecSize", l.size());
                case ValidationOutcome.Ok ok -> {
                    out.put("className", ok.codec().className().replace('/', '.'));
                    out.put("compiler", ok.compiler());
                    out.put("smokeBitstreamBytes", ok.smokeBitstreamBytes());
                    out.put("codecSize", ok.size());
                }
                default -> {
                }
            }
            out.put("maxLiteralDataBytes", config.maxLiteralDataBytes());
            out.put("osWall", Map.of("active", validator.wall().active(), "description", validator.wall().description()));
            System.out.println(Json.write(out));
        } else {
            System.out.println(outcome.kind() + ": " + outcome.message());
            if (!validator.wall().active()) {
                System.err.println("note: sandbox OS wall " + validator.wall().description());
            }
        }
        return outcome instanceof ValidationOutcome.Ok ? 0 : 1;
    }
}
