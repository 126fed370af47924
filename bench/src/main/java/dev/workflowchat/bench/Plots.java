package dev.workflowchat.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, as PNG files beside it. */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private Plots() {
    }

    /** Latency per second of the run: p50 and p99 (and max) of each kind, on a log scale. */
    static Path latencyOverTime(Path file, String title, List<Latencies> kinds) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Latencies kind : kinds) {
            XYSeries p50 = new XYSeries(kind.name() + " p50");
            XYSeries p99 = new XYSeries(kind.name() + " p99");
            XYSeries max = new XYSeries(kind.name() + " max");
            for (Latencies.Second second : kind.seconds()) {
                if (second.count() > 0) {
                    p50.add(second.second(), Math.max(0.01, second.p50()));
                    p99.add(second.second(), Math.max(0.01, second.p99()));
                    max.add(second.second(), Math.max(0.01, second.max()));
                }
            }
            data.addSeries(p50);
            data.addSeries(p99);
            data.addSeries(max);
        }
        LogAxis y = new LogAxis("latency (ms, log scale)");
        y.setSmallestValue(0.01);
        return write(file, title, new NumberAxis("second of the run"), y, data);
    }

    /** One line per series of (x, y) points, linear axes. */
    static Path lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name);
            points.forEach(point -> line.add(point[0], point[1]));
            data.addSeries(line);
        });
        return write(file, title, new NumberAxis(xLabel), new NumberAxis(yLabel), data);
    }

    private static Path write(Path file, String title, NumberAxis x, org.jfree.chart.axis.ValueAxis y,
                              XYSeriesCollection data) throws IOException {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
