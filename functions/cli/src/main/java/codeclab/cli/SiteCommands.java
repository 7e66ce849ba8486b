package codeclab.cli;

import codeclab.monitor.MonitorConfig;
import codeclab.monitor.site.SiteOutputs;
import codeclab.monitor.site.SitePublisher;
import codeclab.site.SiteOutput;
import codeclab.site.SiteServer;
import codeclab.store.ArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The static site: {@code codec-lab report} writes it (dashboard, blog, run list, archive), {@code codec-lab serve}
 * serves a folder of it on the loopback interface.
 */
final class SiteCommands {

    private SiteCommands() {
    }

    /** The folder the site goes to locally: {@code DATA/site}. */
    static Path defaultFolder(Path data) {
        return data.resolve("site");
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Write the static site: the run's dashboard (the monitor's verdict, judged read-only: nothing is"
                    + " marked, sent or saved), one blog post per experiment, the run list and the archive.",
                    "Locally it goes to DATA/site; with --stack to the bucket's site/ prefix (or to --out)."})
    static final class Report implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--run", paramLabel = "R", description = "The run on the dashboard (default: the current run).")
        String run;
        @Option(names = "--out", paramLabel = "DIR", description = "Write into this folder (default: DATA/site; with --stack: the bucket).")
        Path out;
        @Option(names = "--open", description = "Open the dashboard in a browser (xdg-open), or print its file URL.")
        boolean open;
        @Option(names = "--json", description = "Print what was written as JSON.")
        boolean json;
        @Option(names = "--compare", paramLabel = "A,B[,C]", split = ",",
                description = "Also write a compare page for these two or three experiments of the run (RD curves overlaid, numbers side by side, code diff).")
        List<String> compare;

        @Override
        public void run() {
            if (compare != null && (compare.size() < 2 || compare.size() > 3)) {
                throw new UserError("--compare takes two or three experiment ids separated by commas, e.g. --compare A,B");
            }
            try (Backend b = backend.open()) {
                if (run != null) RunLookup.run(b, backend, run);
                Path folder = out != null ? out : b.isLocal() ? defaultFolder(backend.dataDir()) : null;
                SiteOutput output = folder != null ? SiteOutput.folder(folder)
                        : SiteOutputs.artifacts(b.artifacts(), SiteOutputs.SITE_PREFIX);
                SitePublisher publisher = new SitePublisher(b.experiments(), b.artifacts(), b.operations(),
                        MonitorConfig.defaults(), Clock.systemUTC()).withCommand(new codeclab.site.CliCommand(Hints.launcher(), Hints.backendArgs(backend)));
                SitePublisher.Published p = publisher.all(run, null, output);
                String comparePath = null;
                if (compare != null && p.runId() != null) {
                    for (String id : compare) RunLookup.experiment(b, backend, p.runId(), id);
                    comparePath = new codeclab.site.SiteGenerator(new codeclab.monitor.site.StoreSiteSource(b.experiments(), b.artifacts(),
                            b.operations()), output, Clock.systemUTC()).compare(p.runId(), compare);
                }
                String index = folder != null ? folder.resolve("index.html").toAbsolutePath().normalize().toString()
                        : b.siteUrl().orElseThrow() + "index.html";
                long pages = p.written().stream().filter(w -> w.endsWith(".html")).count();
                String url = folder != null ? folder.resolve("index.html").toAbsolutePath().normalize().toUri().toString() : index;
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("runId", p.runId());
                    doc.put("index", index);
                    doc.put("url", url);
                    doc.put("pages", pages);
                    doc.put("files", p.written().size());
                    doc.put("posts", p.posts());
                    doc.put("experiments", p.experiments());
                    doc.put("runs", p.runs());
                    doc.put("verdict", p.report() == null ? null : p.report().verdict().name());
                    doc.put("severity", p.report() == null ? null : p.report().severity().name());
                    doc.put("compare", comparePath);
                    System.out.println(Json.write(doc));
                } else {
                    System.out.println("site of " + (p.runId() == null ? "no run yet" : "run " + p.runId()) + " (" + b.description() + ")");
                    System.out.println(index);
                    System.out.printf("  %d pages: dashboard, %d posts, blog index, run list (%d run%s), archive; %d experiments%n",
                            pages, p.posts(), p.runs(), p.runs() == 1 ? "" : "s", p.experiments());
                    codeclab.monitor.report.Report r = p.report();
                    if (r != null) {
                        System.out.println("  monitor verdict: " + r.verdict() + " [" + r.severity() + "]");
                    }
                    if (comparePath != null) {
                        System.out.println("  compare: " + (folder != null ? folder.resolve(comparePath).toAbsolutePath().normalize()
                                : b.siteUrl().orElseThrow() + comparePath));
                    }
                }
                if (open) {
                    open(url);
                }
            }
        }

        private static void open(String url) {
            if (url.startsWith("s3://")) {
                System.out.println("the site is in the bucket: serve it with " + Hints.command("serve", java.util.List.of()) + " --stack NAME, or open the stack's SiteUrl");
                return;
            }
            Path opener = onPath("xdg-open");
            if (opener == null) {
                System.out.println("open " + url);
                return;
            }
            try {
                new ProcessBuilder(opener.toString(), url).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                System.out.println("opened " + url);
            } catch (IOException e) {
                System.out.println("could not start xdg-open (" + e.getMessage() + "); open " + url);
            }
        }
    }

    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name);
        }
        return null;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve the generated site on 127.0.0.1 until Ctrl-C (GET only, no scripts, nothing from elsewhere).",
                    "Locally it serves DATA/site (write it with codec-lab report); with --stack a snapshot of the bucket's site/."})
    static final class Serve implements Runnable {
        @Mixin
        BackendOptions backend = new BackendOptions();
        @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--dir", paramLabel = "DIR", description = "Serve this folder instead.")
        Path dir;
        /** Tests: stop after this many seconds instead of waiting for Ctrl-C. */
        @Option(names = "--stop-after", hidden = true)
        long stopAfterSeconds;

        @Override
        public void run() {
            Path folder = dir != null ? dir : backend.isStack() ? snapshot() : defaultFolder(backend.dataDir());
            if (!Files.isRegularFile(folder.resolve("index.html"))) {
                throw new UserError("no site in " + folder.toAbsolutePath().normalize() + " (no index.html): write it with "
                        + Hints.command("report", dir == null ? backend : null));
            }
            CountDownLatch stopped = new CountDownLatch(1);
            SiteServer started;
            try {
                started = SiteServer.start(folder, port);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.net.BindException) {
                    throw new UserError("port " + port + " on 127.0.0.1 is already in use (another serve, or another server):"
                            + " pick another, e.g. " + Hints.command("serve", dir == null ? backend : null, "--port", "0")
                            + " (0 picks a free port)");
                }
                throw e;
            }
            try (SiteServer server = started) {
                System.out.println("serving " + folder.toAbsolutePath().normalize() + " at " + server.uri() + " (Ctrl-C to stop)");
                System.out.println(server.uri() + "index.html");
                System.out.flush();
                if (stopAfterSeconds > 0) {
                    stopped.await(stopAfterSeconds, TimeUnit.SECONDS);
                } else {
                    stopped.await(); // until the JVM is interrupted (Ctrl-C runs the shutdown hooks and exits)
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The bucket's site/ prefix copied into a temporary folder. */
        private Path snapshot() {
            try (Backend b = backend.open()) {
                ArtifactStore a = b.artifacts();
                Path tmp = Files.createTempDirectory("codec-lab-site");
                int n = 0;
                for (String name : a.listNamed(SiteOutputs.SITE_PREFIX)) {
                    Path target = tmp.resolve(name.substring(SiteOutputs.SITE_PREFIX.length())).normalize();
                    if (!target.startsWith(tmp)) continue;
                    Files.createDirectories(target.getParent());
                    Files.write(target, a.getNamed(name));
                    n++;
                }
                System.out.println("copied " + n + " pages of " + b.description() + " to " + tmp);
                return tmp;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the stack's site: " + e.getMessage(), e);
            }
        }
    }
}
