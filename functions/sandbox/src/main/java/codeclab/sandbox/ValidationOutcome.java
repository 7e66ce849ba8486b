package codeclab.sandbox;

import codeclab.core.CodecSize;
import codeclab.core.OutcomeKind;
import codeclab.sandbox.compile.Diagnostic;
import codeclab.sandbox.verify.Violation;

import java.util.List;

/**
 * The result of validating one candidate: {@link Ok} or the first failure, each with a message a planner
 * can act on. {@link #kind()} maps to the loop's {@link OutcomeKind}.
 */
public sealed interface ValidationOutcome {

    OutcomeKind kind();

    /** What happened, for the planner and the experiment record. */
    String message();

    /** Compiled, verified, within the literal-data limit and smoke-run: the codec the harness may run. */
    record Ok(CompiledCodec codec, String compiler, List<Integer> smokeBitstreamBytes, double encodeSeconds,
              double decodeSeconds, CodecSize size) implements ValidationOutcome {
        public Ok {
            smokeBitstreamBytes = List.copyOf(smokeBitstreamBytes);
        }

        public OutcomeKind kind() {
            return OutcomeKind.OK;
        }

        public String message() {
            return "compiled with " + compiler + ", verified, smoke run passed (bitstreams " + smokeBitstreamBytes
                    + " bytes; codec " + size.classFileBytes() + " bytes of class files, " + size.literalDataBytes()
                    + " bytes of literal data)";
        }
    }

    /** The source did not compile, broke a source rule, or does not meet the codec contract. */
    record CompileError(String message, List<Diagnostic> diagnostics) implements ValidationOutcome {
        public CompileError {
            diagnostics = List.copyOf(diagnostics);
        }

        public OutcomeKind kind() {
            return OutcomeKind.COMPILE_ERROR;
        }
    }

    /** The bytecode references something outside the allowlist (or breaks a bytecode size limit). */
    record ForbiddenApi(String message, List<Violation> violations) implements ValidationOutcome {
        public ForbiddenApi {
            violations = List.copyOf(violations);
        }

        public OutcomeKind kind() {
            return OutcomeKind.FORBIDDEN_API;
        }
    }

    /** The class files carry more literal data than the limit: content must travel in the bitstream. */
    record LiteralDataLimit(String message, CodecSize size) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.LITERAL_DATA_LIMIT;
        }
    }

    /** The smoke run showed that the codec does not compress (empty or raw-sized streams, a stream-blind decoder). */
    record NoCompression(String message) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.NO_COMPRESSION;
        }
    }

    /** A child process hit the wall-clock limit and was killed. */
    record Timeout(String message) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.TIMEOUT;
        }
    }

    /** A child process ran out of heap and was ended. */
    record OutOfMemory(String message) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.OUT_OF_MEMORY;
        }
    }

    /** The candidate threw, or its process died. */
    record Crash(String message) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.CRASH;
        }
    }

    /** Wrong number or size of frames, a null or oversized bitstream, or too much output. */
    record BadOutput(String message) implements ValidationOutcome {
        public OutcomeKind kind() {
            return OutcomeKind.BAD_OUTPUT;
        }
    }

    /** The outcome for a runner failure. */
    static ValidationOutcome of(RunFailure f) {
        String m = f.getMessage();
        return switch (f.kind()) {
            case TIMEOUT -> new Timeout(m);
            case OUT_OF_MEMORY -> new OutOfMemory(m);
            case BAD_OUTPUT -> new BadOutput(m);
            case CRASH -> new Crash(m);
            default -> throw new IllegalArgumentException("a run cannot fail with " + f.kind() + ": " + m);
        };
    }
}
