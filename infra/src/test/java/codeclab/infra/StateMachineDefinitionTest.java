package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthesized definition, parsed: states, transitions, retries, catches, timeouts, payload shapes. */
class StateMachineDefinitionTest {
  static final Path ASL_FILE = Path.of("target/state-machine.asl.json");
  /** The committed copy other modules (functions/local) read without synthesizing. */
  static final Path COMMITTED = Path.of("state-machine.asl.json");

  private static String definition;
  private static JsonNode root;
  private static JsonNode states;

  @BeforeAll
  static void render() throws Exception {
    definition = Definitions.stateMachineDefinition(Synth.defaults().stack);
    Files.createDirectories(ASL_FILE.getParent());
    Files.writeString(ASL_FILE, definition);
    root = new ObjectMapper().readTree(definition);
    states = root.path("States").path("Generation").path("ItemProcessor").path("States");
  }

  @Test
  void generationIsAnInlineMapOverSlotsWithConcurrencyLimitAndPointerOnlyItems() {
    assertThat(root.path("StartAt").asText()).isEqualTo("CheckRunning");
    assertThat(names(root.path("States"))).containsExactlyInAnyOrder("CheckRunning", "AnotherRunning", "Skipped", "Generation");
    JsonNode map = root.path("States").path("Generation");
    assertThat(map.path("Type").asText()).isEqualTo("Map");
    assertThat(map.path("ItemsPath").asText()).isEqualTo("$.slots");
    assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(4);
    assertThat(map.path("ItemSelector").path("runId.$").asText()).isEqualTo("$.runId");
    assertThat(map.path("ItemSelector").path("slot.$").asText()).isEqualTo("$$.Map.Item.Value");
    assertThat(map.path("ItemSelector").path("executionId.$").asText()).isEqualTo("$$.Execution.Id");
    assertThat(map.path("ItemSelector").path("startedAt.$").asText()).isEqualTo("$$.Execution.StartTime");
    assertThat(map.path("ItemSelector").size()).isEqualTo(4);
    assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("INLINE");
    assertThat(map.path("ResultPath").asText()).isEqualTo("$.results");
    assertThat(map.path("End").asBoolean()).isTrue();
    assertThat(root.path("TimeoutSeconds").asInt()).isEqualTo(7200);
  }

  @Test
  void aGenerationFirstChecksThatNoOtherExecutionOfTheStateMachineRuns() {
    JsonNode check = root.path("States").path("CheckRunning");
    assertThat(check.path("Type").asText()).isEqualTo("Task");
    assertThat(check.path("Resource").asText()).isEqualTo("arn:aws:states:::aws-sdk:sfn:listExecutions");
    assertThat(check.path("Parameters").path("StateMachineArn.$").asText()).isEqualTo("$$.StateMachine.Id");
    assertThat(check.path("Parameters").path("StatusFilter").asText()).isEqualTo("RUNNING");
    assertThat(check.path("Next").asText()).isEqualTo("AnotherRunning");
    JsonNode choice = root.path("States").path("AnotherRunning");
    assertThat(choice.path("Choices").get(0).path("Variable").asText()).isEqualTo("$.running.executions[1]");
    assertThat(choice.path("Choices").get(0).path("IsPresent").asBoolean()).isTrue();
    assertThat(choice.path("Choices").get(0).path("Next").asText()).isEqualTo("Skipped");
    assertThat(choice.path("Default").asText()).isEqualTo("Generation");
    assertThat(root.path("States").path("Skipped").path("Type").asText()).isEqualTo("Succeed");
  }

  @Test
  void iterationIsPlanValidateChoiceExecuteRecord() {
    JsonNode processor = root.path("States").path("Generation").path("ItemProcessor");
    assertThat(processor.path("StartAt").asText()).isEqualTo("Plan");
    assertThat(names(states)).containsExactlyInAnyOrder("Plan", "Validate", "IsValid", "Execute", "Record");
    assertThat(states.path("Plan").path("Next").asText()).isEqualTo("Validate");
    assertThat(states.path("Validate").path("Next").asText()).isEqualTo("IsValid");
    JsonNode choice = states.path("IsValid");
    assertThat(choice.path("Type").asText()).isEqualTo("Choice");
    assertThat(choice.path("Choices").size()).isEqualTo(1);
    assertThat(choice.path("Choices").get(0).path("Variable").asText()).isEqualTo("$.validation.valid");
    assertThat(choice.path("Choices").get(0).path("BooleanEquals").asBoolean()).isTrue();
    assertThat(choice.path("Choices").get(0).path("Next").asText()).isEqualTo("Execute");
    assertThat(choice.path("Default").asText()).isEqualTo("Record");
    assertThat(states.path("Execute").path("Next").asText()).isEqualTo("Record");
    assertThat(states.path("Record").path("End").asBoolean()).isTrue();
  }

