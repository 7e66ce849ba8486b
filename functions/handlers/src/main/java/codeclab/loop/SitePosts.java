package codeclab.loop;

import codeclab.loop.Events.Recorded;
import codeclab.monitor.site.SitePublisher;
import codeclab.site.SiteOutput;

import java.util.List;
import java.util.Objects;

/**
 * After each record: that experiment's post, its neighbours' and its run's blog index, written to the site (the hourly
 * monitor rewrites the dashboard, run list and archive pages). The first post of a process also writes
 * {@value #NOT_FOUND_PAGE}, which CloudFront serves for any missing page.
 */
public final class SitePosts implements LoopService.AfterRecord {

    /** The page the CDN shows for a missing page (the stack's CloudFront error responses point at it). */
    public static final String NOT_FOUND_PAGE = "404.html";

    static final String NOT_FOUND_HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Not found - codec-lab</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}</style></head>
            <body><h1>Not found</h1><p>There is no such page on this codec-lab site (yet: a new experiment's post appears
            within a minute or so of its record).</p><p><a href="/index.html">Dashboard</a> &middot;
            <a href="/blog/index.html">Blog</a></p></body></html>
            """;

    private final SitePublisher publisher;
    private final SiteOutput out;
    private volatile boolean notFoundWritten;

    public SitePosts(SitePublisher publisher, SiteOutput out) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void recorded(Recorded recorded) {
        publisher.posts(recorded.runId(), List.of(recorded.experimentId()), out);
        if (!notFoundWritten) {
            out.write(NOT_FOUND_PAGE, NOT_FOUND_HTML);
            notFoundWritten = true;
        }
    }
}
