package codeclab.local;

import codeclab.handlers.ExecuteHandler;
import codeclab.handlers.PlanHandler;
import codeclab.handlers.RecordHandler;
import codeclab.handlers.ValidateHandler;
import codeclab.local.asl.StateMachineExecutor;
import codeclab.loop.Json;
import codeclab.loop.LoopService;
import codeclab.store.RunSummary;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the loop on this machine: generations of the synthesized state machine, each Task calling the
 * same handler classes Lambda runs, in this JVM. Stops after the requested number of experiments, or
 * when {@code stop} turns true (Ctrl-C, pause) — always between generations, so every started
 * experiment is recorded.
 */
public final class LocalRunner {

    /** One line of progress: an experiment recorded, or a state entered. */
    public sealed interface Progress {
        record StateEntered(String state, String slot) implements Progress {
        }

        /** @param bdRatePercent the experiment's own dev BD-rate (PSNR-Y), or null when it has none */
        record Recorded(String experimentId, String status, Double bdRatePercent) implements Progress {
        }

        record GenerationFailed(String error, String cause) implements Progress {
        }
    }

    private final LoopService loop;
    private final JsonNode definition;

    public LocalRunner(LoopService loop, JsonNode definition) {
        this.loop = loop;
        this.definition = definition;
    }

    /**
     * Runs {@code experiments} more experiments of {@code runId}, {@code parallel} per generation.
     * Returns the run's summary afterwards.
     */
    public RunSummary run(String runId, int experiments, int parallel, Consumer<Progress> progress, BooleanSupplier stop) {
        if (experiments < 1 || parallel < 1) {
            throw new IllegalArgumentException("experiments and parallel must be >= 1, got " + experiments + " and " + parallel);
        }
        loop.store().ensureRun(runId, java.time.Instant.now());
        StateMachineExecutor.Listener listener = new StateMachineExecutor.Listener() {
            @Override
            public void stateEntered(String name, JsonNode input) {
                JsonNode slot = input == null ? null : input.get("slot");
                progress.accept(new Progress.StateEntered(name, slot == null ? null : slot.asText()));
            }

            @Override
            public void stateExited(String name, JsonNode output) {
                if ("Record".equals(name) && output != null && output.has("experimentId")) {
                    JsonNode id = output.get("experimentId");
                    Double bdRate = id.isNull() ? null : loop.store().get(runId, id.asText()).bdRatePercent();
                    progress.accept(new Progress.Recorded(id.asText(), output.path("status").asText(), bdRate));
                }
            }
        };
        LocalStateMachine machine = new LocalStateMachine(definition, Map.of(
                "Plan", adapt(new PlanHandler(loop)),
                "Validate", adapt(new ValidateHandler(loop)),
                "Execute", adapt(new ExecuteHandler(loop)),
                "Record", adapt(new RecordHandler(loop))),
                StateMachineExecutor.Options.defaults().withRetryTimeScale(0.05).withListener(listener));
        int done = 0;
        int generation = 0;
        while (done < experiments && !stop.getAsBoolean()) {
            int size = Math.min(parallel, experiments - done);
            ObjectNode input = Json.MAPPER.createObjectNode().put("runId", runId);
            ArrayNode slots = input.putArray("slots");
            for (int i = 0; i < size; i++) {
                slots.add(i);
            }
            StateMachineExecutor.Result result = machine.execute(runId + "-g" + (++generation), input);
            if (result instanceof StateMachineExecutor.Failed f) {
                // Record failed even after its retries: stop rather than spin; what was recorded stays recorded.
                progress.accept(new Progress.GenerationFailed(f.error(), f.cause()));
                break;
            }
            done += size;
        }
        return loop.store().getRun(runId);
    }

    private static Function<JsonNode, JsonNode> adapt(RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        return input -> {
            Map<String, Object> event = Json.MAPPER.convertValue(input, new TypeReference<Map<String, Object>>() { });
            return Json.MAPPER.valueToTree(handler.handleRequest(event, null));
        };
    }

}
