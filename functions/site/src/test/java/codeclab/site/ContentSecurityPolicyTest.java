package codeclab.site;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one inline script is allowed by its hash, in the local server's CSP and in CloudFront's (infra). */
class ContentSecurityPolicyTest {

    @Test
    void theTableScriptsHashIsTheOnlyScriptSourceLocallyAndOnCloudFront() throws Exception {
        assertThat(BlogIndex.SCRIPT_CSP_SOURCE).matches("'sha256-[A-Za-z0-9+/]{43}='");
        assertThat(SiteServer.CSP).endsWith("script-src " + BlogIndex.SCRIPT_CSP_SOURCE).doesNotContain("unsafe-eval")
                .doesNotContain("script-src 'unsafe-inline'");
        Path infra = Path.of("../../infra/src/main/java/codeclab/infra/Site.java");
        assertThat(Files.readString(infra)).as("infra's CSP must allow the same script hash; update SCRIPT_SOURCE in " + infra)
                .contains("SCRIPT_SOURCE = \"" + BlogIndex.SCRIPT_CSP_SOURCE + "\"");
    }
}
