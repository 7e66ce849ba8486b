package codeclab.cli;

import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.ArtifactStore;
import codeclab.store.EmbeddedDynamo;
import codeclab.store.ExperimentStore;
import codeclab.store.LocalStore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --data DIR}: {@link LocalStore} (dynalite under DIR/dynamodb, artifacts under DIR/artifacts). While a
 * {@code codec-lab run} owns the folder, commands that may share it go through that run's store.
 */
final class LocalBackend implements Backend {

    private final Path dataDir;
    private final LocalStore local;

    private LocalBackend(Path dataDir, LocalStore local) {
        this.dataDir = dataDir;
        this.local = local;
    }

    static LocalBackend open(Path dataDir, boolean share, boolean mayCreate, BackendOptions options) {
        if (mayCreate) {
            DataFolder.requireUsable(dataDir);
        } else {
            DataFolder.requireExisting(dataDir);
        }
        LocalStore store;
        try {
            store = share ? LocalStore.openShared(dataDir) : LocalStore.open(dataDir);
        } catch (EmbeddedDynamo.InUseException e) {
            throw inUse(dataDir, share, options);
        }
        if (store.shared()) {
            // stderr: --json output on stdout stays one document
            System.err.println("codec-lab: a running loop (pid " + store.sharedWith().ownerPid() + ") owns "
                    + dataDir.toAbsolutePath().normalize() + "; reading through its store at " + store.endpoint()
                    + " (its experiments in flight are not final yet)");
        }
        return new LocalBackend(dataDir, store);
    }

    private static UserError inUse(Path dataDir, boolean share, BackendOptions options) {
        String folder = dataDir.toAbsolutePath().normalize().toString();
        if (share) {
            return new UserError("the data folder " + folder + " is in use by another codec-lab process that does not share"
                    + " its store (an older version, or one still starting): wait for it to finish, or stop it (Ctrl-C in its terminal)");
        }
        return new UserError("a running codec-lab process owns " + folder + " and this command changes runs under it: stop the"
                + " loop first (Ctrl-C in its terminal, or " + Hints.command("pause", options) + "), then try again");
    }

    @Override
    public ExperimentStore experiments() {
        return local.experiments();
    }

    @Override
    public ArtifactStore artifacts() {
        return local.artifacts();
    }

    @Override
    public ScheduleControl schedule() {
        return ScheduleControl.NONE;
    }

    @Override
    public Optional<AlertPublisher> alertTopic() {
        return Optional.empty();
    }

    @Override
    public Optional<String> stateMachineArn() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "data folder " + dataDir.toAbsolutePath().normalize()
                + (local.shared() ? ", through the running loop's store (pid " + local.sharedWith().ownerPid() + ")" : "");
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public void close() {
        local.close();
    }
}
