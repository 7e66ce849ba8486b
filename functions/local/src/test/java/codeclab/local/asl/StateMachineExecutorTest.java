package codeclab.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StateMachineExecutorTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final StateMachineExecutor.Options FAST = StateMachineExecutor.Options.defaults().withRetryTimeScale(0);

    /** plan -> validate -> choice -> execute -> record, with Catch to record: the shape codec-lab uses. */
    private static final String PIPELINE = """
            {"StartAt":"Plan","States":{
              "Plan":{"Type":"Task","Resource":"plan","ResultPath":"$.plan","Next":"Validate",
                      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Record"}]},
              "Validate":{"Type":"Task","Resource":"validate","Parameters":{"id.$":"$.plan.id"},
                      "ResultSelector":{"valid.$":"$.ok"},"ResultPath":"$.validation","Next":"Valid?",
                      "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":2,"JitterStrategy":"FULL"}],
                      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Record"}]},
              "Valid?":{"Type":"Choice","Choices":[{"Variable":"$.validation.valid","BooleanEquals":true,"Next":"Execute"}],"Default":"Record"},
              "Execute":{"Type":"Task","Resource":"execute","TimeoutSeconds":1,"ResultPath":"$.execution","Next":"Record",
                      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Record"}]},
              "Record":{"Type":"Task","Resource":"record","Parameters":{"note.$":"States.Format('exp {} done', $.plan.id)","state.$":"$"},"End":true}
            }}""";

    private static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode obj() {
        return M.createObjectNode();
    }

    @Test
    void happyPathRunsEveryStateAndRecordSeesTheMergedState() {
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> switch (resource) {
            case "plan" -> obj().put("id", "e1");
            case "validate" -> obj().put("ok", params.get("id").asText().equals("e1"));
            case "execute" -> obj().put("outcome", "OK");
            case "record" -> params;
            default -> throw new AssertionError(resource);
        }, FAST).execute("x", obj().put("runId", "r1"));

        assertThat(result).isInstanceOf(StateMachineExecutor.Succeeded.class);
        JsonNode out = ((StateMachineExecutor.Succeeded) result).output();
        assertThat(out.at("/note").asText()).isEqualTo("exp e1 done");
        assertThat(out.at("/state/runId").asText()).isEqualTo("r1");
        assertThat(out.at("/state/validation/valid").asBoolean()).isTrue();
        assertThat(out.at("/state/execution/outcome").asText()).isEqualTo("OK");
        assertThat(out.at("/state/error").isMissingNode()).isTrue();
    }

    @Test
    void invalidCandidateSkipsExecuteThroughTheChoiceDefault() {
        AtomicInteger executed = new AtomicInteger();
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> switch (resource) {
            case "plan" -> obj().put("id", "e1");
            case "validate" -> obj().put("ok", false);
            case "execute" -> {
                executed.incrementAndGet();
                yield obj();
            }
            default -> params;
        }, FAST).execute("x", obj());
        assertThat(executed).hasValue(0);
        assertThat(((StateMachineExecutor.Succeeded) result).output().at("/state/validation/valid").asBoolean()).isFalse();
    }

    @Test
    void taskTimeoutIsCaughtAsStatesTimeoutAndEndsInRecord() {
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> switch (resource) {
            case "plan" -> obj().put("id", "e1");
            case "validate" -> obj().put("ok", true);
            case "execute" -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield obj();
            }
            default -> params;
        }, FAST).execute("x", obj());
        JsonNode out = ((StateMachineExecutor.Succeeded) result).output();
        assertThat(out.at("/state/error/Error").asText()).isEqualTo("States.Timeout");
    }

    @Test
    void retriesAMatchingErrorThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> switch (resource) {
            case "plan" -> obj().put("id", "e1");
            case "validate" -> {
                if (calls.incrementAndGet() < 3) {
                    throw new AslException("Lambda.ServiceException", "try again");
                }
                yield obj().put("ok", true);
            }
            default -> obj();
        }, FAST).execute("x", obj());
        assertThat(calls).hasValue(3);
        assertThat(result).isInstanceOf(StateMachineExecutor.Succeeded.class);
    }

    @Test
    void exhaustedRetriesFallThroughToCatch() {
        AtomicInteger calls = new AtomicInteger();
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> switch (resource) {
            case "plan" -> obj().put("id", "e1");
            case "validate" -> {
                calls.incrementAndGet();
                throw new AslException("Lambda.ServiceException", "down");
            }
            default -> params;
        }, FAST).execute("x", obj());
        assertThat(calls).hasValue(3); // first try + MaxAttempts 2
        assertThat(((StateMachineExecutor.Succeeded) result).output().at("/state/error/Cause").asText()).isEqualTo("down");
    }

    @Test
    void plainExceptionsBecomeTaskFailedWithTheExceptionAsCause() {
        var result = StateMachineExecutor.fromJson(PIPELINE, (state, resource, params) -> {
            if (resource.equals("plan")) {
                return obj().put("id", "e1");
            }
            if (resource.equals("validate")) {
                throw new IllegalStateException("no history");
            }
            return params;
        }, FAST).execute("x", obj());
        JsonNode err = ((StateMachineExecutor.Succeeded) result).output().at("/state/error");
        assertThat(err.get("Error").asText()).isEqualTo("States.TaskFailed");
        assertThat(err.get("Cause").asText()).contains("IllegalStateException").contains("no history");
    }

    @Test
    void statesAllDoesNotCatchRuntimeErrors() {
        String def = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.missing","Next":"B"},"B":{"Type":"Succeed"}}}""";
        var result = StateMachineExecutor.fromJson(def, (s, r, p) -> p, FAST).execute("x", obj());
        assertThat(result).isEqualTo(new StateMachineExecutor.Failed("States.Runtime",
                "the JSONPath '$.missing' could not be found in the input {}"));
        assertThat(StateMachineExecutor.matches(json("[\"States.ALL\"]"), "States.Runtime")).isFalse();
        assertThat(StateMachineExecutor.matches(json("[\"States.TaskFailed\"]"), "States.Timeout")).isFalse();
        assertThat(StateMachineExecutor.matches(json("[\"States.TaskFailed\"]"), "Lambda.Unknown")).isTrue();
    }

    @Test
    void mapRunsEveryItemWithContextValueAndRespectsMaxConcurrency() {
        String def = """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.slots","MaxConcurrency":2,
                  "ItemSelector":{"runId.$":"$.runId","slot.$":"$$.Map.Item.Value"},
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"t","End":true}}},
                  "ResultPath":"$.results","End":true}}}""";
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        var result = StateMachineExecutor.fromJson(def, (s, r, p) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return obj().put("done", p.get("runId").asText() + "/" + p.get("slot").asInt());
        }, FAST).execute("x", json("{\"runId\":\"r\",\"slots\":[0,1,2,3,4]}"));
        JsonNode results = ((StateMachineExecutor.Succeeded) result).output().get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(4).get("done").asText()).isEqualTo("r/4");
        assertThat(peak.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void failStateEndsTheExecutionWithItsErrorAndCause() {
        String def = """
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"because"}}}""";
        assertThat(StateMachineExecutor.fromJson(def, (s, r, p) -> p, FAST).execute("x", obj()))
                .isEqualTo(new StateMachineExecutor.Failed("Boom", "because"));
    }

    @Test
    void jsonPathWritesCreateMissingObjectsWithoutTouchingTheInput() {
        JsonNode in = json("{\"a\":1}");
        JsonNode out = JsonPath.parse("$.b.c").write(in, json("2"));
        assertThat(out.toString()).isEqualTo("{\"a\":1,\"b\":{\"c\":2}}");
        assertThat(in.toString()).isEqualTo("{\"a\":1}");
        assertThat(JsonPath.parse("$['a']").read(out).asInt()).isEqualTo(1);
        assertThat(JsonPath.parse("$").write(in, json("3")).asInt()).isEqualTo(3);
    }
}
