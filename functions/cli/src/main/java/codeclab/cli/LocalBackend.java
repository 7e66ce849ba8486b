package codeclab.cli;

import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;
import codeclab.store.LocalStore;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --data DIR}: {@link LocalStore} (dynalite under DIR/dynamodb, artifacts under DIR/artifacts). */
final class LocalBackend implements Backend {

    private final Path dataDir;
    private final LocalStore local;

    LocalBackend(Path dataDir) {
        this.dataDir = dataDir;
        this.local = LocalStore.open(dataDir);
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
        return "data folder " + dataDir.toAbsolutePath().normalize();
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
