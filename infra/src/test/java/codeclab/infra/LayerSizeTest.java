package codeclab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The JavaCV layer zip the build produced: layout, architecture, and size against Lambda's 250 MB. */
class LayerSizeTest {
  static final long LAMBDA_UNZIPPED_LIMIT = 250L * 1024 * 1024;

  private static Path layerZip() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path zip = p.resolve(LabConfig.DEFAULT_LAYER_ZIP);
      if (Files.isRegularFile(zip)) return zip;
    }
    throw new IllegalStateException("layers/javacv/target/javacv-layer.zip is missing: build with"
        + " `.ci/mvn -pl infra -am verify` (the layer module builds first)");
  }

  @Test
  void layerHoldsOnlyArm64GplJarsUnderJavaLibWellBelowTheUnzippedLimit() throws IOException {
    Path zip = layerZip();
    long unzipped = 0;
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        if (e.isDirectory()) continue;
        names.add(e.getName());
        unzipped += e.getSize();
      }
    }
    assertThat(names).allMatch(n -> n.startsWith("java/lib/") && n.endsWith(".jar"));
    assertThat(names).anyMatch(n -> n.contains("ffmpeg") && n.endsWith("-linux-arm64-gpl.jar"));
    assertThat(names).anyMatch(n -> n.contains("javacpp") && n.endsWith("-linux-arm64.jar"));
    assertThat(names).anyMatch(n -> n.startsWith("java/lib/javacv-"));
    assertThat(names).noneMatch(n -> n.contains("x86_64") || n.contains("windows") || n.contains("macosx"));
    assertThat(unzipped).as("unzipped layer bytes").isLessThan(LAMBDA_UNZIPPED_LIMIT / 4);
    System.out.printf("javacv layer: zipped %,d B, unzipped %,d B%n", Files.size(zip), unzipped);
  }
}
