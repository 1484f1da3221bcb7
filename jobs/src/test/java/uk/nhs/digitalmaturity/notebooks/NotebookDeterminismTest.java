package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The same lakehouse gives the same bytes: two exports, the second under another default locale and time
 * zone, are identical, chart images included; and nothing in a notebook is a time other than the run's date.
 */
class NotebookDeterminismTest {

    @Test
    void twoExportsOfTheSameLakehouseAreByteIdentical() {
        Map<String, byte[]> first = export();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma, dot thousands: must not leak into tables or charts
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Map<String, byte[]> second = export();
            assertEquals(first.keySet(), second.keySet());
            first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void noTimestampsButTheRunsOwnDate() {
        for (Map.Entry<String, byte[]> f : export().entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            assertTrue(!text.matches("(?s).*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*"), f.getKey() + " holds a timestamp");
        }
    }

    @Test
    void aChartDrawsTheSameBytesEveryTime() {
        ChartData chart = Figures.figure10Chart(new ResultTable(
                java.util.List.of("statement", "answer_order", "answer", "share_pct"),
                java.util.List.of(java.util.List.of("RELIABLE", 1, "Agree completely", 22.4),
                        java.util.List.of("RELIABLE", 2, "Mostly agree", 77.6))), "subtitle", "2017");
        assertArrayEquals(ChartRenderer.png(chart), ChartRenderer.png(chart));
    }

    private static Map<String, byte[]> export() {
        return new NotebookExport(SharedSpark.get(), SyntheticReporting.lake(), SyntheticReporting.run()).notebooks();
    }
}