  @Test
  void tasksInvokeTheLiveAliasesDirectlyAndMergeResultsByResultPath() {
    for (String task : List.of("Plan", "Validate", "Execute", "Record")) {
      assertThat(states.path(task).path("Type").asText()).isEqualTo("Task");
      assertThat(states.path(task).has("Parameters")).as(task + " passes its input unchanged").isFalse();
      assertThat(states.path(task).has("OutputPath")).isFalse();
    }
    assertThat(states.path("Plan").path("Resource").asText()).isEqualTo(Definitions.lambdaArn(Stage.PLAN));
    assertThat(states.path("Validate").path("Resource").asText()).isEqualTo(Definitions.lambdaArn(Stage.VALIDATE));
    assertThat(states.path("Execute").path("Resource").asText()).isEqualTo(Definitions.lambdaArn(Stage.EXECUTE));
    assertThat(states.path("Record").path("Resource").asText()).isEqualTo(Definitions.lambdaArn(Stage.RECORD));
    assertThat(states.path("Plan").has("ResultPath")).isFalse();
    assertThat(states.path("Validate").path("ResultPath").asText()).isEqualTo("$.validation");
    assertThat(states.path("Execute").path("ResultPath").asText()).isEqualTo("$.execution");
    assertThat(states.path("Record").has("ResultPath")).isFalse();
  }

  @Test
  void everyTaskRetriesLambdaServiceErrorsAndThrottlingWithBackoffAndFullJitter() {
    for (String task : List.of("Plan", "Validate", "Execute", "Record")) {
      JsonNode retry = states.path(task).path("Retry").get(0);
      assertThat(strings(retry.path("ErrorEquals"))).containsExactly("Lambda.ServiceException",
          "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
      assertThat(retry.path("IntervalSeconds").asInt()).isEqualTo(2);
      assertThat(retry.path("MaxAttempts").asInt()).isEqualTo(6);
      assertThat(retry.path("BackoffRate").asDouble()).isEqualTo(2.0);
      assertThat(retry.path("MaxDelaySeconds").asInt()).isEqualTo(60);
      assertThat(retry.path("JitterStrategy").asText()).isEqualTo("FULL");
    }
    for (String task : List.of("Plan", "Validate", "Execute")) {
      assertThat(states.path(task).path("Retry").size()).as(task + " retries only transient errors").isEqualTo(1);
    }
  }

  @Test
  void recordIsRetriedOnAnyErrorLastAndHasNoCatch() {
    JsonNode retries = states.path("Record").path("Retry");
    assertThat(retries.size()).isEqualTo(2);
    JsonNode any = retries.get(1);
    assertThat(strings(any.path("ErrorEquals"))).containsExactly("States.ALL");
    assertThat(any.path("MaxAttempts").asInt()).isEqualTo(3);
    assertThat(any.path("JitterStrategy").asText()).isEqualTo("FULL");
    assertThat(states.path("Record").has("Catch")).isFalse();
  }

  @Test
  void planValidateAndExecuteCatchEverythingIntoRecordWithTheErrorUnderDollarError() {
    for (String task : List.of("Plan", "Validate", "Execute")) {
      JsonNode catches = states.path(task).path("Catch");
      assertThat(catches.size()).isEqualTo(1);
      assertThat(strings(catches.get(0).path("ErrorEquals"))).containsExactly("States.ALL");
      assertThat(catches.get(0).path("ResultPath").asText()).isEqualTo("$.error");
      assertThat(catches.get(0).path("Next").asText()).isEqualTo("Record");
    }
  }

  @Test
  void taskTimeoutsSitAboveEachFunctionsOwnTimeout() {
    assertThat(states.path("Plan").path("TimeoutSeconds").asInt()).isEqualTo(Stage.PLAN.timeoutSeconds + 60);
    assertThat(states.path("Validate").path("TimeoutSeconds").asInt()).isEqualTo(Stage.VALIDATE.timeoutSeconds + 60);
    assertThat(states.path("Execute").path("TimeoutSeconds").asInt()).isEqualTo(Stage.EXECUTE.timeoutSeconds + 60);
    assertThat(states.path("Record").path("TimeoutSeconds").asInt()).isEqualTo(Stage.RECORD.timeoutSeconds + 60);
  }

  @Test
  void definitionUsesOnlyTheStateTypesAndFieldsTheLocalExecutorSupports() {
    assertThat(root.has("QueryLanguage")).isFalse();
    List<String> types = new ArrayList<>();
    states.forEach(s -> types.add(s.path("Type").asText()));
    assertThat(types).allMatch(List.of("Task", "Choice", "Map", "Pass", "Succeed", "Fail")::contains);
    assertThat(definition).doesNotContain("Arguments", "Output\"", "Assign", "JSONata", "Heartbeat", "{%");
  }

  @Test
  void committedDefinitionMatchesTheSynthesizedOne() throws Exception {
    // functions/local runs infra/state-machine.asl.json; regenerate it with
    // `java -cp infra/target/infra.jar codeclab.infra.Definitions infra/state-machine.asl.json`.
    assertThat(Files.readString(COMMITTED)).as("infra/state-machine.asl.json is stale").isEqualTo(definition);
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
