package codeclab.cli;

import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.ClipSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves what users pass as {@code --clip}: a file, a clip in DATA/clips, or a set name (dev, holdout, tiny-holdout:
 * real footage; synthetic, tiny: generated).
 */
final class ClipArgs {

    private ClipArgs() {
    }

    static List<Clip> resolve(Path data, List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new UserError("no clip given: pass --clip FILE, a clip name from " + Hints.command("clips list", Hints.dataArgs(data))
                    + ", or a set (" + String.join(", ", ClipSets.names()) + ")");
        }
        List<Clip> clips = new ArrayList<>();
        ClipLibrary library = new ClipLibrary(data.resolve("clips"));
        for (String spec : specs) {
            Path file = Path.of(spec);
            if (Files.exists(file)) {
                clips.add(ClipLibrary.read(file, ClipLibrary.nameFor(file)));
            } else if (ClipSets.exists(spec)) {
                clips.addAll(ClipSets.load(spec, data.resolve("clips").resolve(".bundled")));
            } else {
                clips.add(library.load(spec));
            }
        }
        return clips;
    }
}
