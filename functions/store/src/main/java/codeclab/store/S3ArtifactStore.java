package codeclab.store;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link ArtifactStore} in an S3 bucket, keys {@code <prefix><kind>/<hash>}. S3 PUTs are atomic, so no temp objects.
 * Puts never ask first (a HEAD needs read permission the writing roles may lack); a content-addressed rewrite
 * changes nothing.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean ownsClient;

    /** The edge constructor: a client the caller owns. {@code prefix} may be "" or end with '/'. */
    public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, false);
    }

    private S3ArtifactStore(S3Client s3, String bucket, String prefix, boolean ownsClient) {
        if (prefix == null) prefix = "";
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix = prefix + "/";
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.ownsClient = ownsClient;
    }

    /** A store with its own client (URL-connection HTTP, default credentials) in {@code region}. */
    public static S3ArtifactStore create(String bucket, String prefix, String region) {
        S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region)).build();
        return new S3ArtifactStore(s3, bucket, prefix, true);
    }

    @Override
    public String put(String kind, byte[] bytes) {
        String key = ArtifactStore.keyFor(kind, bytes);
        // No existence check first: the key is the content's hash, so rewriting it changes nothing, and a
        // HeadObject needs read permission the code-running functions deliberately lack (403, not 404).
        s3.putObject(p -> p.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes));
        return key;
    }

    @Override
    public void putNamed(String name, byte[] bytes) {
        s3.putObject(p -> p.bucket(bucket).key(prefix + ArtifactStore.requireName(name)), RequestBody.fromBytes(bytes));
    }

    @Override
    public void putNamed(String name, byte[] bytes, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(prefix + ArtifactStore.requireName(name)).contentType(contentType),
                RequestBody.fromBytes(bytes));
    }

    @Override
    public byte[] getNamed(String name) {
        ArtifactStore.requireName(name);
        return read(name, "Nothing named " + name);
    }

    /**
     * One GetObject. A missing key is {@link NotFoundException}: S3 says 404 (NoSuchKey) to a caller that may
     * s3:ListBucket and 403 (AccessDenied) to one that may not, and the functions' roles deliberately may not list.
     * So a 403 is "missing, or not readable by this role": the stack's IAM replay test proves that every key a
     * function reads is under a prefix its role may read, which leaves "missing".
     */
    private byte[] read(String key, String missing) {
        try {
            return s3.getObjectAsBytes(g -> g.bucket(bucket).key(prefix + key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NotFoundException(missing + " in s3://" + bucket + "/" + prefix);
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new NotFoundException(missing + " in s3://" + bucket + "/" + prefix + " (S3 answered 403 Access Denied:"
                        + " the object is missing, or this role may not read it; without s3:ListBucket S3 does not tell"
                        + " the two apart)");
            }
            throw e;
        }
    }

    @Override
    public List<String> listNamed(String namePrefix) {
        List<String> names = new ArrayList<>();
        s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix + namePrefix)).contents().stream()
                .map(S3Object::key).map(k -> k.substring(prefix.length()))
                .filter(n -> ArtifactStore.NAME.matcher(n).matches() && !ArtifactStore.KEY.matcher(n).matches())
                .forEach(names::add);
        names.sort(null);
        return names;
    }

    @Override
    public byte[] get(String key) {
        ArtifactStore.requireKey(key);
        return read(key, "No artifact " + key);
    }

    @Override
    public boolean exists(String key) {
        ArtifactStore.requireKey(key);
        try {
            s3.headObject(h -> h.bucket(bucket).key(prefix + key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw e;
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix + keyPrefix)).contents().stream()
                .map(S3Object::key).map(k -> k.substring(prefix.length()))
                .filter(k -> ArtifactStore.KEY.matcher(k).matches())
                .forEach(keys::add);
        keys.sort(null);
        return keys;
    }

    @Override
    public void close() {
        if (ownsClient) s3.close();
    }
}
