package codeclab.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileArtifactStoreTest {

    @TempDir
    Path dir;

    @Test
    void keyIsTheSha256OfTheBytesUnderTheKind() {
        // Known answer: SHA-256("abc").
        assertThat(ArtifactStore.keyFor("code", "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("code/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> ArtifactStore.keyFor("../etc", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putIsIdempotentAndGetReturnsTheSameBytes() throws Exception {
        FileArtifactStore store = new FileArtifactStore(dir);
        byte[] source = "class C {}".getBytes(StandardCharsets.UTF_8);
        String key = store.put("code", source);
        assertThat(store.put("code", source)).isEqualTo(key);
        assertThat(store.get(key)).isEqualTo(source);
        assertThat(store.exists(key)).isTrue();
        assertThat(Files.list(dir.resolve("code"))).hasSize(1); // no temp files left behind
        String log = store.putString("log", "compiled");
        assertThat(store.list("")).containsExactlyInAnyOrder(key, log);
        assertThat(store.list("log/")).containsExactly(log);
    }

    @Test
    void missingArtifactNamesItsKey() {
        FileArtifactStore store = new FileArtifactStore(dir);
        String key = ArtifactStore.keyFor("code", new byte[] {1});
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(NotFoundException.class).hasMessageContaining(key);
        assertThatThrownBy(() -> store.get("code/../../secret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentPutsOfTheSameBytesLeaveOneCompleteFile() throws Exception {
        FileArtifactStore store = new FileArtifactStore(dir);
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 16; i++) keys.add(pool.submit(() -> store.put("clip", big)));
            for (Future<String> k : keys) assertThat(k.get()).isEqualTo(keys.get(0).get());
            assertThat(store.get(keys.get(0).get())).isEqualTo(big);
            assertThat(Files.list(dir.resolve("clip"))).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void namedObjectsAreStoredListedAndKeptApartFromContentKeys() {
        FileArtifactStore store = new FileArtifactStore(dir);
        String key = store.putString("code", "x");
        store.putNamed("archives/run-1-20261126T090000Z.jsonl", "a\n".getBytes(StandardCharsets.UTF_8));
        store.putNamed("archives/run-1-20261126T090000Z.json", "{}".getBytes(StandardCharsets.UTF_8));
        store.putNamed("archives/run-1-20261126T090000Z.json", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.listNamed("archives/")).containsExactly("archives/run-1-20261126T090000Z.json",
                "archives/run-1-20261126T090000Z.jsonl");
        assertThat(new String(store.getNamed("archives/run-1-20261126T090000Z.json"), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(store.list("")).containsExactly(key);
        assertThat(store.listNamed("")).doesNotContain(key);
        assertThatThrownBy(() -> store.putNamed("../escape", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putNamed(key, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.getNamed("archives/missing.jsonl")).isInstanceOf(NotFoundException.class);
    }
}
