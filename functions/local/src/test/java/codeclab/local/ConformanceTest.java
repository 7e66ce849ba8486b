package codeclab.local;

import codeclab.local.asl.AslException;
import codeclab.local.asl.StateMachineExecutor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local executor and aws-local-stepfunctions (npm) run the same synthesized definition on the same
 * inputs with the same task behaviour (infra/src/test/node/run-local.mjs) and must agree: status, output,
 * what every Record received, and how often each task ran — failure paths included.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"happy", "invalid", "execute-timeout", "retry-then-success", "plan-fails", "record-fails",
        "overlap"})
    void localExecutorAgreesWithAwsLocalStepFunctions(String scenario) throws Exception {
        JsonNode reference = withoutExecutionContext(runNode(scenario));
        JsonNode local = withoutExecutionContext(runLocal(scenario));
        assertThat(local.get("status")).as("status").isEqualTo(reference.get("status"));
        assertThat(local.get("calls")).as("calls").isEqualTo(reference.get("calls"));
        assertThat(sorted(local.get("records"))).as("record inputs").isEqualTo(sorted(reference.get("records")));
        if (reference.has("output")) {
            assertThat(local.get("output")).as("output").isEqualTo(reference.get("output"));
        } else {
            // aws-local-stepfunctions wraps the failure in its own ExecutionError; the state's error is its cause.
            assertThat(local.path("error").path("name")).as("error").isEqualTo(reference.path("error").path("cause"));
        }
    }

    /** The same task behaviour as run-local.mjs, in Java. */
    private static JsonNode runLocal(String scenario) {
        ObjectNode definition = (ObjectNode) LocalStateMachine.bundledDefinition().deepCopy();
        Map<String, AtomicInteger> calls = new TreeMap<>();
        for (String s : List.of("CheckRunning", "Execute", "Plan", "Record", "Validate")) {
            calls.put(s, new AtomicInteger());
        }
        List<JsonNode> records = new CopyOnWriteArrayList<>();
        Map<String, Function<JsonNode, JsonNode>> h = new ConcurrentHashMap<>();
        h.put("CheckRunning", i -> {
            ObjectNode r = obj();
            r.putArray("Executions").addObject().put("name", "this");
            return r;
        });
        h.put("Plan", i -> obj().put("runId", i.get("runId").asText()).put("experimentId", "e-000" + i.get("slot").asText())
                .put("sourceKey", "code/hash" + i.get("slot").asText() + ".java"));
        h.put("Validate", i -> obj().put("valid", true).put("outcome", "OK").putNull("message"));
        h.put("Execute", i -> obj().put("outcome", "OK").put("evaluationKey", "results/" + i.get("experimentId").asText() + ".json"));
        h.put("Record", i -> {
            records.add(i);
            String status = i.has("error") ? "FAILED" : i.has("validation") && !i.get("validation").get("valid").asBoolean() ? "INVALID" : "COMPLETED";
            ObjectNode o = obj().put("runId", i.get("runId").asText());
            if (i.hasNonNull("experimentId")) {
                o.put("experimentId", i.get("experimentId").asText());
            } else {
                o.putNull("experimentId");
            }
            return o.put("status", status);
        });
        ObjectNode input = obj().put("runId", "r1");
        input.putArray("slots").add(0);
        switch (scenario) {
            case "happy" -> {
                ArrayNode slots = input.putArray("slots");
                slots.add(0).add(1).add(2);
            }
            case "invalid" -> h.put("Validate", i -> obj().put("valid", false).put("outcome", "COMPILE_ERROR")
                    .put("message", "Codec.java:3: error: ; expected"));
            case "execute-timeout" -> {
                ((ObjectNode) definition.at("/States/Generation/ItemProcessor/States/Execute")).put("TimeoutSeconds", 1);
                h.put("Execute", i -> {
                    sleep(2500);
                    return obj().put("outcome", "OK").put("evaluationKey", "late");
                });
            }
            case "retry-then-success" -> {
                Function<JsonNode, JsonNode> plan = h.get("Plan");
                h.put("Plan", i -> {
                    if (calls.get("Plan").get() == 1) {
                        throw new AslException("Lambda.TooManyRequestsException", "Rate exceeded");
                    }
                    return plan.apply(i);
                });
            }
            case "overlap" -> h.put("CheckRunning", i -> {
                ObjectNode r = obj();
                r.putArray("Executions").add(obj().put("name", "this")).add(obj().put("name", "still-running"));
                return r;
            });
            case "plan-fails" -> h.put("Plan", i -> {
                throw new AslException("PlannerException", "model returned no code");
            });
            case "record-fails" -> h.put("Record", i -> {
                records.add(i);
                throw new AslException("ConditionalCheckFailed", "store unavailable");
            });
            default -> throw new IllegalArgumentException(scenario);
        }
        Map<String, Function<JsonNode, JsonNode>> counted = new ConcurrentHashMap<>();
        h.forEach((name, fn) -> counted.put(name, i -> {
            calls.get(name).incrementAndGet();
            return fn.apply(i);
        }));
        StateMachineExecutor.Result result = new LocalStateMachine(definition, counted,
                StateMachineExecutor.Options.defaults().withRetryTimeScale(0)).execute("conformance", input);
        ObjectNode report = obj();
        ObjectNode c = report.putObject("calls");
        calls.forEach((k, v) -> c.put(k, v.get()));
        ArrayNode r = report.putArray("records");
        records.forEach(r::add);
        if (result instanceof StateMachineExecutor.Succeeded s) {
            report.put("status", "SUCCEEDED").set("output", s.output());
        } else {
            StateMachineExecutor.Failed f = (StateMachineExecutor.Failed) result;
            report.put("status", "FAILED").putObject("error").put("name", f.error()).put("message", f.cause());
        }
        return report;
    }

    private static JsonNode runNode(String scenario) throws Exception {
        Path infra = infraDir();
        Path def = infra.resolve("state-machine.asl.json");
        ProcessBuilder pb = new ProcessBuilder("node", "--import", "./src/test/node/with-resolvers.mjs", "src/test/node/run-local.mjs",
                def.toString(), scenario).directory(infra.toFile());
        pb.environment().put("CI", "true");
        Path out = Files.createTempFile("conformance", ".json");
        Process p = pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws-local-stepfunctions did not finish scenario " + scenario + " in 60 s");
        }
        assertThat(p.exitValue()).as("node exit code for " + scenario).isZero();
        JsonNode report = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
        Files.delete(out);
        // Node's report names its calls in insertion order; compare as a sorted map.
        ObjectNode calls = obj();
        new TreeMap<String, JsonNode>(JSON.convertValue(report.get("calls"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, JsonNode>>() { }))
                .forEach(calls::set);
        ((ObjectNode) report).set("calls", calls);
        return report;
    }

    private static Path infraDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("infra");
            if (Files.isDirectory(candidate.resolve("node_modules/aws-local-stepfunctions"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("infra/node_modules is missing: build through .ci/mvn, which installs the npm tools");
    }

    /**
     * The report without the execution's id and start time that the ItemSelector passes to each slot (for Record after a
     * failed Plan): the two executors name and time their executions differently. Each must have passed them, though.
     */
    private static JsonNode withoutExecutionContext(JsonNode report) {
        for (JsonNode record : report.path("records")) {
            if (record.has("executionId") || record.has("startedAt")) {
                assertThat(record.path("executionId").asText()).isNotBlank();
                assertThat(java.time.Instant.parse(record.path("startedAt").asText())).isNotNull();
            }
        }
        JsonNode copy = report.deepCopy();
        for (JsonNode n : copy.findParents("executionId")) ((ObjectNode) n).remove(List.of("executionId", "startedAt"));
        return copy;
    }

    private static List<JsonNode> sorted(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        list.sort(Comparator.comparing(JsonNode::toString));
        return list;
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
