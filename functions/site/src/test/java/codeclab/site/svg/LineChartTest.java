package codeclab.site.svg;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LineChartTest {

    @Test
    void linearTicksAreNiceRoundValuesInsideTheRange() {
        assertThat(new Axis("x", 0, 10, false).ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(new Axis("x", 31.3, 44.9, false).ticks()).containsExactly(32.0, 34.0, 36.0, 38.0, 40.0, 42.0, 44.0);
        assertThat(Axis.niceStep(0.13)).isEqualTo(0.1, within(1e-12));
        assertThat(Axis.format(0.5)).isEqualTo("0.5");
        assertThat(Axis.format(1234.5678)).isEqualTo("1230");
    }

    @Test
    void logTicksAreOneTwoFiveTimesPowersOfTen() {
        assertThat(new Axis("kbps", 80, 1200, true).ticks()).containsExactly(100.0, 200.0, 500.0, 1000.0);
    }

    @Test
    void logAxisRejectsNonPositiveValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Axis("kbps", 0, 10, true))
                .hasMessageContaining("positive");
    }

    @Test
    void pointsMapToPixelsWithYGrowingDownwards() {
        LineChart chart = new LineChart("t", "d", new Axis("x", 0, 10, false), new Axis("y", 0, 100, false),
                List.of(LineChart.Series.line("a", List.of(LineChart.Point.of(0, 0), LineChart.Point.of(10, 100)), "#00f")),
                List.of());
        assertThat(chart.px(0)).isEqualTo(64.0);
        assertThat(chart.px(10)).isEqualTo(LineChart.WIDTH - 16.0);
        assertThat(chart.py(0)).isEqualTo(LineChart.HEIGHT - 48.0);
        assertThat(chart.py(100)).isEqualTo(36.0);
        String svg = chart.render("c1");
        assertThat(svg).contains("points=\"64.0,312.0 624.0,36.0 \"");
    }

    @Test
    void rendersAccessibleTitleDescriptionLegendAndGuides() {
        LineChart chart = new LineChart("Ratio <to> x264", "Each experiment's ratio", new Axis("experiment", 0, 5, false),
                new Axis("ratio", 0, 2, false),
                List.of(LineChart.Series.scatter("experiments",
                        List.of(new LineChart.Point(1, 1.2, "e1.html", "e1: 1.2"), LineChart.Point.of(2, 0.8)), "#d33")),
                List.of(new LineChart.Guide("baseline 1.0", 1.0), new LineChart.Guide("off-chart", 9)));
        String svg = chart.render("trend");
        assertThat(svg).contains("role=\"img\"", "<title id=\"trend-t\">Ratio &lt;to&gt; x264</title>",
                "<desc id=\"trend-d\">Each experiment&#39;s ratio</desc>", ">0.5</text>", "baseline 1.0", "<a href=\"e1.html\">",
                "<title>e1: 1.2</title>");
        assertThat(svg).doesNotContain("off-chart").doesNotContain("<script");
        assertThat(svg.split("class=\"point\"", -1)).hasSize(3);
    }

    @Test
    void pointsOutsideTheAxesOrNotFiniteAreNotDrawn() {
        LineChart chart = new LineChart("t", "d", new Axis("x", 0, 10, false), new Axis("y", 0, 10, false),
                List.of(LineChart.Series.scatter("s", List.of(LineChart.Point.of(5, 5), LineChart.Point.of(5, Double.NaN),
                        LineChart.Point.of(50, 5)), "#000")), List.of());
        assertThat(chart.render("x").split("class=\"point\"", -1)).hasSize(2);
    }
}
