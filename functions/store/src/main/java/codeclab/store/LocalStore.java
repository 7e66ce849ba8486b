package codeclab.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a local command needs from one data folder: the embedded dynalite under {@code <data>/dynamodb}, the
 * experiment store on it (tables created if missing) and the artifacts under {@code <data>/artifacts}.
 * {@link #close()} closes the store, then stops the server.
 *
 * <p>{@link #openShared} also works while another process (a running {@code codec-lab run}) owns the folder: it then
 * talks to that process's server through the endpoint it advertises; {@code dynamo} is null and {@link #sharedWith()}
 * names the owner.
 */
public record LocalStore(EmbeddedDynamo dynamo, DynamoExperimentStore experiments, FileArtifactStore artifacts,
                         EmbeddedDynamo.Advertised sharedWith) implements AutoCloseable {

    /** Owns the folder: starts its server (creating the folder and tables when missing). */
    public static LocalStore open(Path dataDir) {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(dataDir);
        try {
            DynamoExperimentStore store = DynamoExperimentStore.create(DynamoConfig.local(dynamo.endpoint()));
            store.createTables();
            return new LocalStore(dynamo, store, new FileArtifactStore(dataDir.resolve("artifacts")), null);
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    /**
     * Owns the folder when it is free; when another process owns it and advertises its server, uses that server
     * instead (the tables exist: the owner created them).
     *
     * @throws EmbeddedDynamo.InUseException when the folder is owned and its server cannot be reached
     */
    public static LocalStore openShared(Path dataDir) {
        try {
            return open(dataDir);
        } catch (EmbeddedDynamo.InUseException inUse) {
            Optional<EmbeddedDynamo.Advertised> running = EmbeddedDynamo.advertised(dataDir);
            if (running.isEmpty()) throw inUse;
            return attach(dataDir, running.get());
        }
    }

    private static LocalStore attach(Path dataDir, EmbeddedDynamo.Advertised running) {
        DynamoExperimentStore store = DynamoExperimentStore.create(DynamoConfig.local(running.endpoint()));
        return new LocalStore(null, store, new FileArtifactStore(dataDir.resolve("artifacts")), running);
    }

    /** True when another process owns the folder and this store talks to its server. */
    public boolean shared() {
        return sharedWith != null;
    }

    /** The server's endpoint, whoever runs it. */
    public URI endpoint() {
        return dynamo != null ? dynamo.endpoint() : sharedWith.endpoint();
    }

    @Override
    public void close() {
        try {
            experiments.close();
        } finally {
            if (dynamo != null) dynamo.close();
        }
    }
}
