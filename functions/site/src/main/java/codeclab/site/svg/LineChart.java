package codeclab.site.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG chart (no script, no external resources): series drawn as lines and/or
 * markers over two axes, optional horizontal guide lines, a legend, and a title and description for
 * screen readers ({@code role="img"} with {@code <title>} and {@code <desc>}).
 */
public final class LineChart {

    /** One series. {@code dashed} for reference curves (x264), {@code line=false} for scatter. */
    public record Series(String name, List<Point> points, String colour, boolean line, boolean markers, boolean dashed) {
        public Series {
            points = List.copyOf(points);
        }

        public static Series line(String name, List<Point> points, String colour) {
            return new Series(name, points, colour, true, true, false);
        }

        public static Series dashed(String name, List<Point> points, String colour) {
            return new Series(name, points, colour, true, true, true);
        }

        public static Series scatter(String name, List<Point> points, String colour) {
            return new Series(name, points, colour, false, true, false);
        }
    }

    /** A data point; {@code link} (optional) makes the marker a hyperlink, {@code tip} its tooltip. */
    public record Point(double x, double y, String link, String tip) {
        public static Point of(double x, double y) {
            return new Point(x, y, null, null);
        }
    }

    /** A horizontal reference line at {@code y}. */
    public record Guide(String label, double y) {
    }

    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;

    private final String title;
    private final String description;
    private final Axis x;
    private final Axis y;
    private final List<Series> series;
    private final List<Guide> guides;

    public LineChart(String title, String description, Axis x, Axis y, List<Series> series, List<Guide> guides) {
        this.title = title;
        this.description = description;
        this.x = x;
        this.y = y;
        this.series = List.copyOf(series);
        this.guides = List.copyOf(guides);
    }

    /** Pixel x of a data value. */
    public double px(double value) {
        return LEFT + x.fraction(value) * (WIDTH - LEFT - RIGHT);
    }

    /** Pixel y of a data value (SVG y grows downwards). */
    public double py(double value) {
        return HEIGHT - BOTTOM - y.fraction(value) * (HEIGHT - TOP - BOTTOM);
    }

    public String render(String id) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" class=\"chart\">\n");
        s.append("<title id=\"").append(id).append("-t\">").append(Html.esc(title)).append("</title>\n");
        s.append("<desc id=\"").append(id).append("-d\">").append(Html.esc(description)).append("</desc>\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"20\" class=\"chart-title\">").append(Html.esc(title)).append("</text>\n");
        // grid and ticks
        s.append("<g class=\"grid\">\n");
        for (double t : x.ticks()) {
            s.append(line(px(t), TOP, px(t), HEIGHT - BOTTOM, "grid-line"));
            s.append(text(px(t), HEIGHT - BOTTOM + 16, Axis.format(t), "tick", "middle"));
        }
        for (double t : y.ticks()) {
            s.append(line(LEFT, py(t), WIDTH - RIGHT, py(t), "grid-line"));
            s.append(text(LEFT - 6, py(t) + 4, Axis.format(t), "tick", "end"));
        }
        s.append("</g>\n");
        s.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, x.label(), "axis-label", "middle"));
        s.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(14,")
                .append(f((TOP + HEIGHT - BOTTOM) / 2.0)).append(") rotate(-90)\">").append(Html.esc(y.label())).append("</text>\n");
        for (Guide g : guides) {
            if (g.y() >= y.min() && g.y() <= y.max()) {
                s.append("<line class=\"guide\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                        .append("\" y1=\"").append(f(py(g.y()))).append("\" y2=\"").append(f(py(g.y())))
                        .append("\" stroke=\"#888\" stroke-dasharray=\"2 4\"/>\n");
                s.append(text(WIDTH - RIGHT - 4, py(g.y()) - 4, g.label(), "guide-label", "end"));
            }
        }
        int legendX = LEFT + 8;
        for (Series ser : series) {
            List<Point> pts = ser.points().stream().filter(p -> inRange(p)).toList();
            s.append("<g class=\"series\" data-series=\"").append(Html.esc(ser.name())).append("\">\n");
            if (ser.line() && pts.size() > 1) {
                s.append("<polyline fill=\"none\" stroke=\"").append(ser.colour()).append("\" stroke-width=\"2\"")
                        .append(ser.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"");
                for (Point p : pts) {
                    s.append(f(px(p.x()))).append(',').append(f(py(p.y()))).append(' ');
                }
                s.append("\"/>\n");
            }
            if (ser.markers()) {
                for (Point p : pts) {
                    String circle = "<circle class=\"point\" cx=\"" + f(px(p.x())) + "\" cy=\"" + f(py(p.y()))
                            + "\" r=\"3.5\" fill=\"" + ser.colour() + "\">"
                            + (p.tip() == null ? "" : "<title>" + Html.esc(p.tip()) + "</title>") + "</circle>";
                    s.append(p.link() == null ? circle : "<a href=\"" + Html.esc(p.link()) + "\">" + circle + "</a>").append('\n');
                }
            }
            s.append("</g>\n");
            s.append("<rect x=\"").append(legendX).append("\" y=\"").append(TOP - 10).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(ser.colour()).append("\"/>");
            s.append(text(legendX + 14, TOP - 1, ser.name(), "legend", "start"));
            // Room for the phone stylesheet's larger legend font too.
            legendX += 26 + ser.name().length() * 8;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private boolean inRange(Point p) {
        return Double.isFinite(p.x()) && Double.isFinite(p.y()) && p.x() >= x.min() && p.x() <= x.max()
                && p.y() >= y.min() && p.y() <= y.max();
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return "<line class=\"" + cls + "\" x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\"/>\n";
    }

    private static String text(double x, double y, String t, String cls, String anchor) {
        return "<text class=\"" + cls + "\" x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\">" + Html.esc(t) + "</text>\n";
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Series in this chart, for tests and text alternatives. */
    public Axis x() {
        return x;
    }

    public String description() {
        return description;
    }

    public List<Series> series() {
        return new ArrayList<>(series);
    }
}
