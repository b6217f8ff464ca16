package org.framescope.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.framescope.model.Level;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts, drawn with JFreeChart on the server side and embedded as PNG data URIs, so
 * the HTML file needs no network and no JavaScript.
 */
final class Charts {

    /** A colour-blind-friendly palette (Okabe-Ito, then Tableau), repeated for more series. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9),
        new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000), new Color(0x8C564B), new Color(0x7F7F7F),
        new Color(0x17BECF), new Color(0xBCBD22)
    };

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color GRID = new Color(0xDDDDDD);
    /** Chart size: two side by side fit a 1280-pixel-wide window. */
    static final int W = 570, H = 440;

    private Charts() {}

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Horizontal bars of precision, recall and F1 per label. */
    static String labelBars(TaskMetrics t, String title) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (LabelMetrics l : t.labels()) {
            ds.addValue(l.precision(), "precision", l.label());
            ds.addValue(l.recall(), "recall", l.label());
            ds.addValue(l.f1(), "F1", l.label());
        }
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelFont(SMALL);
        NumberAxis y = new NumberAxis("score");
        y.setRange(0, 1.0);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, new Color(0x9ECAE1));
        r.setSeriesPaint(1, new Color(0x4292C6));
        r.setSeriesPaint(2, new Color(0x08306B));
        CategoryPlot plot = new CategoryPlot(ds, x, y, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        plot.addRangeMarker(new ValueMarker(t.macro().f1(), new Color(0xD55E00), new BasicStroke(1.5f)));
        style(plot);
        JFreeChart c = chart(title, plot);
        c.addSubtitle(new TextTitle(
                String.format(
                        Locale.ROOT, "macro-F1 %.3f (orange line)", t.macro().f1()),
                SMALL));
        return png(c, W, 110 + 40 * t.labels().size());
    }

    /** Precision-recall curves, one line per label, with its average precision in the legend. */
    static String prCurves(TaskMetrics t, String title) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < t.curves().size(); i++) {
            LabelCurves lc = t.curves().get(i);
            if (lc.pr().isEmpty()) {
                continue;
            }
            XYSeries s = new XYSeries(
                    String.format(
                            Locale.ROOT,
                            "%s (AP %.2f)",
                            lc.label(),
                            t.labels().get(i).prAuc()),
                    false,
                    true);
            s.add(0.0, lc.pr().get(0).precision());
            for (PrPoint p : lc.pr()) {
                s.add(p.recall(), p.precision());
            }
            ds.addSeries(s);
        }
        XYPlot plot = xy(ds, "recall", "precision");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        colours(r, ds.getSeriesCount());
        plot.setRenderer(r);
        return png(chart(title, plot), W, H);
    }

    /** F1 against the decision threshold, one line per label, from the threshold sweep. */
    static String thresholdSweep(TaskMetrics t, String title) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (LabelCurves lc : t.curves()) {
            XYSeries s = new XYSeries(
                    lc.threshold() == null
                            ? lc.label()
                            : String.format(Locale.ROOT, "%s (model %.2f)", lc.label(), lc.threshold()),
                    false,
                    true);
            lc.sweep().forEach(p -> s.add(p.threshold(), p.f1()));
            ds.addSeries(s);
        }
        XYPlot plot = xy(ds, "threshold", "F1");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        colours(r, ds.getSeriesCount());
        plot.setRenderer(r);
        return png(chart(title, plot), W, H);
    }

    /** Reliability diagram: accuracy against mean confidence per bin, the diagonal, and the share of forecasts per bin. */
    static String reliability(TaskMetrics t, String title) {
        XYSeries model = new XYSeries("model", false, true);
        XYSeries share = new XYSeries("share of forecasts", false, true);
        int total = t.reliability().stream().mapToInt(ReliabilityBin::count).sum();
        for (ReliabilityBin b : t.reliability()) {
            if (b.count() > 0) {
                model.add(b.meanConfidence(), b.accuracy());
            }
            share.add((b.lower() + b.upper()) / 2, ClassificationMetrics.div(b.count(), total));
        }
        XYSeries diagonal = new XYSeries("perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(model);
        lines.addSeries(diagonal);
        XYPlot plot = xy(lines, "mean confidence", "observed frequency");
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, color(0));
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesStroke(
                1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        plot.setRenderer(0, r);
        XYSeriesCollection bars = new XYSeriesCollection(share);
        bars.setIntervalWidth(1.0 / ClassificationMetrics.BINS);
        XYBarRenderer br = new XYBarRenderer(0.1);
        br.setBarPainter(new StandardXYBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, new Color(0, 114, 178, 50));
        plot.setDataset(1, bars);
        plot.setRenderer(1, br);
        NumberAxis shareAxis = new NumberAxis("share of forecasts");
        shareAxis.setRange(0, 1);
        plot.setRangeAxis(1, shareAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        JFreeChart c = chart(title, plot);
        c.addSubtitle(new TextTitle(
                String.format(
                        Locale.ROOT,
                        "ECE %.4f over %d forecasts%s",
                        t.ece(),
                        total,
                        t.multiLabel() ? " (every item x label)" : " (top class)"),
                SMALL));
        return png(c, W, H);
    }

    /** Confusion matrix heat map (rows: gold, columns: predicted); colour = share of the gold row. */
    static String confusion(TaskMetrics t, String title) {
        int[][] m = t.confusion();
        int k = m.length;
        String[] names = t.labels().stream().map(LabelMetrics::label).toArray(String[]::new);
        double[][] data = new double[3][k * k];
        XYPlot plot = new XYPlot();
        int idx = 0;
        for (int g = 0; g < k; g++) {
            int row = 0;
            for (int v : m[g]) {
                row += v;
            }
            for (int p = 0; p < k; p++) {
                double share = ClassificationMetrics.div(m[g][p], row);
                data[0][idx] = p;
                data[1][idx] = g;
                data[2][idx] = share;
                idx++;
                XYTextAnnotation a =
                        new XYTextAnnotation(String.format(Locale.ROOT, "%d (%.0f%%)", m[g][p], share * 100), p, g);
                a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                a.setPaint(share > 0.55 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("confusion", data);
        SymbolAxis x = new SymbolAxis("predicted", names);
        SymbolAxis y = new SymbolAxis("gold", names);
        y.setInverted(true);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(new BluePaintScale());
        plot.setDataset(ds);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart c = chart(title, plot);
        c.removeLegend();
        return png(c, 460, 120 + 90 * k);
    }

    /** Macro-F1 per task, one bar per language. */
    static String langBars(List<LangSlice> slices, Level level, String title) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (LangSlice s : slices) {
            List<TaskMetrics> ms = s.metrics(level);
            for (TaskMetrics t : ms) {
                ds.addValue(t.macro().f1(), s.lang() + " (" + s.items(level) + ")", t.task());
            }
        }
        NumberAxis y = new NumberAxis("macro-F1");
        y.setRange(0, 1.0);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < slices.size(); i++) {
            r.setSeriesPaint(i, color(i));
        }
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis(), y, r);
        style(plot);
        return png(chart(title, plot), W, 340);
    }

    /** Forest plot of metric differences with their confidence intervals. */
    static String forest(Comparison c) {
        XYIntervalSeries better = new XYIntervalSeries("A better");
        XYIntervalSeries worse = new XYIntervalSeries("B better");
        XYIntervalSeries unclear = new XYIntervalSeries("no clear difference");
        String[] names = new String[c.deltas().size()];
        double lo = 0, hi = 0;
        for (int i = 0; i < c.deltas().size(); i++) {
            MetricDelta d = c.deltas().get(i);
            names[i] = d.level() + " " + d.task() + " " + d.metric();
            XYIntervalSeries s = "better".equals(d.verdict()) ? better : "worse".equals(d.verdict()) ? worse : unclear;
            s.add(d.delta(), d.low(), d.high(), i, i, i);
            lo = Math.min(lo, d.low());
            hi = Math.max(hi, d.high());
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        ds.addSeries(better);
        ds.addSeries(worse);
        ds.addSeries(unclear);
        NumberAxis x = new NumberAxis("difference A - B");
        double pad = Math.max(0.01, (hi - lo) * 0.08);
        x.setRange(lo - pad, hi + pad);
        SymbolAxis y = new SymbolAxis(null, names);
        y.setInverted(true);
        y.setGridBandsVisible(false);
        y.setTickLabelFont(SMALL);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawYError(false);
        r.setErrorStroke(new BasicStroke(2f));
        r.setErrorPaint(null);
        r.setSeriesPaint(0, new Color(0x009E73));
        r.setSeriesPaint(1, new Color(0xD55E00));
        r.setSeriesPaint(2, Color.GRAY);
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.addDomainMarker(new ValueMarker(0, Color.BLACK, new BasicStroke(1f)));
        style(plot);
        return png(
                chart(
                        "Differences " + c.modelA() + " - " + c.modelB()
                                + String.format(Locale.ROOT, " (%.0f%% CI)", c.confidence() * 100),
                        plot),
                720,
                120 + 26 * names.length);
    }

    // ---- helpers

    private static XYPlot xy(XYSeriesCollection ds, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setRange(0, 1.0);
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(ds, x, y, null);
        style(plot);
        return plot;
    }

    private static void colours(XYLineAndShapeRenderer r, int n) {
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, color(i));
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
    }

    private static void style(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
        p.setOutlineVisible(false);
    }

    private static void style(CategoryPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(GRID);
        p.setOutlineVisible(false);
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart c = new JFreeChart(title, TITLE, plot, true);
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        LegendTitle legend = c.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(SMALL);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        return c;
    }

    static String png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** White (0) through mid blue (0.5) to dark blue (1), as matplotlib's "Blues". */
    static final class BluePaintScale implements PaintScale {
        private static final int[][] STOPS = {{247, 251, 255}, {107, 174, 214}, {8, 48, 107}};

        /** The lowest value of the scale, 0. */
        @Override
        public double getLowerBound() {
            return 0;
        }

        /** The highest value of the scale, 1. */
        @Override
        public double getUpperBound() {
            return 1;
        }

        /**
         * The colour for a value, interpolated between the scale's stops; values are clamped to [0, 1] and
         * NaN is drawn as 0.
         */
        @Override
        public Paint getPaint(double v) {
            double t = Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)) * 2;
            int i = Math.min(1, (int) t);
            double f = t - i;
            int[] a = STOPS[i], b = STOPS[i + 1];
            return new Color(
                    (int) Math.round(a[0] + (b[0] - a[0]) * f), (int) Math.round(a[1] + (b[1] - a[1]) * f), (int)
                            Math.round(a[2] + (b[2] - a[2]) * f));
        }
    }
}
