package codeclab.loop;

import codeclab.loop.Events.Recorded;
import codeclab.monitor.site.SitePublisher;
import codeclab.site.SiteOutput;

import java.util.List;
import java.util.Objects;

/** After each record: that experiment's post, its neighbours' and the index pages, written to the site. */
public final class SitePosts implements LoopService.AfterRecord {

    private final SitePublisher publisher;
    private final SiteOutput out;

    public SitePosts(SitePublisher publisher, SiteOutput out) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void recorded(Recorded recorded) {
        publisher.posts(recorded.runId(), List.of(recorded.experimentId()), out);
    }
}
