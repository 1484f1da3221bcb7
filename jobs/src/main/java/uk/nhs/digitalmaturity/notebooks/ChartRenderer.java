package uk.nhs.digitalmaturity.notebooks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a {@link ChartData} with JFreeChart into a PNG, the same bytes every time: a fixed size, a white
 * opaque background, fixed rendering hints, the DejaVu Sans font files (the machine's fonts-dejavu-core,
 * loaded by path so that font configuration cannot swap them), number formats that ignore the machine's
 * locale, and colours chosen by series name. ImageIO's PNG writer stores no time or text chunks.
 */
public final class ChartRenderer {
    public static final int WIDTH = 900;
    private static final int VERTICAL_HEIGHT = 520;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final String FONT_DIR = "/usr/share/fonts/truetype/dejavu/";
    private static final Font REGULAR = font("DejaVuSans.ttf", Font.PLAIN);
    private static final Font BOLD = font("DejaVuSans-Bold.ttf", Font.BOLD);

    private static final Color TEXT = new Color(0x21, 0x21, 0x21);
    private static final Color GRID = new Color(0xD9, 0xD9, 0xD9);
    /** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
    private static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000));
    private static final Map<String, Color> NAMED = new LinkedHashMap<>();

    static {
        // Agreement answers, as the report's Figures 9 and 10: greys for no answer, red to blue for disagree to agree.
        NAMED.put(Labels.NO_RESPONSE_OR_NA, new Color(0xBDBDBD));
        NAMED.put("No response", new Color(0xBDBDBD));
        NAMED.put("Not applicable", new Color(0xD4D4D4));
        NAMED.put("Don't know", new Color(0xE8E8E8));
        NAMED.put("Disagree completely", new Color(0xB2182B));
        NAMED.put("Somewhat disagree", new Color(0xEF8A62));
        NAMED.put("Neither agree or disagree", new Color(0xF3E6C4));
        NAMED.put("Mostly agree", new Color(0x67A9CF));
        NAMED.put("Agree completely", new Color(0x2166AC));
        // NHS number use bands (Figure 9's notes): ordered, so light to dark blue
        String[] bands = {"0-50%", "51-75%", "76-80%", "81-85%", "86-90%", "91-95%", "96-100%"};
        int[] blues = {0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x084594};
        for (int i = 0; i < bands.length; i++) {
            NAMED.put(bands[i], new Color(blues[i]));
        }
        // Maturity bands (Figure 4)
        NAMED.put("Low", new Color(0xD6604D));
        NAMED.put("Medium", new Color(0xFDB863));
        NAMED.put("High", new Color(0x2166AC));
        // DSPT statuses, best to worst
        NAMED.put("Standards exceeded", new Color(0x1A9850));
        NAMED.put("Standards met", new Color(0x91CF60));
        NAMED.put("Standards not fully met (plan agreed)", new Color(0xFEE08B));
        NAMED.put("Approaching standards", new Color(0xFDAE61));
        NAMED.put("Standards not met", new Color(0xD73027));
        NAMED.put("Entry level", new Color(0xF46D43));
        NAMED.put("Interim submitted", new Color(0xABD9E9));
        NAMED.put("Not published", new Color(0xBDBDBD));
        // Two-series charts: the headline measure dark, the companion light
        NAMED.put("Real terms", new Color(0x08519C));
        NAMED.put("Nominal", new Color(0x9ECAE1));
        NAMED.put("Mean score", new Color(0x08519C));
        NAMED.put("Median score", new Color(0x9ECAE1));
        // Sectors (Figure 7)
        NAMED.put("Acute", PALETTE.get(0));
        NAMED.put("Specialist", PALETTE.get(1));
        NAMED.put("Mental health", PALETTE.get(2));
        NAMED.put("Community", PALETTE.get(3));
        NAMED.put("Ambulance", PALETTE.get(5));
        NAMED.put("Unknown", new Color(0x999999));
    }

    private ChartRenderer() {
    }

    /** The height of the chart in pixels: horizontal bars get room by their number, vertical charts a fixed height. */
    public static int height(ChartData data) {
        if (!ChartData.STACKED_HORIZONTAL.equals(data.kind())) {
            return VERTICAL_HEIGHT;
        }
        int legendRows = (int) Math.ceil(data.series().size() / 4.0);
        return Math.max(260, Math.min(760, 150 + 22 * legendRows + 64 * data.categories().size()));
    }

