package codeclab.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where site pages go: a folder locally, the bucket's {@code site/} prefix on AWS. */
@FunctionalInterface
public interface SiteOutput {

    /** Writes one page at {@code path} (relative, forward slashes), replacing any previous version. */
    void write(String path, String content);

    /** The media type a page is served with, from its extension (html, css, svg, json...; else octet-stream). */
    static String contentType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return SiteServer.TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT),
                "application/octet-stream");
    }

    /** A folder on disk; each page is written to a temp file and moved into place, so readers never see half a page. */
    static SiteOutput folder(Path root) {
        return (path, content) -> {
            if (path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("site path '" + path + "' must be relative and stay inside the site");
            }
            Path target = root.resolve(path);
            try {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".page", ".tmp");
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write site page " + target + ": " + e.getMessage(), e);
            }
        };
    }
}
