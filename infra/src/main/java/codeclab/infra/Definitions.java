package codeclab.infra;

import codeclab.infra.Functions.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized state machine definition as plain Amazon States Language, for tools that run it
 * outside AWS (asl-validator, aws-local-stepfunctions, the local executor in functions/local).
 *
 * <p>CloudFormation tokens are replaced: each task's Resource becomes
 * {@code arn:aws:lambda:us-east-1:123456789012:function:codec-lab-<stage>:live} (see {@link #lambdaArn});
 * tasks are also addressable by state name ({@link Pipeline#PLAN} ...). The committed copy
 * {@code infra/state-machine.asl.json} is kept equal to this output by a test.
 *
 * <p>Command line: {@code java -cp infra/target/infra.jar codeclab.infra.Definitions [out.json]}.
 */
public final class Definitions {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Definitions() {}

  /** The placeholder ARN of a stage's live alias in the rendered definition. */
  public static String lambdaArn(Stage stage) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:codec-lab-" + stage.id() + ":live";
  }

  /** Synthesizes the stack with the default config and placeholder code; returns the definition. */
  public static String stateMachineDefinition() {
    return stateMachineDefinition(LabConfig.builder());
  }

  /** As {@link #stateMachineDefinition()}, with config (code paths are replaced by placeholders). */
  public static String stateMachineDefinition(LabConfig.Builder config) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("codec-lab-definition");
      LabConfig c = config.handlersJar(placeholderZip(dir.resolve("handlers.jar")))
          .layerZip(placeholderZip(dir.resolve("javacv-layer.zip"))).build();
      App app = App.Builder.create().outdir(dir.resolve("cdk.out").toString()).context(CdkJson.featureFlags()).build();
      return stateMachineDefinition(new CodecLabStack(app, "CodecLab", StackProps.builder().build(), c));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create placeholder Lambda code in " + dir, e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The definition of an already-built stack, tokens replaced as described above. */
  public static String stateMachineDefinition(CodecLabStack stack) {
    Map<String, String> refs = new HashMap<>(Map.of(
        "AWS::Partition", "aws", "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::URLSuffix", "amazonaws.com"));
    for (Stage s : Stage.values()) {
      refs.put(stack.getLogicalId((CfnElement) stack.functions().alias(s).getNode().getDefaultChild()), lambdaArn(s));
    }
    JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
    String smId = stack.getLogicalId((CfnElement) stack.pipeline().stateMachine().getNode().getDefaultChild());
    JsonNode definition = template.path("Resources").path(smId).path("Properties").path("DefinitionString");
    StringBuilder out = new StringBuilder();
    if (definition.isTextual()) {
      out.append(definition.asText());
    } else {
      JsonNode join = definition.path("Fn::Join");
      if (!join.isArray() || !join.get(0).asText().isEmpty()) {
        throw new IllegalStateException("unexpected DefinitionString shape: " + definition);
      }
      for (JsonNode part : join.get(1)) {
        if (part.isTextual()) {
          out.append(part.asText());
        } else if (part.has("Ref") && refs.containsKey(part.get("Ref").asText())) {
          out.append(refs.get(part.get("Ref").asText()));
        } else {
          throw new IllegalStateException("cannot render token " + part + " in the state machine definition;"
              + " only the stage aliases and pseudo parameters are known");
        }
      }
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(out.toString())) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the rendered definition is not JSON: " + out, e);
    }
  }

  /** Writes the definition to {@code file} (creating parent folders) and returns it. */
  public static String write(Path file) {
    String definition = stateMachineDefinition();
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Files.writeString(file, definition, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the definition to " + file, e);
    }
    return definition;
  }

  /** A minimal valid zip, standing in for Lambda code that synth only hashes. */
  public static Path placeholderZip(Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.putNextEntry(new ZipEntry("PLACEHOLDER.txt"));
      zip.write("placeholder for synth; not deployable".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temp dir is harmless; report it rather than fail the rendering.
      System.err.println("codec-lab: could not delete " + dir + ": " + e.getMessage());
    }
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      System.out.print(stateMachineDefinition());
    } else {
      write(Path.of(args[0]));
      System.err.println("wrote " + args[0]);
    }
  }

  static List<Stage> taskStages() { return List.of(Stage.PLAN, Stage.VALIDATE, Stage.EXECUTE, Stage.RECORD); }
}
