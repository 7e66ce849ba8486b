package codeclab.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feature flags of the repository's cdk.json ({@code @aws-cdk/...} context keys), so that code synthesizing
 * the stack outside the CDK CLI (tests, {@link Definitions}) builds what {@code cdk synth} builds.
 */
public final class CdkJson {
  private CdkJson() {}

  /** The flags of the cdk.json in the working directory or its parent (run from the repo root or from infra/). */
  public static Map<String, Object> featureFlags() {
    for (Path p : new Path[] {Path.of("cdk.json"), Path.of("..", "cdk.json")}) {
      if (Files.isRegularFile(p)) return featureFlags(p);
    }
    throw new IllegalStateException("cdk.json not found in " + Path.of("").toAbsolutePath()
        + " or its parent; run from the repository root");
  }

  static Map<String, Object> featureFlags(Path cdkJson) {
    try {
      JsonNode context = new ObjectMapper().readTree(cdkJson.toFile()).path("context");
      Map<String, Object> flags = new LinkedHashMap<>();
      context.fields().forEachRemaining(e -> {
        if (e.getKey().startsWith("@aws-cdk/")) {
          flags.put(e.getKey(), new ObjectMapper().convertValue(e.getValue(), Object.class));
        }
      });
      return flags;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cdkJson + ": " + e.getMessage(), e);
    }
  }
}
