package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an Amazon States Language definition in this JVM: the part of the language codec-lab's
 * synthesized state machine uses (Task, Choice, Map, Parallel, Pass, Wait, Succeed, Fail; InputPath,
 * Parameters/ItemSelector with {@code .$} paths and the common intrinsic functions, ResultSelector,
 * ResultPath, OutputPath; Retry with backoff, max delay and full jitter; Catch; TimeoutSeconds).
 *
 * <p>Semantics follow the Step Functions documentation, including: States.ALL does not match
 * States.Runtime; States.TaskFailed does not match States.Timeout; a Catch's ResultPath receives
 * {@code {"Error": ..., "Cause": ...}}. Anything the executor does not support fails loudly with
 * States.Runtime naming the field, rather than being ignored.
 */
public final class StateMachineExecutor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param retryTimeScale multiplies every Retry and Wait delay (1 = real time, 0 = no waiting)
     * @param seed           seeds the jitter of retries so that runs are reproducible
     * @param listener       told about state transitions (progress display, logs)
     */
    public record Options(double retryTimeScale, long seed, Listener listener) {
        public static Options defaults() {
            return new Options(1.0, 42L, Listener.NONE);
        }

        public Options withRetryTimeScale(double scale) {
            return new Options(scale, seed, listener);
        }

        public Options withListener(Listener l) {
            return new Options(retryTimeScale, seed, l);
        }
    }

    /** Observes an execution. Called from the threads that run the states. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void stateEntered(String name, JsonNode input) {
        }

        default void stateFailed(String name, AslException error, int attempt) {
        }

        default void stateExited(String name, JsonNode output) {
        }
    }

    /** How an execution ended. */
    public sealed interface Result permits Succeeded, Failed {
    }

    public record Succeeded(JsonNode output) implements Result {
    }

    public record Failed(String error, String cause) implements Result {
    }

    private final JsonNode definition;
    private final TaskInvoker invoker;
    private final Options options;
    private final Random jitter;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public StateMachineExecutor(JsonNode definition, TaskInvoker invoker, Options options) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.options = Objects.requireNonNull(options, "options");
        this.jitter = new Random(options.seed());
        if (!definition.has("StartAt") || !definition.has("States")) {
            throw new IllegalArgumentException("not a state machine definition: StartAt and States are required");
        }
        if ("JSONata".equals(definition.path("QueryLanguage").asText())) {
            throw new IllegalArgumentException("JSONata definitions are not supported; codec-lab's state machine uses JSONPath");
        }
    }

    public static StateMachineExecutor fromJson(String definitionJson, TaskInvoker invoker, Options options) {
        try {
            return new StateMachineExecutor(MAPPER.readTree(definitionJson), invoker, options);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("state machine definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Runs one execution to its end. Never throws for errors inside the machine: they are a {@link Failed}. */
    public Result execute(String executionName, JsonNode input) {
        ObjectNode context = JSON.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:aws:states:local:000000000000:execution:codec-lab:" + executionName);
        execution.put("Name", executionName);
        execution.set("Input", input);
        execution.put("StartTime", Instant.now().toString());
        context.putObject("StateMachine").put("Id", "arn:aws:states:local:000000000000:stateMachine:codec-lab");
        try {
            return new Succeeded(runMachine(definition, input, context));
        } catch (AslException e) {
            return new Failed(e.error(), e.cause());
        }
    }

    // ---- machine and states ----

    private JsonNode runMachine(JsonNode machine, JsonNode input, ObjectNode context) {
        JsonNode states = machine.get("States");
        String name = machine.get("StartAt").asText();
        JsonNode data = input;
        while (true) {
            JsonNode state = states.get(name);
            if (state == null) {
                throw new AslException("States.Runtime", "state '" + name + "' is not defined");
            }
            ObjectNode ctx = context.deepCopy();
            ctx.putObject("State").put("Name", name).put("EnteredTime", Instant.now().toString()).put("RetryCount", 0);
            options.listener().stateEntered(name, data);
            Step step = runState(name, state, data, ctx);
            options.listener().stateExited(name, step.output());
            data = step.output();
            if (step.next() == null) {
                return data;
            }
            name = step.next();
        }
    }

    private record Step(JsonNode output, String next) {
    }

    private Step runState(String name, JsonNode state, JsonNode input, ObjectNode ctx) {
        String type = text(state, "Type");
        return switch (type) {
            case "Pass" -> pass(state, input, ctx);
            case "Task", "Map", "Parallel" -> withRetryAndCatch(name, state, input, ctx);
            case "Choice" -> choice(name, state, input);
            case "Wait" -> waitState(state, input);
            case "Succeed" -> new Step(outputPath(state, inputPath(state, input)), null);
            case "Fail" -> throw new AslException(state.path("Error").asText("States.Fail"), state.path("Cause").asText(""));
            default -> throw new AslException("States.Runtime", "state '" + name + "' has unsupported Type " + type);
        };
    }

    private Step pass(JsonNode state, JsonNode input, ObjectNode ctx) {
        JsonNode effective = inputPath(state, input);
        JsonNode result = state.has("Result") ? state.get("Result")
                : state.has("Parameters") ? Templates.render(state.get("Parameters"), effective, ctx) : effective;
        return new Step(outputPath(state, resultPath(state, input, result)), next(state));
    }

    private Step waitState(JsonNode state, JsonNode input) {
        if (state.has("Seconds")) {
            sleep(state.get("Seconds").asDouble());
        } else if (state.has("SecondsPath")) {
            sleep(JsonPath.parse(state.get("SecondsPath").asText()).read(input).asDouble());
        } else {
            throw new AslException("States.Runtime", "Wait state supports Seconds and SecondsPath only");
        }
        return new Step(outputPath(state, inputPath(state, input)), next(state));
    }

    private Step choice(String name, JsonNode state, JsonNode input) {
        JsonNode effective = inputPath(state, input);
        for (JsonNode rule : state.path("Choices")) {
            if (Choices.matches(rule, effective)) {
                return new Step(outputPath(state, effective), text(rule, "Next"));
            }
        }
        if (state.has("Default")) {
            return new Step(outputPath(state, effective), state.get("Default").asText());
        }
        throw new AslException("States.NoChoiceMatched", "no choice rule of state '" + name + "' matched and it has no Default");
    }

    /** Task, Map and Parallel: the work, then Retry on failure, then Catch. */
    private Step withRetryAndCatch(String name, JsonNode state, JsonNode input, ObjectNode ctx) {
        int[] attemptsPerRetrier = new int[state.path("Retry").size()];
        int attempt = 0;
        while (true) {
            try {
                JsonNode effective = inputPath(state, input);
                JsonNode result = switch (text(state, "Type")) {
                    case "Task" -> task(name, state, effective, ctx);
                    case "Map" -> map(state, effective, ctx);
                    default -> parallel(state, effective, ctx);
                };
                if (state.has("ResultSelector")) {
                    result = Templates.render(state.get("ResultSelector"), result, ctx);
                }
                return new Step(outputPath(state, resultPath(state, input, result)), next(state));
            } catch (AslException e) {
                attempt++;
                options.listener().stateFailed(name, e, attempt);
                JsonNode retrier = matchingRetrier(state.path("Retry"), e.error(), attemptsPerRetrier);
                if (retrier != null) {
                    ((ObjectNode) ctx.get("State")).put("RetryCount", attempt);
                    continue;
                }
                for (JsonNode catcher : state.path("Catch")) {
                    if (matches(catcher.path("ErrorEquals"), e.error())) {
                        ObjectNode error = JSON.objectNode().put("Error", e.error()).put("Cause", e.cause());
                        JsonNode out = catcher.has("ResultPath") && catcher.get("ResultPath").isNull() ? input
                                : JsonPath.parse(catcher.path("ResultPath").asText("$")).write(input, error);
                        return new Step(out, text(catcher, "Next"));
                    }
                }
                throw e;
            }
        }
    }

    /** The first retrier whose ErrorEquals matches and still has attempts; sleeps its backoff. */
    private JsonNode matchingRetrier(JsonNode retriers, String error, int[] attempts) {
        for (int i = 0; i < retriers.size(); i++) {
            JsonNode r = retriers.get(i);
            if (!matches(r.path("ErrorEquals"), error)) {
                continue;
            }
            int max = r.path("MaxAttempts").asInt(3);
            if (attempts[i] >= max) {
                return null; // the first matching retrier decides, even when it is exhausted
            }
            double delay = r.path("IntervalSeconds").asDouble(1) * Math.pow(r.path("BackoffRate").asDouble(2.0), attempts[i]);
            if (r.has("MaxDelaySeconds")) {
                delay = Math.min(delay, r.get("MaxDelaySeconds").asDouble());
            }
            if ("FULL".equals(r.path("JitterStrategy").asText())) {
                synchronized (jitter) {
                    delay = delay * jitter.nextDouble();
                }
            }
            attempts[i]++;
            sleep(delay);
            return r;
        }
        return null;
    }

    static boolean matches(JsonNode errorEquals, String error) {
        for (JsonNode e : errorEquals) {
            String name = e.asText();
            if (name.equals(error)
                    || ("States.ALL".equals(name) && !"States.Runtime".equals(error))
                    || ("States.TaskFailed".equals(name) && !error.equals("States.Timeout") && !error.equals("States.Runtime"))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode task(String name, JsonNode state, JsonNode effective, ObjectNode ctx) {
        JsonNode parameters = state.has("Parameters") ? Templates.render(state.get("Parameters"), effective, ctx) : effective;
        String resource = text(state, "Resource");
        Future<JsonNode> call = threads.submit(() -> invoker.invoke(name, resource, parameters));
        double timeout = state.has("TimeoutSeconds") ? state.get("TimeoutSeconds").asDouble()
                : state.has("TimeoutSecondsPath") ? JsonPath.parse(state.get("TimeoutSecondsPath").asText()).read(effective).asDouble()
                : 99_999_999;
        try {
            JsonNode result = call.get((long) (timeout * 1000), TimeUnit.MILLISECONDS);
            return result == null ? JSON.nullNode() : result;
        } catch (TimeoutException e) {
            call.cancel(true);
            // Step Functions reports the error name as the cause too; the state name is in the execution history.
            throw new AslException("States.Timeout", "States.Timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AslException ae) {
                throw ae;
            }
            throw new AslException("States.TaskFailed", cause.getClass().getName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new AslException("States.Runtime", "execution interrupted in task '" + name + "'");
        }
    }

    private JsonNode map(JsonNode state, JsonNode effective, ObjectNode ctx) {
        JsonNode items = JsonPath.parse(state.path("ItemsPath").asText("$")).read(effective);
        if (!items.isArray()) {
            throw new AslException("States.Runtime", "Map ItemsPath did not select an array: " + items);
        }
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        if (processor == null) {
            throw new AslException("States.Runtime", "Map state has no ItemProcessor");
        }
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        int limit = state.path("MaxConcurrency").asInt(0);
        Semaphore slots = new Semaphore(limit <= 0 ? Integer.MAX_VALUE : limit);
        List<Future<JsonNode>> runs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode itemCtx = ctx.deepCopy();
            itemCtx.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
            JsonNode itemInput = selector == null ? items.get(i) : Templates.render(selector, effective, itemCtx);
            runs.add(threads.submit(() -> {
                slots.acquire();
                try {
                    return runMachine(processor, itemInput, itemCtx);
                } finally {
                    slots.release();
                }
            }));
        }
        return collect(runs, state);
    }

    private JsonNode parallel(JsonNode state, JsonNode effective, ObjectNode ctx) {
        List<Future<JsonNode>> runs = new ArrayList<>();
        for (JsonNode branch : state.path("Branches")) {
            runs.add(threads.submit(() -> runMachine(branch, effective, ctx.deepCopy())));
        }
        return collect(runs, state);
    }

    /** Waits for every iteration/branch; the first failure (in order) fails the state, as in Step Functions. */
    private JsonNode collect(List<Future<JsonNode>> runs, JsonNode state) {
        ArrayNode out = JSON.arrayNode();
        AslException first = null;
        int failures = 0;
        for (Future<JsonNode> f : runs) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                failures++;
                AslException ae = e.getCause() instanceof AslException a ? a
                        : new AslException("States.Runtime", String.valueOf(e.getCause()), e.getCause());
                if (first == null) {
                    first = ae;
                }
                out.add(JSON.objectNode().put("Error", ae.error()).put("Cause", ae.cause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AslException("States.Runtime", "execution interrupted");
            }
        }
        double tolerated = state.path("ToleratedFailurePercentage").asDouble(0);
        if (first != null && failures * 100.0 / runs.size() > tolerated) {
            throw first;
        }
        return out;
    }

    // ---- paths ----

    private static JsonNode inputPath(JsonNode state, JsonNode input) {
        if (!state.has("InputPath")) {
            return input;
        }
        JsonNode p = state.get("InputPath");
        return p.isNull() ? JSON.objectNode() : JsonPath.parse(p.asText()).read(input);
    }

    private static JsonNode resultPath(JsonNode state, JsonNode input, JsonNode result) {
        if (!state.has("ResultPath")) {
            return result;
        }
        JsonNode p = state.get("ResultPath");
        return p.isNull() ? input : JsonPath.parse(p.asText()).write(input, result);
    }

    private static JsonNode outputPath(JsonNode state, JsonNode output) {
        if (!state.has("OutputPath")) {
            return output;
        }
        JsonNode p = state.get("OutputPath");
        return p.isNull() ? JSON.objectNode() : JsonPath.parse(p.asText()).read(output);
    }

    private static String next(JsonNode state) {
        return state.path("End").asBoolean(false) ? null : text(state, "Next");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new AslException("States.Runtime", "field " + field + " is missing in " + node);
        }
        return v.asText();
    }

    private void sleep(double seconds) {
        long ms = (long) (seconds * options.retryTimeScale() * 1000);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AslException("States.Runtime", "execution interrupted while waiting");
            }
        }
    }

    /** Names of the fields of an object, for messages. */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }
}
