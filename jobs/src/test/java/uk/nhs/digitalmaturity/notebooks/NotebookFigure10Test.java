package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The Figure 10 notebook's table and chart carry the numbers of {@code reporting.digital_records}: read both
 * from the notebook (the HTML table of the query's result, the chart's numbers in its output metadata) and
 * compare them with the table, re-aggregated here into the report's rows independently of the notebook's SQL.
 * The embedded PNG is also redrawn from those chart numbers and must come out byte for byte: the picture is
 * the picture of those numbers.
 */
class NotebookFigure10Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "figure-10-digital-records.ipynb";

    /** The report's rows, from the answer codes (extract contract and nao-figures.md). */
    private static final Map<String, String> ROW_OF = new LinkedHashMap<>();

    static {
        ROW_OF.put("NO_RESPONSE", "No response or not applicable");
        ROW_OF.put("NOT_APPLICABLE", "No response or not applicable");
        ROW_OF.put("DONT_KNOW", "Don't know");
        ROW_OF.put("DISAGREE_COMPLETELY", "Disagree completely");
        ROW_OF.put("SOMEWHAT_DISAGREE", "Somewhat disagree");
        ROW_OF.put("NEITHER", "Neither agree or disagree");
        ROW_OF.put("MOSTLY_AGREE", "Mostly agree");
        ROW_OF.put("AGREE_COMPLETELY", "Agree completely");
    }

    private static final List<String> REPORT_ROWS = ROW_OF.values().stream().distinct().toList();

    /** nao-figures.md, Figure 10: % of trusts, rows as REPORT_ROWS, one column per statement. */
    private static final Map<String, int[]> NAO = Map.of(
            "RELIABLE", new int[] {2, 0, 7, 15, 22, 32, 22},
            "RECORDED_ONCE", new int[] {2, 0, 8, 17, 21, 40, 13},
            "VIEW_SHARED", new int[] {2, 0, 36, 22, 18, 17, 4},
            "CONTRIBUTE_SHARED", new int[] {2, 0, 47, 22, 15, 13, 2});

    @Test
    void tableAndChartCarryTheNumbersOfDigitalRecords() throws IOException {
        Map<String, byte[]> notebooks = new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(),
                SyntheticReporting.run()).notebooks();
        Map<String, Map<String, Expected>> expected = check(JSON.readTree(notebooks.get(FILE)),
                SyntheticReporting.lakehouse().resolve("reporting/digital_records").toString());
        // and the synthetic counts land on the NAO's published per cents, so the figure reproduces the report
        NAO.forEach((statement, pct) -> {
            for (int i = 0; i < REPORT_ROWS.size(); i++) {
                assertEquals(pct[i], expected.get(statement).get(REPORT_ROWS.get(i)).rounded,
                        statement + " / " + REPORT_ROWS.get(i));
            }
        });
    }

    @Test
    void onTheSampleRunWhenItHasTheTable() throws IOException {
        Path lake = SampleLakehouse.get();
        String table = lake.resolve("reporting/digital_records").toString();
        assumeTrue(DeltaTables.exists(SharedSpark.get(), table), "reporting.digital_records is not built on this branch yet");
        // the notebook the run wrote (the committed copy equals it: NotebooksExportFreshTest)
        check(JSON.readTree(lake.resolve("notebooks").resolve(AsAt.SAMPLE).resolve(FILE).toFile()), table);
    }

    /** One report row of one statement, from the table: trusts, unrounded and whole per cent. */
    record Expected(long trusts, double pct, long rounded) {
    }

    private static Map<String, Map<String, Expected>> check(JsonNode notebook, String tablePath) throws IOException {
        // ---- the table, aggregated into the report's rows here, without the notebook's SQL
        List<Row> rows = SharedSpark.get().read().format("delta").load(tablePath).collectAsList();
        String year = rows.stream().map(r -> (String) r.getAs("survey_year")).max(String::compareTo).orElseThrow();
        Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!year.equals(r.getAs("survey_year"))) {
                continue;
            }
            String row = ROW_OF.getOrDefault((String) r.getAs("answer_code"), r.getAs("answer_code"));
            double[] s = sums.computeIfAbsent(r.getAs("statement"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row, k -> new double[2]);
            s[0] += ((Number) r.getAs("trusts")).doubleValue();
            s[1] += ((Number) r.getAs("share_pct")).doubleValue();
        }
        Map<String, Map<String, Expected>> expected = new LinkedHashMap<>();
        sums.forEach((statement, byRow) -> byRow.forEach((row, s) -> expected
                .computeIfAbsent(statement, k -> new LinkedHashMap<>())
                .put(row, new Expected((long) s[0], s[1], BigDecimal.valueOf(s[1]).setScale(0, RoundingMode.HALF_UP).longValue()))));

        // ---- the notebook's result table (HTML), in the report's answer order within each statement
        JsonNode cell = codeCell(notebook);
        JsonNode result = output(cell, "execute_result");
        List<Map<String, String>> table = parseHtml(text(result.get("data").get("text/html")));
        assertEquals(expected.values().stream().mapToInt(Map::size).sum(), table.size(), "one line per statement and report row");
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (Map<String, String> line : table) {
            assertEquals(year, line.get("survey_year"), "the latest survey year only");
            Expected e = expected.get(line.get("statement")).get(line.get("answer"));
            assertEquals(e.rounded, Long.parseLong(line.get("share_pct_rounded")), line.toString());
            assertEquals(e.trusts, Long.parseLong(line.get("trusts").replace(",", "")), line.toString());
            assertEquals(e.pct, Double.parseDouble(line.get("share_pct")), 0.005 + 1e-9, line.toString());
            order.computeIfAbsent(line.get("statement"), k -> new ArrayList<>()).add(line.get("answer"));
        }
        order.values().forEach(answers -> assertEquals(REPORT_ROWS.stream().filter(answers::contains).toList(), answers,
                "answers in the report's order"));
        // the text/plain twin has the same lines
        assertEquals(table.size() + 3, text(result.get("data").get("text/plain")).split("\n").length);

        // ---- the chart's numbers: a bar per statement, a segment per report row in the report's order
        JsonNode image = output(cell, "display_data");
        @SuppressWarnings("unchecked")
        Map<String, Object> chartMap = JSON.convertValue(image.get("metadata").get(NotebookExport.METADATA_KEY)
                .get("chart"), Map.class);
        ChartData chart = ChartData.fromMap(chartMap);
        assertEquals(ChartData.STACKED_HORIZONTAL, chart.kind());
        assertTrue(chart.title().endsWith(year), chart.title());
        assertEquals(REPORT_ROWS.stream().filter(r -> expected.values().stream().anyMatch(m -> m.containsKey(r))).toList(),
                chart.series().stream().map(ChartData.Series::name).toList(), "segments in the report's answer order");
        List<String> statements = new ArrayList<>(expected.keySet());
        assertEquals(statements.size(), chart.categories().size());
        for (String statement : statements) {
            int c = chart.categories().indexOf(Labels.of(statement));
            assertTrue(c >= 0, "a bar for " + statement);
            for (ChartData.Series s : chart.series()) {
                Expected e = expected.get(statement).get(s.name());
                Double v = s.values().get(c);
                if (e == null) {
                    assertEquals(null, v);
                    continue;
                }
                assertEquals(e.pct, v, 1e-9, statement + " / " + s.name());
                assertEquals(e.rounded, BigDecimal.valueOf(v).setScale(0, RoundingMode.HALF_UP).longValue());
            }
        }

        // ---- the picture is the drawing of exactly those numbers
        byte[] embedded = Base64.getDecoder().decode(image.get("data").get("image/png").asText());
        assertArrayEquals(ChartRenderer.png(chart), embedded, "the PNG redraws byte for byte from the chart's numbers");
        assertFalse(text(image.get("data").get("text/plain")).isBlank());
        return expected;
    }

    static JsonNode codeCell(JsonNode notebook) {
        for (JsonNode c : notebook.get("cells")) {
            if (c.get("cell_type").asText().equals("code")) {
                return c;
            }
        }
        throw new AssertionError("no code cell");
    }

    static JsonNode output(JsonNode cell, String type) {
        for (JsonNode o : cell.get("outputs")) {
            if (o.get("output_type").asText().equals(type)) {
                return o;
            }
        }
        throw new AssertionError("no " + type + " output in " + cell.get("source"));
    }

    static String text(JsonNode multiline) {
        if (multiline.isTextual()) {
            return multiline.asText();
        }
        StringBuilder b = new StringBuilder();
        multiline.forEach(l -> b.append(l.asText()));
        return b.toString();
    }

    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>");

    /** The rows of the result's HTML table, column name → cell text (HTML entities undone). */
    static List<Map<String, String>> parseHtml(String html) {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : html.split("\n")) {
            if (!line.startsWith("<tr>")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            Matcher m = CELL.matcher(line);
            while (m.find()) {
                cells.add(m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            }
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
