package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthesized definition (target/state-machine.asl.json) validated with asl-validator and executed
 * with aws-local-stepfunctions (src/test/node/run-local.mjs) with local task overrides. Every path ends in
 * Record. Node 20 gets a Promise.withResolvers polyfill through {@code node --import}.
 */
class LocalExecutionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path infraDir;
  private static Path asl;

  @BeforeAll
  static void writeDefinition() throws IOException {
    infraDir = locateInfraDir();
    asl = infraDir.resolve("target/state-machine.asl.json");
    Files.createDirectories(asl.getParent());
    Files.writeString(asl, Definitions.stateMachineDefinition(Synth.defaults().stack));
  }

  /** The infra module directory, holding node_modules (installed by .ci/mvn from package-lock.json). */
  private static Path locateInfraDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate : List.of(p, p.resolve("infra"))) {
        if (Files.isDirectory(candidate.resolve("node_modules/aws-local-stepfunctions"))) return candidate;
      }
    }
    throw new IllegalStateException("infra/node_modules is missing: run the build through .ci/mvn, which runs"
        + " `npm ci` in infra/ (needs Node.js >= 20)");
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run node(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(infraDir.toFile());
    pb.environment().put("CI", "true");
    pb.environment().put("NO_COLOR", "1");
    Path out = Files.createTempFile("codec-lab-node", ".out");
    Path err = Files.createTempFile("codec-lab-node", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node " + args + " did not finish in 60 s");
    }
    Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return run;
  }

  private static JsonNode scenario(String name) throws Exception {
    Run run = node(List.of("--import", "./src/test/node/with-resolvers.mjs", "src/test/node/run-local.mjs",
        asl.toString(), name));
    assertThat(run.exit()).as("run-local %s failed: %s", name, run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }

  private static List<String> events(JsonNode report, String type) {
    List<String> out = new ArrayList<>();
    report.path("events").forEach(e -> {
      if (e.path("type").asText().equals(type)) out.add(e.path("state").asText() + ":" + e.path("error").asText(""));
    });
    return out;
  }

  @Test
  void aslValidatorAcceptsTheDefinition() throws Exception {
    Run run = node(List.of("node_modules/asl-validator/dist/bin/asl-validator.js", "--json-path", asl.toString()));
    assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("is valid");
  }

  @Test
  void aslValidatorRejectsABrokenDefinition() throws Exception {
    Path broken = infraDir.resolve("target/broken.asl.json");
    Files.writeString(broken, Files.readString(asl).replace("\"Next\" : \"Record\"", "\"Next\" : \"Nowhere\""));
    Run run = node(List.of("node_modules/asl-validator/dist/bin/asl-validator.js", "--json-path", broken.toString()));
    assertThat(run.exit()).isNotZero();
  }

  @Test
  void happyPathRunsEverySlotThroughAllFourTasksAndRecordsCompleted() throws Exception {
    JsonNode r = scenario("happy");
    assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.path("calls").toString())
        .isEqualTo("{\"CheckRunning\":1,\"Plan\":3,\"Validate\":3,\"Execute\":3,\"Record\":3}");
    JsonNode results = r.path("output").path("results");
    assertThat(results.size()).isEqualTo(3);
    results.forEach(x -> assertThat(x.path("status").asText()).isEqualTo("COMPLETED"));
    JsonNode recorded = r.path("records").get(0);
    assertThat(recorded.path("sourceKey").asText()).startsWith("code/");
    assertThat(recorded.path("validation").path("valid").asBoolean()).isTrue();
    assertThat(recorded.path("execution").path("evaluationKey").asText()).startsWith("results/");
    assertThat(recorded.has("error")).isFalse();
    assertThat(r.path("output").path("runId").asText()).isEqualTo("r1");
  }

  @Test
  void validationFailureSkipsExecuteAndRecordsTheCompilerMessage() throws Exception {
    JsonNode r = scenario("invalid");
    assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.path("calls").path("Execute").asInt()).isZero();
    assertThat(r.path("calls").path("Record").asInt()).isEqualTo(1);
    JsonNode recorded = r.path("records").get(0);
    assertThat(recorded.path("validation").path("outcome").asText()).isEqualTo("COMPILE_ERROR");
    assertThat(recorded.path("validation").path("message").asText()).contains("expected");
    assertThat(r.path("output").path("results").get(0).path("status").asText()).isEqualTo("INVALID");
  }

  @Test
  void executeTimeoutIsCaughtAndRecordedWithStatesTimeout() throws Exception {
    JsonNode r = scenario("execute-timeout");
    assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(events(r, "StateFailed")).containsExactly("Execute:States.Timeout");
    assertThat(events(r, "StateCaught")).containsExactly("Execute:");
    JsonNode recorded = r.path("records").get(0);
    assertThat(recorded.path("error").path("Error").asText()).isEqualTo("States.Timeout");
    assertThat(recorded.path("experimentId").asText()).isEqualTo("e-0000");
    assertThat(recorded.has("execution")).isFalse();
  }

  @Test
  void throttledPlanIsRetriedThenSucceedsAndEndsInRecord() throws Exception {
    JsonNode r = scenario("retry-then-success");
    assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.path("calls").path("Plan").asInt()).isEqualTo(2);
    assertThat(events(r, "StateFailed")).containsExactly("Plan:Lambda.TooManyRequestsException");
    assertThat(events(r, "StateRetried")).containsExactly("Plan:");
    assertThat(r.path("calls").path("Record").asInt()).isEqualTo(1);
    assertThat(r.path("records").get(0).has("error")).isFalse();
  }

  @Test
  void plannerErrorIsNotRetriedButRecordedWithTheSlot() throws Exception {
    JsonNode r = scenario("plan-fails");
    assertThat(r.path("calls").path("Plan").asInt()).isEqualTo(1);
    JsonNode recorded = r.path("records").get(0);
    assertThat(recorded.path("slot").asInt()).isZero();
    assertThat(recorded.path("error").path("Error").asText()).isEqualTo("PlannerException");
    assertThat(recorded.path("error").path("Cause").asText()).isEqualTo("model returned no code");
  }

  @Test
  void aGenerationStartedWhileAnotherRunsStartsNothing() throws Exception {
    JsonNode r = scenario("overlap");
    assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(r.path("calls").toString())
        .isEqualTo("{\"CheckRunning\":1,\"Plan\":0,\"Validate\":0,\"Execute\":0,\"Record\":0}");
    assertThat(r.path("output").has("results")).isFalse();
  }

  @Test
  void recordFailureIsRetriedThenFailsTheExecution() throws Exception {
    JsonNode r = scenario("record-fails");
    assertThat(r.path("status").asText()).isEqualTo("FAILED");
    assertThat(r.path("calls").path("Record").asInt()).isEqualTo(4);
    assertThat(r.path("error").path("cause").asText()).isEqualTo("ConditionalCheckFailed");
  }
}
