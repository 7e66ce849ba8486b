package codeclab.local;

import codeclab.local.asl.AslException;
import codeclab.local.asl.StateMachineExecutor;
import codeclab.local.asl.TaskInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The state machine CDK synthesizes ({@code infra/state-machine.asl.json}, kept equal to the synth output
 * by an infra test and bundled here at build time), run in this JVM with each Task state calling a
 * handler in-process, the way Lambda would: an exception thrown by a handler becomes the error Step
 * Functions reports for a Java function (error = exception class name, cause = its JSON error document).
 */
public final class LocalStateMachine {

    /** The classpath location of the bundled definition. */
    public static final String DEFINITION_RESOURCE = "/codeclab/local/state-machine.asl.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Step Functions SDK integration the generation starts with (docs/STATE-MACHINE.md, "No overlapping generations"). */
    static final String LIST_EXECUTIONS = "arn:aws:states:::aws-sdk:sfn:listExecutions";

    /** What sfn:listExecutions (RUNNING) answers when this execution is the only one. */
    static JsonNode onlyThisExecution(JsonNode input) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        out.putArray("Executions").addObject().put("name", "this");
        return out;
    }

    private final StateMachineExecutor executor;

    /**
     * @param definition the ASL definition
     * @param handlers   Task state name &rarr; handler (JSON in, JSON out)
     */
    public LocalStateMachine(JsonNode definition, Map<String, Function<JsonNode, JsonNode>> handlers,
                             StateMachineExecutor.Options options) {
        TaskInvoker invoker = (state, resource, input) -> {
            Function<JsonNode, JsonNode> handler = handlers.get(state);
            if (handler == null && LIST_EXECUTIONS.equals(resource)) {
                // The overlap check (sfn:listExecutions RUNNING): here executions run one at a time, so only this one.
                handler = LocalStateMachine::onlyThisExecution;
            }
            if (handler == null) {
                throw new AslException("States.Runtime", "no local handler for task state '" + state + "' (resource " + resource + ")");
            }
            try {
                return handler.apply(input);
            } catch (AslException e) {
                throw e; // already a named Step Functions error (a Lambda service error, as tests simulate them)
            } catch (RuntimeException | Error e) {
                throw lambdaError(e);
            }
        };
        this.executor = new StateMachineExecutor(definition, invoker, options);
    }

    /** The bundled synthesized definition. */
    public static JsonNode bundledDefinition() {
        try (InputStream in = LocalStateMachine.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the state machine definition " + DEFINITION_RESOURCE
                        + " is not on the classpath; rebuild with .ci/mvn -DskipTests install");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled state machine definition: " + e.getMessage(), e);
        }
    }

    public StateMachineExecutor.Result execute(String executionName, JsonNode input) {
        return executor.execute(executionName, input);
    }

    /** The error a Java Lambda function reports for an unhandled exception. */
    static AslException lambdaError(Throwable e) {
        String type = e.getClass().getName();
        String cause = JsonNodeFactory.instance.objectNode()
                .put("errorMessage", String.valueOf(e.getMessage()))
                .put("errorType", type).toString();
        return new AslException(type, cause, e);
    }
}
