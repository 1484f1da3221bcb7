package uk.nhs.digitalmaturity.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/** Reading a reporting table's rows against hand-worked numbers: rows by key, and exact decimals within 1e-9. */
public final class ResultRows {
    /** Hand-worked decimals are written to more places than a table keeps; 1e-9 pounds or FTE is below any published digit. */
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-9");

    private ResultRows() {
    }

    /** The rows by their key columns' values joined with "/" (e.g. "2018-19/ENGLAND"); a repeated key fails. */
    public static Map<String, Row> byKey(List<Row> rows, String... key) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : rows) {
            List<String> parts = new ArrayList<>();
            for (String k : key) {
                parts.add(String.valueOf((Object) r.getAs(k)));
            }
            assertNull(m.put(String.join("/", parts), r), "duplicate key " + parts);
        }
        return m;
    }

    public static void assertClose(BigDecimal expected, Object actual, String what) {
        assertNotNull(actual, what + " is null");
        BigDecimal value = actual instanceof BigDecimal b ? b : new BigDecimal(actual.toString());
        assertTrue(value.subtract(expected).abs().compareTo(TOLERANCE) <= 0,
                what + ": expected " + expected + " but was " + value);
    }

    public static void assertClose(String expected, Object actual, String what) {
        assertClose(new BigDecimal(expected), actual, what);
    }
}
