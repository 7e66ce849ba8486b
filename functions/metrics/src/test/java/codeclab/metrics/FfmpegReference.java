package codeclab.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs FFmpeg's {@code psnr} and {@code ssim} filters on two y4m files and parses what they report: the
 * per-frame stats files, the per-frame metadata (PSNR with 6 decimals; the stats file has only 2) and the
 * summary lines. FFmpeg's first filter input is "main" (the distorted clip), the second the reference;
 * both metrics are symmetric, so the order only matters for the names.
 */
final class FfmpegReference {

    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    /** What FFmpeg printed, keyed by its own names ({@code psnr_y}, {@code mse_avg}, {@code Y}, {@code All}...). */
    record Result(List<Map<String, Double>> psnrStats, List<Map<String, Double>> ssimStats,
                  List<Map<String, Double>> psnrMeta, Map<String, Double> psnrSummary,
                  Map<String, Double> ssimSummary, String rawLog) {
    }

    static boolean available() {
        return Files.isExecutable(FFMPEG);
    }

    /**
     * Runs the filters. With {@code cReference} FFmpeg runs with {@code -cpuflags 0}: its C code, which is
     * the definition. FFmpeg 5.1's x86 SIMD SSIM adds one spurious window per row when a plane's width/4 is
     * 2 mod 4 (e.g. the 88-sample chroma of 176x144), overstating SSIM there by up to ~0.02.
     */
    static Result run(Path dir, Path dist, Path ref, boolean cReference) throws IOException, InterruptedException {
        Path psnrLog = dir.resolve("psnr.log");
        Path ssimLog = dir.resolve("ssim.log");
        Path psnrMeta = dir.resolve("psnr_meta.txt");
        String graph = "[0:v][1:v]psnr=stats_file=" + psnrLog.getFileName()
                + ",metadata=print:file=" + psnrMeta.getFileName()
                + ";[0:v][1:v]ssim=stats_file=" + ssimLog.getFileName();
        List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-nostdin"));
        if (cReference) {
            command.addAll(List.of("-cpuflags", "0"));
        }
        command.addAll(List.of("-i", dist.toString(), "-i", ref.toString(), "-lavfi", graph, "-f", "null", "-"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed:\n" + log);
        }
        return new Result(parseKeyValueLines(Files.readAllLines(psnrLog)), parseKeyValueLines(Files.readAllLines(ssimLog)),
                parseMetadata(Files.readAllLines(psnrMeta)), summary(log, "PSNR"), summary(log, "SSIM"), log);
    }

    /** Lines of {@code key:value} pairs, e.g. {@code n:1 mse_avg:12.3 ... psnr_y:inf} or {@code n:1 Y:0.9 ... All:0.9 (10.1)}. */
    static List<Map<String, Double>> parseKeyValueLines(List<String> lines) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                out.add(pairs(line));
            }
        }
        return out;
    }

    private static final Pattern PAIR = Pattern.compile("(\\w+):(-?(?:inf|nan|[0-9.]+))(?: \\((-?(?:inf|nan|[0-9.]+))\\))?");

    static Map<String, Double> pairs(String text) {
        Map<String, Double> m = new HashMap<>();
        Matcher matcher = PAIR.matcher(text);
        while (matcher.find()) {
            m.put(matcher.group(1), number(matcher.group(2)));
            if (matcher.group(3) != null) {
                m.put(matcher.group(1) + "_db", number(matcher.group(3)));
            }
        }
        return m;
    }

    static double number(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** {@code frame:N ...} followed by {@code lavfi.psnr.psnr.y=27.2} lines. */
    static List<Map<String, Double>> parseMetadata(List<String> lines) {
        List<Map<String, Double>> out = new ArrayList<>();
        Map<String, Double> current = null;
        for (String line : lines) {
            if (line.startsWith("frame:")) {
                current = new HashMap<>();
                out.add(current);
            } else if (line.startsWith("lavfi.") && current != null) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), number(line.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    /** The summary line FFmpeg logs at the end, e.g. {@code [Parsed_psnr_0 @ 0x..] PSNR y:27.1 ... max:27.2}. */
    static Map<String, Double> summary(String log, String metric) {
        for (String line : log.split("\n")) {
            int at = line.indexOf("] " + metric + " ");
            if (at >= 0) {
                return pairs(line.substring(at + metric.length() + 3));
            }
        }
        throw new IllegalStateException("no " + metric + " summary in the ffmpeg log:\n" + log);
    }
}
