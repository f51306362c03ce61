package dev.awb.runtime.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTests {
    @Test
    void linearAxisHasNiceTicksInsideItsSpan() {
        Axis axis = Axis.over(new double[] {0.12, 0.87}, false, 0, 100);
        // span 0.0825..0.9075 padded; raw step 0.165 -> nice step 0.2.
        assertEquals(List.of(0.2, 0.4, 0.6000000000000001, 0.8), axis.ticks());
        assertTrue(axis.map(0.12) < axis.map(0.87));
    }

    @Test
    void logAxisMapsDecadesEvenly() {
        Axis axis = Axis.over(new double[] {1, 10, 100, 1000}, true, 0, 300);
        double d1 = axis.map(10) - axis.map(1);
        double d2 = axis.map(1000) - axis.map(100);
        assertEquals(d1, d2, 1e-9);
        assertTrue(axis.ticks().containsAll(List.of(1.0, 10.0, 100.0, 1000.0)));
        assertFalse(axis.accepts(0));
    }

    @Test
    void labelsTicksShortly() {
        assertEquals("0.25", Axis.label(0.25));
        assertEquals("1e6", Axis.label(1e6));
        assertEquals("200", Axis.label(200));
    }

    @Test
    void escapesTextAndTitles() {
        Svg svg = new Svg(10, 10).text(1, 1, "<script>alert('x')</script> & \"", "start", 10, 0);
        String inline = svg.inline("a<b");
        assertFalse(inline.contains("<script>"));
        assertTrue(inline.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"));
        assertTrue(inline.contains("aria-label=\"a&lt;b\""));
        assertFalse(inline.contains("http"), "inline SVG needs no namespace URI");
        assertTrue(svg.standalone("t").contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void rendersEveryChartKind() {
        String line = new LineChart("curve", "epoch", "loss", false, false)
                .add(new LineChart.Series("soft", List.of(new LineChart.Point(1, 2, 1.5, 2.5),
                        new LineChart.Point(2, 1, 0.5, 1.5)), null)).render().inline("curve");
        assertTrue(line.contains("<polygon") && line.contains("<polyline"), line);
        String interval = new IntervalChart("acc", "accuracy").add(new IntervalChart.Entry("soft", 0.5, 0.4, 0.6, 3))
                .render().inline("acc");
        assertTrue(interval.contains("<circle"));
        String scatter = new ScatterChart("pareto", "s", "acc", true).add(new ScatterChart.Point("a", 1, 0.5, true))
                .add(new ScatterChart.Point("b", 10, 0.9, true)).render().inline("p");
        assertTrue(scatter.contains("stroke-dasharray"));
        String heat = HeatMap.render("map", new double[][] {{1, 0}, {0.5, 0.5}}, new int[] {3, 4}).inline("map");
        assertTrue(heat.contains("fill=\"#08306b\"") && heat.contains("fill=\"#ffffff\""), heat);
    }
}
