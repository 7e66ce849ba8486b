package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import codeclab.infra.Functions.Stage;
import codeclab.loop.ClipProvider;
import codeclab.loop.LoopConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;

/** The execute function's time budget and JIT settings, from the synthesized template. */
class ExecuteRuntimeTest {
  private final Synth synth = Synth.defaults();

  @Test
  void executesTimeoutCoversTheWorstCaseOfTheDevAndHeldOutPassesOfTheDefaultSets() {
    LoopConfig loop = LoopConfig.defaults();
    ClipProvider clips = new ClipProvider(null);
    int dev = clips.clips(loop.clipSet()).size();
    int holdout = clips.clips(loop.holdout().orElseThrow()).size();
    // Children killed at the sandbox timeout, x264 on a cold baseline cache (a minute is generous: ~2.4 s per clip
    // measured) and the held-out guard's margin.
    Duration worst = loop.worstCase(dev).plus(Duration.ofSeconds(60)).plus(loop.worstCase(holdout)).plus(Duration.ofSeconds(60));
    assertThat(Duration.ofSeconds(Stage.EXECUTE.timeoutSeconds)).as(dev + " dev + " + holdout + " held-out clips")
        .isGreaterThanOrEqualTo(worst);
    // The state machine's task timeout stays above the function's, so Lambda's own limit fires first.
    assertThat(Definitions.stateMachineDefinition()).contains("\"TimeoutSeconds\" : " + (Stage.EXECUTE.timeoutSeconds + 60));
  }

  @Test
  @SuppressWarnings("unchecked")
  void executeRunsTheC2CompilerDespiteTheRuntimesTierOneDefault() throws Exception {
    Map<Stage, String> options = new java.util.EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      Capture env = new Capture();
      synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", s.handler(),
          "Environment", Map.of("Variables", env)));
      options.put(s, (String) ((Map<String, Object>) env.asObject()).get("JAVA_TOOL_OPTIONS"));
    }
    // Lambda's java21 runtime starts the JVM at TieredStopAtLevel=1; JAVA_TOOL_OPTIONS come after that default
    // (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html). Model it and ask the JVM what it ends with.
    assertThat(finalFlag("-XX:TieredStopAtLevel=1 " + options.get(Stage.EXECUTE), "TieredStopAtLevel")).isEqualTo("4");
    for (Stage s : List.of(Stage.PLAN, Stage.RECORD, Stage.MONITOR)) {
      assertThat(finalFlag("-XX:TieredStopAtLevel=1 " + options.get(s), "TieredStopAtLevel")).as(s.id()).isEqualTo("1");
    }
  }

  /** The value a JVM started with {@code JAVA_TOOL_OPTIONS=toolOptions} ends up with for {@code flag}. */
  private static String finalFlag(String toolOptions, String flag) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+PrintFlagsFinal", "-version"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> l.matches("\\s*\\w+\\s+" + flag + "\\s+=.*")).findFirst()
        .map(l -> l.replaceAll(".*=\\s*(\\S+).*", "$1")).orElseThrow(() -> new AssertionError(flag + " not printed: " + out));
  }
}
