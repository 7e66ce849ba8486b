package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a Task state. {@code resource} is the Task's Resource ARN and {@code parameters}
 * its effective input (after InputPath and Parameters). Throw {@link AslException} with the error
 * name Step Functions would report; any other exception becomes States.TaskFailed.
 */
@FunctionalInterface
public interface TaskInvoker {

    JsonNode invoke(String stateName, String resource, JsonNode parameters);
}
