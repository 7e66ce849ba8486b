package codeclab.site;

import codeclab.site.svg.Html;

/**
 * The page frame every site page shares: inline CSS (no CDN, no script), responsive down to a phone,
 * a navigation bar relative to the site root.
 */
final class Page {

    private Page() {
    }

    static final String CSS = """
            :root{--fg:#1d232b;--muted:#5c6773;--bg:#fff;--card:#f6f8fa;--good:#1a7f37;--bad:#cf222e;--warn:#9a6700;--accent:#0550ae}
            *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
            header{background:#0d1117;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:baseline}
            header a{color:#c9d1d9;text-decoration:none}header strong{color:#fff;margin-right:1rem}
            main{max-width:1100px;margin:0 auto;padding:1rem}
            h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #d0d7de}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.75rem}
            .card{background:var(--card);border-radius:6px;padding:.75rem}.card .v{font-size:1.4rem;font-weight:600}.card .k{color:var(--muted);font-size:.85rem}
            table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;display:block;overflow-x:auto}
            th,td{padding:.3rem .6rem;border-bottom:1px solid #d0d7de;text-align:right;white-space:nowrap}th:first-child,td:first-child{text-align:left}
            .good{color:var(--good);font-weight:600}.bad{color:var(--bad);font-weight:600}.warn{color:var(--warn);font-weight:600}
            .verdict{display:inline-block;padding:.2rem .6rem;border-radius:4px;color:#fff;font-weight:700}
            .sev-INFO{background:var(--good)}.sev-WARNING{background:var(--warn)}.sev-CRITICAL{background:var(--bad)}
            svg.chart{width:100%;height:auto;max-width:720px;background:#fff}
            svg .grid-line{stroke:#e5e7eb}svg .tick,svg .legend,svg .guide-label{font-size:11px;fill:#444}
            svg .axis-label{font-size:12px;fill:#222}svg .chart-title{font-size:13px;font-weight:600}
            pre{background:var(--card);padding:.75rem;overflow-x:auto;font-size:12.5px;line-height:1.4}
            .diff .add{background:#dafbe1;display:block}.diff .del{background:#ffebe9;display:block}.diff .hunk{color:var(--muted);display:block}
            nav.pager{display:flex;justify-content:space-between;margin:1.5rem 0}
            .muted{color:var(--muted)}ul.posts{list-style:none;padding:0}ul.posts li{padding:.5rem 0;border-bottom:1px solid #eee}
            .review{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.25rem 1rem;margin:1rem 0}.review h2{border:0;margin:.5rem 0}
            .review ol{padding-left:1.25rem;margin:.25rem 0 .75rem}.review li{margin:.2rem 0}
            .verdict-box ul{margin:.4rem 0}table.wrap td{white-space:normal;text-align:left}code{overflow-wrap:anywhere}
            figure{margin:0}figcaption{font-size:.85rem}ul.criteria{list-style:none;padding:0}
            svg .guide-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
            table.wrap th{text-align:left}table.wrap td:first-child,table.wrap td:last-child{min-width:14rem}
            .rd-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:1rem}
            main:has(table.tracker){max-width:1600px}table.tracker td{vertical-align:top}table.tracker .hyp{display:inline-block;min-width:16rem;max-width:28rem;white-space:normal;text-align:left}
            table.tracker th.sortable{cursor:pointer;text-decoration:underline dotted}table.tracker th[aria-sort=ascending]::after{content:" ▲"}
            table.tracker th[aria-sort=descending]::after{content:" ▼"}form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.5rem 0}
            form.filters[hidden]{display:none}form.filters input{max-width:100%}
            table.compare th[scope=row]{text-align:left;white-space:normal}table.compare td{white-space:normal;text-align:left;min-width:8rem}
            table.compare td.best{background:#dafbe1;font-weight:600}dl.glossary dt{font-weight:700;margin-top:.75rem}dl.glossary dd{margin:.2rem 0 0 1rem}
            code.restore{white-space:nowrap}
            @media (max-width:600px){main{padding:.5rem}th,td{padding:.25rem .4rem}
            svg .tick,svg .guide-label{font-size:17px}svg .legend{font-size:15px}svg .axis-label{font-size:18px}svg .chart-title{font-size:19px}
            svg circle.point{r:6px}}
            """;

    /** A whole HTML document. {@code root} is the relative path to the site root ("" or "../"). */
    static String html(String title, String root, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + Html.esc(title) + " · codec-lab</title><style>" + CSS + "</style></head><body>\n"
                + "<header><strong>codec-lab</strong><a href=\"" + root + "index.html\">Dashboard</a>"
                + "<a href=\"" + root + "blog/index.html\">Experiments</a><a href=\"" + root + "runs.html\">Runs</a>"
                + "<a href=\"" + root + "archive.html\">Archive</a><a href=\"" + root + "glossary.html\">Glossary</a></header>\n<main>\n" + body + "\n</main></body></html>\n";
    }
}
