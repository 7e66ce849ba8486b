package codeclab.monitor.site;

import codeclab.site.BlogIndex;
import codeclab.site.DashboardPage;

/** The pages alerts and reviews link to, relative to the site root. */
public final class SiteLinks {

    /** The dashboard of the current run. */
    public static final String DASHBOARD = DashboardPage.PATH;
    /** The blog's index: every experiment, newest first. */
    public static final String BLOG = BlogIndex.PATH;

    private SiteLinks() {
    }
}
