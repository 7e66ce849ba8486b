package codeclab.cli;

import codeclab.core.RdPoint;
import codeclab.harness.X264Baselines;
import codeclab.media.Clip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code codec-lab baseline --clip X}: the x264 curve the harness compares against, measured and cached by clip hash. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Measure (or read from the cache) the x264 RD curve of clips: libx264 preset medium at CRF 18, 23, 28, 33, 38.")
public final class BaselineCommand implements Runnable {

    @Option(names = "--clip", required = true, description = "Clip file, clip name, or set (dev, tiny, holdout). Repeatable.")
    List<String> clips;

    @Option(names = "--data", defaultValue = "codec-lab-data", description = "Data folder; the cache is DATA/baselines (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public void run() {
        X264Baselines baselines = new X264Baselines(data.resolve("baselines"));
        Map<String, List<RdPoint>> out = new LinkedHashMap<>();
        for (Clip clip : ClipArgs.resolve(data, clips)) {
            out.put(clip.name(), baselines.baseline(clip));
        }
        if (json) {
            System.out.println(Json.write(JsonNumbers.finite(out)));
            return;
        }
        out.forEach((name, points) -> {
            System.out.println("x264 on " + name);
            RdTable.print(points, "CRF");
        });
    }
}
