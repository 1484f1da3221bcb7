package uk.nhs.digitalmaturity.notebooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a chart is drawn from, and nothing else: {@link ChartRenderer} turns it into a PNG, and the
 * notebook stores it beside the image (output metadata {@code nhs_digital.chart}) so a reader or a test can
 * check the picture's numbers against the table, or redraw it.
 *
 * @param kind       {@code STACKED_HORIZONTAL} (one bar per category, one segment per series, labelled with
 *                   whole numbers), {@code GROUPED} (vertical bars, one per series in each category) or
 *                   {@code RANKED} (one vertical bar per category in the given order, coloured by its group,
 *                   with a marker line)
 * @param groups     for {@code RANKED}: the colour group of each category (e.g. the trust's sector), else empty
 * @param marker     for {@code RANKED}: the value of the marker line (e.g. the median), else null
 * @param labelFormat {@link java.text.DecimalFormat} pattern of the value labels on the bars (rounded half
 *                   up), or null for none
 */
public record ChartData(String kind, String title, String subtitle, String categoryAxis, String valueAxis,
                        List<String> categories, List<Series> series, List<String> groups, Double marker,
                        String markerLabel, String labelFormat) {

    public static final String STACKED_HORIZONTAL = "STACKED_HORIZONTAL";
    public static final String GROUPED = "GROUPED";
    public static final String RANKED = "RANKED";

    /** One series: a value per category (null where the category has none). */
    public record Series(String name, List<Double> values) {
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", kind);
        m.put("title", title);
        m.put("subtitle", subtitle);
        m.put("category_axis", categoryAxis);
        m.put("value_axis", valueAxis);
        m.put("categories", categories);
        List<Object> list = new ArrayList<>();
        for (Series s : series) {
            Map<String, Object> one = new TreeMap<>();
            one.put("name", s.name());
            one.put("values", s.values());
            list.add(one);
        }
        m.put("series", list);
        if (!groups.isEmpty()) {
            m.put("groups", groups);
        }
        if (marker != null) {
            m.put("marker", marker);
            m.put("marker_label", markerLabel);
        }
        if (labelFormat != null) {
            m.put("label_format", labelFormat);
        }
        return m;
    }

    /** The inverse of {@link #toMap()}, for a chart read back from a notebook (numbers as JSON gives them). */
    @SuppressWarnings("unchecked")
    public static ChartData fromMap(Map<String, Object> m) {
        List<Series> series = new ArrayList<>();
        for (Object o : (List<Object>) m.get("series")) {
            Map<String, Object> s = (Map<String, Object>) o;
            List<Double> values = new ArrayList<>();
            for (Object v : (List<Object>) s.get("values")) {
                values.add(v == null ? null : ((Number) v).doubleValue());
            }
            series.add(new Series((String) s.get("name"), values));
        }
        Object marker = m.get("marker");
        return new ChartData((String) m.get("kind"), (String) m.get("title"), (String) m.get("subtitle"),
                (String) m.get("category_axis"), (String) m.get("value_axis"), (List<String>) m.get("categories"),
                series, m.containsKey("groups") ? (List<String>) m.get("groups") : List.of(),
                marker == null ? null : ((Number) marker).doubleValue(), (String) m.get("marker_label"),
                (String) m.get("label_format"));
    }

    /**
     * A category × series chart from a long result: categories in the order they first appear, series by
     * {@code seriesRank} (then first appearance), values from {@code value} (summed over rows of the same
     * category and series; null where a category has no row for a series).
     */
    public static ChartData pivot(String kind, String title, String subtitle, String categoryAxis, String valueAxis,
                                  String labelFormat, ResultTable table, java.util.function.Function<List<Object>, String> category,
                                  java.util.function.Function<List<Object>, String> seriesName,
                                  java.util.function.ToDoubleFunction<List<Object>> seriesRank, String value) {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
        Map<String, Double> rank = new LinkedHashMap<>();
        int v = table.index(value);
        for (List<Object> row : table.rows()) {
            String c = category.apply(row);
            String s = seriesName.apply(row);
            if (!categories.contains(c)) {
                categories.add(c);
            }
            rank.merge(s, seriesRank.applyAsDouble(row), Math::min);
            Object x = row.get(v);
            cells.computeIfAbsent(s, k -> new LinkedHashMap<>()).merge(c, x == null ? 0.0 : ((Number) x).doubleValue(),
                    Double::sum);
        }
        List<String> names = new ArrayList<>(cells.keySet());
        names.sort(java.util.Comparator.comparingDouble(rank::get)); // stable: ties keep first appearance
        List<Series> series = new ArrayList<>();
        for (String name : names) {
            List<Double> values = new ArrayList<>();
            for (String c : categories) {
                values.add(cells.get(name).get(c));
            }
            series.add(new Series(name, values));
        }
        return new ChartData(kind, title, subtitle, categoryAxis, valueAxis, categories, series, List.of(), null, null,
                labelFormat);
    }
}
