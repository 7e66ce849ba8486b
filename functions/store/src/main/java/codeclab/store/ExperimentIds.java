package codeclab.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time-sortable experiment ids: {@code 20261126T090812345Z-K7QX2M} = UTC creation time to the millisecond, a dash,
 * six random Crockford base32 characters (30 bits, so ids created in the same millisecond do not collide in practice).
 * Lexicographic order is creation order, which makes "newest N" and "since T" key-range Queries.
 */
public final class ExperimentIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExperimentIds() {
    }

    /** A new id for an experiment created at {@code createdAt}. */
    public static String next(Instant createdAt) {
        StringBuilder b = new StringBuilder(prefix(createdAt)).append('-');
        int bits = RANDOM.nextInt(1 << 30);
        for (int i = 0; i < 6; i++) {
            b.append(BASE32[bits & 31]);
            bits >>>= 5;
        }
        return b.toString();
    }

    /**
     * A reproducible id for something created at {@code createdAt} and named by {@code seed}: the same arguments give
     * the same id (for retries that must find what a previous attempt created), different seeds differ in 30 bits.
     */
    public static String derived(Instant createdAt, String seed) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        int bits = ((digest[0] & 0xff) << 22 | (digest[1] & 0xff) << 14 | (digest[2] & 0xff) << 6 | (digest[3] & 0xff) >>> 2);
        StringBuilder b = new StringBuilder(prefix(createdAt)).append('-');
        for (int i = 0; i < 6; i++) {
            b.append(BASE32[bits & 31]);
            bits >>>= 5;
        }
        return b.toString();
    }

    /** The time part of ids created at {@code t}; every id created at or after {@code t} sorts after it. */
    public static String prefix(Instant t) {
        return STAMP.format(t);
    }

    /** The creation time encoded in an id. */
    public static Instant createdAt(String experimentId) {
        if (experimentId == null || experimentId.length() < 19) {
            throw new IllegalArgumentException("Not an experiment id (expected yyyyMMddTHHmmssSSSZ-XXXXXX): " + experimentId);
        }
        return STAMP.parse(experimentId.substring(0, 19), Instant::from);
    }
}
