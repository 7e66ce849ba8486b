package codeclab.store;

import java.nio.file.Path;

/**
 * Everything a local command needs from one data folder: the embedded dynalite under {@code <data>/dynamodb}, the
 * experiment store on it (tables created if missing) and the artifacts under {@code <data>/artifacts}.
 * {@link #close()} closes the store, then stops the server.
 */
public record LocalStore(EmbeddedDynamo dynamo, DynamoExperimentStore experiments, FileArtifactStore artifacts)
        implements AutoCloseable {

    public static LocalStore open(Path dataDir) {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(dataDir);
        try {
            DynamoExperimentStore store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint()));
            store.createTables();
            return new LocalStore(dynamo, store, new FileArtifactStore(dataDir.resolve("artifacts")));
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            experiments.close();
        } finally {
            dynamo.close();
        }
    }
}
