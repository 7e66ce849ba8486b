package codeclab.cli;

import codeclab.media.ClipInfo;
import codeclab.media.ClipLibrary;
import codeclab.media.synthetic.SyntheticClips;
import codeclab.media.synthetic.SyntheticSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code codec-lab clips generate|import|list}: the clip folder under {@code DATA/clips}. */
@Command(name = "clips", mixinStandardHelpOptions = true,
        description = "Generate, import and list clips (stored as 8-bit 4:2:0 y4m under DATA/clips).",
        subcommands = {ClipsCommand.Generate.class, ClipsCommand.Import.class, ClipsCommand.ListClips.class})
public final class ClipsCommand extends CommandGroup {

    /** Options every clips subcommand shares. */
    static class Common {
        @Option(names = "--data", defaultValue = "codec-lab-data", description = "Data folder (default: ${DEFAULT-VALUE}); clips live in DATA/clips.")
        Path data;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        ClipLibrary library() {
            return new ClipLibrary(data.resolve("clips"));
        }

        void print(List<ClipInfo> clips) {
            if (json) {
                System.out.println(Json.write(clips.stream().map(Common::row).toList()));
                return;
            }
            if (clips.isEmpty()) {
                System.out.println("no clips (import your own with: " + Hints.command("clips import", Hints.dataArgs(data)) + " FILE; the named sets dev, holdout, tiny, ... need no import)");
                return;
            }
            System.out.printf("%-20s %9s %6s %9s %-16s %12s%n", "NAME", "SIZE", "FRAMES", "FPS", "HASH", "BYTES");
            for (ClipInfo c : clips) {
                System.out.printf("%-20s %9s %6d %9s %-16s %12d%n", c.name(), c.width() + "x" + c.height(),
                        c.frameCount(), fps(c), c.contentHash().substring(0, 16), c.fileBytes());
            }
        }

        private static String fps(ClipInfo c) {
            return c.fpsDen() == 1 ? Integer.toString(c.fpsNum()) : c.fpsNum() + "/" + c.fpsDen();
        }

        private static java.util.Map<String, Object> row(ClipInfo c) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", c.name());
            m.put("path", c.path().toString());
            m.put("width", c.width());
            m.put("height", c.height());
            m.put("frames", c.frameCount());
            m.put("fpsNum", c.fpsNum());
            m.put("fpsDen", c.fpsDen());
            m.put("hash", c.contentHash());
            m.put("fileBytes", c.fileBytes());
            return m;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate a named synthetic set (dev, holdout, tiny) or one synthetic clip.")
    static final class Generate implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--set", description = "A named set: dev, holdout or tiny.")
        String set;

        @Option(names = "--name", description = "Name of a single generated clip.")
        String name;

        @Option(names = "--size", defaultValue = "352x288", description = "WIDTHxHEIGHT of a single clip (default: ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--frames", defaultValue = "30", description = "Frames of a single clip (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--fps", defaultValue = "30", description = "Frame rate of a single clip (default: ${DEFAULT-VALUE}).")
        int fps;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of a single clip (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public void run() {
            if ((set == null) == (name == null)) {
                throw new UserError("give either --set (" + String.join(", ", SyntheticClips.setNames()) + ") or --name for one clip");
            }
            if (set != null) {
                common.print(common.library().generateSet(set));
                return;
            }
            String[] wh = size.toLowerCase().split("x");
            int w, h;
            try {
                w = Integer.parseInt(wh[0]);
                h = Integer.parseInt(wh[1]);
            } catch (RuntimeException e) {
                throw new UserError("--size " + size + " is not WIDTHxHEIGHT, e.g. 352x288");
            }
            SyntheticSpec spec;
            try {
                spec = new SyntheticSpec(w, h, frames, fps, 1, seed);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            common.print(List.of(common.library().generate(name, spec)));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a y4m or any FFmpeg-decodable video as an 8-bit 4:2:0 y4m clip.")
    static final class Import implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Parameters(index = "0", description = "The file to import.")
        Path file;

        @Option(names = "--name", description = "Clip name (default: from the file name).")
        String name;

        @Override
        public void run() {
            common.print(List.of(common.library().importFile(file, name)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clips with size, frames, fps, hash and file size.")
    static final class ListClips implements Runnable {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public void run() {
            common.print(common.library().list());
        }
    }
}
