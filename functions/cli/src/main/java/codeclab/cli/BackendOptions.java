package codeclab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The backend options every data command shares; use as {@code @Mixin BackendOptions backend;} and
 * {@code try (Backend b = backend.open()) { ... }}. {@code --data DIR} (default {@value #DEFAULT_DATA}) and
 * {@code --stack NAME} are exclusive.
 */
public final class BackendOptions {

    public static final String DEFAULT_DATA = "codec-lab-data";

    /** Environment lookup; tests replace it to point {@code --stack} at local endpoints. */
    static Function<String, String> env = System::getenv;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Local data folder: embedded store and artifacts (default: " + DEFAULT_DATA + ").")
    Path data;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Use a deployed stack instead (tables, bucket, schedule, topic from its outputs; default AWS credentials and region).")
    String stack;

    /**
     * Opens the chosen backend; the caller closes it. Locally the data folder must hold a store already (nothing is
     * created), and while a {@code codec-lab run} owns it, this goes through that run's store (and says so on stderr).
     */
    public Backend open() {
        return open(true);
    }

    /** Like {@link #open()}, but refuses a data folder a running loop owns (purge, restore, fresh-start). */
    public Backend openExclusive() {
        return open(false, false);
    }

    /** Like {@link #openExclusive()}, and a missing local data folder is created (fresh-start). */
    public Backend openCreating() {
        return open(false, true);
    }

    private Backend open(boolean shareWithARunningLoop) {
        return open(shareWithARunningLoop, false);
    }

    private Backend open(boolean shareWithARunningLoop, boolean mayCreate) {
        if (stack != null && data != null) {
            throw new UserError("--data and --stack are exclusive: use the local folder or the deployed stack");
        }
        if (stack != null) {
            if (stack.isBlank()) throw new UserError("--stack needs the CloudFormation stack name");
            return new StackBackend(stack, env);
        }
        return LocalBackend.open(dataDir(), shareWithARunningLoop, mayCreate, this);
    }

    public boolean isStack() {
        return stack != null;
    }

    /** The local data folder ({@code --data}, else the default), whether or not it is opened. */
    public Path dataDir() {
        return data == null ? Path.of(DEFAULT_DATA) : data;
    }
}
