package codeclab.cli;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generations on a deployed stack: starts an execution of the stack's state machine with the same input the
 * EventBridge schedule sends ({@code {"runId", "slots"}}) and waits for it to end.
 */
final class StackGenerations implements AutoCloseable {

    /** How an execution ended. */
    record Outcome(String executionArn, String status, String error, String cause) {
        boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    private final SfnClient sfn;
    private final String stateMachineArn;
    private final Duration poll;

    StackGenerations(SfnClient sfn, String stateMachineArn, Duration poll) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.poll = poll;
    }

    /** Starts one generation of {@code slots} experiments; returns the execution ARN. */
    String start(String runId, int slots, int generation) {
        String input = "{\"runId\":\"" + runId + "\",\"slots\":["
                + IntStream.range(0, slots).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}";
        String name = String.format(Locale.ROOT, "%s-cli-%d-%d", runId, Instant.now().toEpochMilli(), generation);
        try {
            return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
        } catch (SfnException e) {
            throw new UserError("cannot start an execution of " + stateMachineArn + ": " + e.awsErrorDetails().errorMessage());
        }
    }

    /** Polls until the execution is no longer running, or {@code timeout} passes. */
    Outcome await(String executionArn, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (d.status() != ExecutionStatus.RUNNING && d.status() != ExecutionStatus.PENDING_REDRIVE) {
                return new Outcome(executionArn, d.statusAsString(), d.error(), d.cause());
            }
            if (Instant.now().isAfter(deadline)) {
                return new Outcome(executionArn, "STILL_RUNNING", null, "no result after " + timeout + "; it goes on in AWS");
            }
            Thread.sleep(poll.toMillis());
        }
    }

    @Override
    public void close() {
        sfn.close();
    }
}
