package codeclab.monitor.site;

import codeclab.site.SiteOutput;
import codeclab.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Site outputs over the store: the bucket's {@code site/} prefix on AWS (what CloudFront serves). */
public final class SiteOutputs {

    /** The prefix of the site in the artifact bucket. */
    public static final String SITE_PREFIX = "site/";

    private SiteOutputs() {
    }

    /**
     * Pages as named artifacts under {@code prefix} (e.g. {@value #SITE_PREFIX}), each with its media type
     * ({@code text/html; charset=utf-8}, {@code application/json}...), so a browser renders them from S3/CloudFront.
     */
    public static SiteOutput artifacts(ArtifactStore artifacts, String prefix) {
        Objects.requireNonNull(artifacts, "artifacts");
        String p = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return (path, content) -> {
            if (path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("site path '" + path + "' must be relative and stay inside the site");
            }
            artifacts.putNamed(p + path, content.getBytes(StandardCharsets.UTF_8), SiteOutput.contentType(path));
        };
    }
}
