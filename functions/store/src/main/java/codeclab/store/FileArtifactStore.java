package codeclab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link ArtifactStore} in a folder: {@code <dir>/<kind>/<hash>}. Writes go to a temp file in the same folder and are
 * moved into place atomically, so a reader never sees half an artifact, even when two processes put the same bytes.
 */
public final class FileArtifactStore implements ArtifactStore {

    private final Path dir;

    public FileArtifactStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String put(String kind, byte[] bytes) {
        String key = ArtifactStore.keyFor(kind, bytes);
        Path target = dir.resolve(key);
        if (Files.isRegularFile(target)) return key;
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                }
            } catch (FileAlreadyExistsException sameBytesWonTheRace) {
                // Content-addressed: whoever got there first wrote the same bytes.
            } finally {
                Files.deleteIfExists(tmp);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store artifact " + key + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putNamed(String name, byte[] bytes) {
        Path target = dir.resolve(ArtifactStore.requireName(name));
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + name + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] getNamed(String name) {
        try {
            return Files.readAllBytes(dir.resolve(ArtifactStore.requireName(name)));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("Nothing named " + name + " in " + dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listNamed(String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 4)) {
            files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> ArtifactStore.NAME.matcher(n).matches() && !ArtifactStore.KEY.matcher(n).matches()
                            && n.startsWith(prefix))
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(dir.resolve(ArtifactStore.requireKey(key)));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("No artifact " + key + " in " + dir.toAbsolutePath()
                    + " (was the data folder moved or purged?)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read artifact " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(dir.resolve(ArtifactStore.requireKey(key)));
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> ArtifactStore.KEY.matcher(k).matches() && k.startsWith(prefix))
                    .forEach(keys::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list artifacts in " + dir + ": " + e.getMessage(), e);
        }
        keys.sort(null);
        return keys;
    }
}
