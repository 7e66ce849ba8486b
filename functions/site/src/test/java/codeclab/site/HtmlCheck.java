package codeclab.site;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a page is well-formed enough: balanced tags, SVG parses as XML, no script, nothing fetched from elsewhere. */
final class HtmlCheck {

    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*?)(/?)>");
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    private HtmlCheck() {
    }

    static void wellFormed(String html) {
        assertThat(html).startsWith("<!doctype html>");
        // The one script allowed (by its hash, in the CSP) is the experiments table's, inline and exactly as written.
        if (html.contains("<script")) {
            assertThat(html).contains(BlogIndex.SCRIPT);
            html = html.replace(BlogIndex.SCRIPT, "");
        }
        String body = html.replaceFirst("(?s)<style>.*?</style>", "<style></style>");
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(body);
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosing = !m.group(4).isEmpty();
            if (VOID.contains(name) || selfClosing) {
                continue;
            }
            if (closing) {
                assertThat(open).as("closing </%s> at %d", name, m.start()).isNotEmpty();
                assertThat(open.pop()).as("closing </%s> at %d: %s", name, m.start(),
                        body.substring(Math.max(0, m.start() - 120), m.start())).isEqualTo(name);
            } else {
                open.push(name);
            }
        }
        assertThat(open).as("unclosed elements").isEmpty();
        for (String svg : svgs(html)) {
            parseXml(svg);
        }
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("javascript:").doesNotContain(" onload=")
                .doesNotContain(" onclick=");
        String withoutNs = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertThat(withoutNs).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"//")
                .doesNotContain("href=\"//");
    }

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static org.w3c.dom.Document parseXml(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("SVG is not well-formed XML: " + e.getMessage() + "\n" + xml.substring(0, Math.min(400, xml.length())), e);
        }
    }

    static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }
}
