package uk.nhs.digitalmaturity.notebooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A query's result as the notebook shows it: column names and rows of plain Java values, rendered as an HTML
 * table and as fixed-width text. Numbers are formatted without the machine's locale: whole numbers with
 * comma thousands separators, others to at most two decimal places (half up), dates as ISO.
 */
public record ResultTable(List<String> columns, List<List<Object>> rows) {

    public static ResultTable of(Dataset<Row> result) {
        List<String> columns = Arrays.asList(result.columns());
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : result.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                values.add(r.isNullAt(i) ? null : r.get(i));
            }
            rows.add(values);
        }
        return new ResultTable(List.copyOf(columns), rows);
    }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return i;
    }

    public List<Object> column(String name) {
        int i = index(name);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    public String html() {
        StringBuilder b = new StringBuilder("<table class=\"dataframe\">\n<thead>\n<tr>");
        for (String c : columns) {
            b.append("<th>").append(escape(c)).append("</th>");
        }
        b.append("</tr>\n</thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            b.append("<tr>");
            for (Object v : row) {
                b.append(v instanceof Number ? "<td style=\"text-align: right\">" : "<td style=\"text-align: left\">")
                        .append(escape(format(v))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").append("<p>").append(rows.size())
                .append(rows.size() == 1 ? " row" : " rows").append("</p>").toString();
    }

    public String plain() {
        int[] width = new int[columns.size()];
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
        }
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                String s = format(row.get(i));
                width[i] = Math.max(width[i], s.length());
                cells.add(s);
            }
            text.add(cells);
        }
        StringBuilder b = new StringBuilder();
        line(b, columns, width, null);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(b, rule, width, null);
        for (int r = 0; r < rows.size(); r++) {
            line(b, text.get(r), width, rows.get(r));
        }
        return b.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] width, List<Object> values) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String s = cells.get(i);
            boolean right = values != null && values.get(i) instanceof Number;
            String pad = " ".repeat(width[i] - s.length());
            l.append(i == 0 ? "" : "  ").append(right ? pad + s : s + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    /** How a value is shown in a table cell. */
    public static String format(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (v instanceof Float f) {
            return format(Double.valueOf(f.toString()));
        }
        if (v instanceof Number n) {
            BigDecimal x = n instanceof BigDecimal bd ? bd
                    : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue())
                    : BigDecimal.valueOf(n.longValue());
            x = x.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
            if (x.signum() == 0) {
                return "0";
            }
            return grouped(x.setScale(Math.max(0, x.scale()), RoundingMode.UNNECESSARY).toPlainString());
        }
        return v.toString();
    }

    private static String grouped(String plain) {
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot);
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                g.append(',');
            }
            g.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + g + fraction;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
