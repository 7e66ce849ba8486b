package codeclab.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Immutable blobs (source code, compiler output, logs, RD points, reports) addressed by content: the key is
 * {@code <kind>/<sha256 hex of the bytes>}, e.g. {@code code/9f86d0...}. Putting the same bytes twice gives the same
 * key and writes nothing new, so keys can be passed between states and stored in experiment items as pointers.
 */
public interface ArtifactStore {

    /** Stores the bytes (idempotent) and returns their key. {@code kind}: lower-case letters, digits, '-', '.'. */
    String put(String kind, byte[] bytes);

    /** @throws NotFoundException naming the key when nothing is stored under it */
    byte[] get(String key);

    boolean exists(String key);

    /** Keys starting with {@code prefix} (e.g. {@code "code/"}), sorted. */
    List<String> list(String prefix);

    /**
     * Stores bytes under a chosen name (archives, indexes, pointers: things found by name, not by content). Names are
     * {@code /}-separated segments of {@code [A-Za-z0-9._-]} not starting with '.', e.g.
     * {@code archives/run-1-20261126T090812Z.jsonl}; they never look like content keys. Overwrites.
     */
    void putNamed(String name, byte[] bytes);

    /**
     * {@link #putNamed(String, byte[])} with the media type readers get back (S3 serves it as Content-Type, e.g. the
     * static site behind CloudFront); stores without metadata ignore it.
     */
    default void putNamed(String name, byte[] bytes, String contentType) {
        putNamed(name, bytes);
    }

    /** @throws NotFoundException when nothing is stored under the name */
    byte[] getNamed(String name);

    /** Names starting with {@code prefix} (e.g. {@code "archives/"}), sorted. */
    List<String> listNamed(String prefix);

    Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}");

    /** Rejects anything that is not a well-formed name, or that has the shape of a content key. */
    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches() || KEY.matcher(name).matches()) {
            throw new IllegalArgumentException("Not an artifact name (segments of [A-Za-z0-9._-] joined by '/', at most"
                    + " 4, not a <kind>/<sha256> key): \"" + name + "\"");
        }
        return name;
    }

    default String putString(String kind, String text) {
        return put(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    default String getString(String key) {
        return new String(get(key), StandardCharsets.UTF_8);
    }

    Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}/[0-9a-f]{64}");

    /** The key the bytes get under {@code kind}. */
    static String keyFor(String kind, byte[] bytes) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("Artifact kind must match " + KIND.pattern() + ", got \"" + kind + "\"");
        }
        try {
            return kind + "/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** Rejects anything that is not a well-formed key (no path tricks reach the folder or bucket). */
    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not an artifact key (<kind>/<64 hex>): \"" + key + "\"");
        }
        return key;
    }
}
