package codeclab.cli;

import codeclab.media.Clip;
import codeclab.media.ClipLibrary;
import codeclab.media.synthetic.SyntheticClips;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resolves what users pass as {@code --clip}: a file, a clip in DATA/clips, or a synthetic set name (dev, tiny, holdout). */
final class ClipArgs {

    private ClipArgs() {
    }

    static List<Clip> resolve(Path data, List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new UserError("no clip given: pass --clip FILE, a clip name from " + Hints.command("clips list", Hints.dataArgs(data))
                    + ", or a set (" + String.join(", ", SyntheticClips.setNames()) + ")");
        }
        List<Clip> clips = new ArrayList<>();
        ClipLibrary library = new ClipLibrary(data.resolve("clips"));
        for (String spec : specs) {
            Path file = Path.of(spec);
            if (Files.exists(file)) {
                clips.add(ClipLibrary.read(file, ClipLibrary.nameFor(file)));
            } else if (SyntheticClips.setNames().contains(spec)) {
                clips.addAll(SyntheticClips.set(spec));
            } else {
                clips.add(library.load(spec));
            }
        }
        return clips;
    }
}
