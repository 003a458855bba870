package cnn.compiler.cli.train;

import cnn.runtime.io.AtomicFile;
import cnn.runtime.train.EpochResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a run's loss and accuracy per epoch as a PNG with JFreeChart, headless: loss above,
 * accuracy (per cent) below, training in blue and validation in orange, over a shared epoch axis.
 */
public final class HistoryChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 640;
    private static final Color TRAIN = new Color(0x1f, 0x77, 0xb4);
    private static final Color VALIDATION = new Color(0xff, 0x7f, 0x0e);

    private HistoryChart() {
    }

    /**
     * @param title    the chart's title (model and data)
     * @param subtitle a line under it (e.g. the test accuracy), or null
     * @param batchesPerEpoch places an epoch cut short by a step limit at the fraction it trained
     */
    public static void write(Path png, String title, String subtitle, List<EpochResult> history, int batchesPerEpoch)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(title, subtitle, history, batchesPerEpoch);
        AtomicFile.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    static JFreeChart chart(String title, String subtitle, List<EpochResult> history, int batchesPerEpoch) {
        XYSeries trainLoss = new XYSeries("training loss");
        XYSeries valLoss = new XYSeries("validation loss");
        XYSeries trainAcc = new XYSeries("training accuracy");
        XYSeries valAcc = new XYSeries("validation accuracy");
        for (EpochResult e : history) {
            // A partial epoch (a --steps run) sits at the fraction of the epoch it trained.
            double x = e.partial() ? e.epoch() - 1 + (double) e.batches() / Math.max(1, batchesPerEpoch) : e.epoch();
            add(trainLoss, x, e.trainLoss());
            add(valLoss, x, e.validationLoss());
            add(trainAcc, x, 100 * e.trainAccuracy());
            add(valAcc, x, 100 * e.validationAccuracy());
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setTickUnit(new NumberTickUnit(Math.max(1, Math.ceil(history.size() / 20.0))));
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        plot.add(panel("loss", new DecimalFormat("0.###"), trainLoss, valLoss), 1);
        if (!trainAcc.isEmpty() || !valAcc.isEmpty()) {
            plot.add(panel("accuracy (%)", new DecimalFormat("0.#"), trainAcc, valAcc), 1);
        }
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 13)));
        }
        return chart;
    }

    private static XYPlot panel(String label, DecimalFormat format, XYSeries train, XYSeries validation) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        data.addSeries(validation);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(format);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, VALIDATION);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        return plot;
    }

    private static void add(XYSeries series, double x, double y) {
        if (Double.isFinite(y)) {
            series.add(x, y);
        }
    }
}
