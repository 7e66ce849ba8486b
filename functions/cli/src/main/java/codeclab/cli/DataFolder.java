package codeclab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of a {@code --data} folder before anything is started in it, each failing with one line that says what to do. */
final class DataFolder {

    private DataFolder() {
    }

    /** For {@code run}: the folder may be missing (it is created), but it must not be a file. */
    static void requireUsable(Path data) {
        if (Files.exists(data) && !Files.isDirectory(data)) {
            throw new UserError("--data " + data + " is a file, not a folder: give --data a folder for codec-lab's data"
                    + " (created if missing), e.g. --data codec-lab-data");
        }
    }

    /** For every other local command: the folder must hold a store already; nothing is created. */
    static void requireExisting(Path data) {
        requireUsable(data);
        String abs = data.toAbsolutePath().normalize().toString();
        if (!Files.isDirectory(data)) {
            throw new UserError("no codec-lab data in " + abs + " (no such folder): check --data, or create it with "
                    + Hints.command("run", null, "--data", data.toString()));
        }
        if (!Files.isDirectory(data.resolve("dynamodb"))) {
            throw new UserError("no codec-lab data in " + abs + " (no dynamodb/ store in it): check --data, or start a run there with "
                    + Hints.command("run", Hints.dataArgs(data)));
        }
    }
}