    /** The chart as PNG bytes, {@link #WIDTH} × {@link #height} pixels. */
    public static byte[] png(ChartData data) {
        JFreeChart chart = chart(data);
        int height = height(data);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode chart", e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(ChartData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ChartData.Series s : data.series()) {
            for (int i = 0; i < data.categories().size(); i++) {
                dataset.addValue(s.values().get(i), s.name(), data.categories().get(i));
            }
        }
        boolean stacked = ChartData.STACKED_HORIZONTAL.equals(data.kind());
        boolean ranked = ChartData.RANKED.equals(data.kind());
        BarRenderer renderer = stacked ? new StackedBarRenderer() : ranked ? new RankedRenderer(data) : new BarRenderer();
        CategoryAxis categoryAxis = new CategoryAxis(data.categoryAxis());
        NumberAxis valueAxis = new NumberAxis(data.valueAxis());
        CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, valueAxis, renderer);
        plot.setOrientation(stacked ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        JFreeChart chart = new JFreeChart(data.title(), BOLD.deriveFont(16f), plot, !ranked || !data.groups().isEmpty());
        theme().apply(chart);

        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        if (data.subtitle() != null) {
            TextTitle subtitle = new TextTitle(data.subtitle(), REGULAR.deriveFont(11f));
            subtitle.setPaint(new Color(0x55, 0x55, 0x55));
            subtitle.setHorizontalAlignment(HorizontalAlignment.LEFT);
            subtitle.setPadding(new RectangleInsets(2, 0, 6, 0));
            chart.addSubtitle(0, subtitle);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);

        DecimalFormat ticks = format(stacked ? "0" : "#,##0.##");
        valueAxis.setNumberFormatOverride(ticks);
        valueAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.UK));
        if (stacked) {
            valueAxis.setRange(0, 100);
            valueAxis.setTickUnit(new NumberTickUnit(10, ticks));
            categoryAxis.setMaximumCategoryLabelWidthRatio(0.28f);
        }
        // long labels (a GP survey question) wrap rather than end in "..."
        categoryAxis.setMaximumCategoryLabelLines(3);
        valueAxis.setAutoRangeIncludesZero(true);
        categoryAxis.setCategoryMargin(ranked ? 0.05 : 0.3);
        categoryAxis.setLowerMargin(0.02);
        categoryAxis.setUpperMargin(0.02);
        if (ranked) {
            categoryAxis.setTickLabelsVisible(false);
            categoryAxis.setTickMarksVisible(false);
        } else if (!stacked && data.categories().size() > 8) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }

        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(ranked ? 0 : 0.05);
        renderer.setMaximumBarWidth(ranked ? 1.0 : stacked ? 0.5 : 0.12);
        for (int i = 0; i < data.series().size(); i++) {
            renderer.setSeriesPaint(i, colour(data.series().get(i).name(), i));
        }
        if (data.labelFormat() != null) {
            DecimalFormat labels = format(data.labelFormat());
            renderer.setDefaultItemLabelGenerator(new LabelGenerator(labels, stacked ? 2.0 : Double.NEGATIVE_INFINITY));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(REGULAR.deriveFont(10f));
            if (stacked) {
                renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
                for (int i = 0; i < data.series().size(); i++) {
                    renderer.setSeriesItemLabelPaint(i, dark(colour(data.series().get(i).name(), i)) ? Color.WHITE : TEXT);
                }
            } else {
                renderer.setDefaultItemLabelPaint(TEXT);
                renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                        TextAnchor.BOTTOM_CENTER));
            }
        }
        if (data.marker() != null) {
            ValueMarker marker = new ValueMarker(data.marker(), TEXT, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(data.markerLabel());
            marker.setLabelFont(BOLD.deriveFont(11f));
            marker.setLabelPaint(TEXT);
            marker.setLabelBackgroundColor(Color.WHITE);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            marker.setLabelOffset(new RectangleInsets(14, 6, 2, 2));
            plot.addRangeMarker(marker);
        }
        if (ranked && !data.groups().isEmpty()) {
            LegendItemCollection legend = new LegendItemCollection();
            int i = 0;
            for (String group : data.groups().stream().distinct().sorted().toList()) {
                LegendItem item = new LegendItem(group, colour(group, i++));
                item.setLabelFont(REGULAR.deriveFont(11f));
                legend.add(item);
            }
            plot.setFixedLegendItems(legend);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(REGULAR.deriveFont(11f));
            legend.setItemPaint(TEXT);
        }
        return chart;
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("nhs-digital-notebooks");
        theme.setExtraLargeFont(BOLD.deriveFont(16f));
        theme.setLargeFont(BOLD.deriveFont(12f));
        theme.setRegularFont(REGULAR.deriveFont(11f));
        theme.setSmallFont(REGULAR.deriveFont(10f));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setTitlePaint(TEXT);
        theme.setSubtitlePaint(TEXT);
        theme.setAxisLabelPaint(TEXT);
        theme.setTickLabelPaint(TEXT);
        theme.setLegendItemPaint(TEXT);
        theme.setItemLabelPaint(TEXT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(GRID);
        return theme;
    }

    /** The colour of a series or group: by name where the name is known, else from the palette by position. */
    static Color colour(String name, int index) {
        Color c = NAMED.get(name);
        return c != null ? c : PALETTE.get(index % PALETTE.size());
    }

    private static boolean dark(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue() < 128;
    }

    private static DecimalFormat format(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    private static Font font(String file, int style) {
        Path path = Path.of(FONT_DIR, file);
        if (Files.isRegularFile(path)) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, path.toFile()).deriveFont(style, 11f);
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("cannot load " + path + ": " + e.getMessage(), e);
            }
        }
        // Without fonts-dejavu-core the charts still draw, but not byte for byte as the committed export.
        return new Font(Font.SANS_SERIF, style, 11);
    }

    /** Value labels, left off segments too narrow to hold one (the table beside the chart has every number). */
    private static final class LabelGenerator extends StandardCategoryItemLabelGenerator {
        private final double minimum;

        LabelGenerator(DecimalFormat format, double minimum) {
            super("{2}", format);
            this.minimum = minimum;
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number v = dataset.getValue(row, column);
            return v == null || v.doubleValue() < minimum ? null : super.generateLabel(dataset, row, column);
        }
    }

    /** One series of bars, each coloured by its category's group (Figure 7: the trust's sector). */
    private static final class RankedRenderer extends BarRenderer {
        private final transient Map<String, Paint> paints = new LinkedHashMap<>();
        private final transient ChartData data;

        RankedRenderer(ChartData data) {
            this.data = data;
            List<String> groups = data.groups().stream().distinct().sorted().toList();
            for (int i = 0; i < groups.size(); i++) {
                paints.put(groups.get(i), colour(groups.get(i), i));
            }
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            if (data.groups().isEmpty()) {
                return super.getItemPaint(row, column);
            }
            return paints.get(data.groups().get(column));
        }
    }
}
