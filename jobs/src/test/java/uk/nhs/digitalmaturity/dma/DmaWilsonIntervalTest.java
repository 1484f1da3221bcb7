package uk.nhs.digitalmaturity.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The 95% Wilson score intervals of reporting.dma_theme_summary, computed by the shipped SQL
 * (sql/reporting/dma_theme_summary.sql, with the run's own parameters, so z comes from commons-math3) over
 * a made-up dma_theme_scored view, against values worked out by hand.
 *
 * <p>With z = 1.959964 (z^2 = 3.841459), the interval for k of n is
 * (k + z^2/2)/(n + z^2) -/+ z/(n + z^2) x sqrt(k(n - k)/n + z^2/4), the same formula as the SQL's rearranged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmaWilsonIntervalTest {
    private final Map<String, Row> rows = new HashMap<>();

    @BeforeAll
    void summarise() {
        // A session of its own, so the made-up view cannot meet a pipeline run's views.
        SparkSession spark = SharedSpark.get().newSession();
        List<Row> scored = new ArrayList<>();
        // 2001: 10 trusts, 5 LOW and 5 HIGH on READINESS. 2002: 3 trusts, 1 LOW and 2 HIGH on CAPABILITY.
        // 2016: NAO's 238 trusts on READINESS, 20 LOW, 63 MEDIUM, 155 HIGH.
        add(scored, "2001", "READINESS", "LOW", 5);
        add(scored, "2001", "READINESS", "HIGH", 5);
        add(scored, "2002", "CAPABILITY", "LOW", 1);
        add(scored, "2002", "CAPABILITY", "HIGH", 2);
        add(scored, "2016", "READINESS", "LOW", 20);
        add(scored, "2016", "READINESS", "MEDIUM", 63);
        add(scored, "2016", "READINESS", "HIGH", 155);
        StructType schema = new StructType().add("survey_year", DataTypes.StringType)
                .add("org_code", DataTypes.StringType).add("theme", DataTypes.StringType)
                .add("band", DataTypes.StringType);
        spark.createDataFrame(scored, schema).createOrReplaceTempView("dma_theme_scored");
        String sql = SqlResources.read("reporting/dma_theme_summary.sql");
        Map<String, Object> parameters = PipelineConfig.load(null).sqlParameters(LocalDate.of(2026, 11, 24));
        for (Row r : spark.sql(sql, parameters).collectAsList()) {
            rows.put(r.getAs("survey_year") + "/" + r.getAs("theme") + "/" + r.getAs("band"), r);
        }
    }

    private static void add(List<Row> rows, String year, String theme, String band, int trusts) {
        for (int i = 0; i < trusts; i++) {
            rows.add(RowFactory.create(year, "T" + band.charAt(0) + i, theme, band));
        }
    }

    private void assertInterval(String key, long k, long n, double low, double high) {
        Row r = rows.get(key);
        assertEquals(k, (long) r.getAs("trusts"), key);
        assertEquals(n, (long) r.getAs("responding_trusts"), key);
        assertEquals(100.0 * k / n, (double) r.getAs("share_pct"), 1e-12, key);
        assertEquals(low, (double) r.getAs("ci_low_pct"), 5e-5, key + " lower limit");
        assertEquals(high, (double) r.getAs("ci_high_pct"), 5e-5, key + " upper limit");
    }

    @Test
    void halfOfTen() {
        // k = 5, n = 10: centre 6.920729/13.841459 = 0.5; half width 1.959964/13.841459 x sqrt(2.5 + 0.960365)
        // = 0.141601 x 1.860206 = 0.263407: 23.6593% to 76.3407%.
        assertInterval("2001/READINESS/LOW", 5, 10, 23.6593, 76.3407);
    }

    @Test
    void noneOfTenStartsAtExactlyZero() {
        // k = 0, n = 10: centre = half width = 1.920729/13.841459 = 0.138766, so 0% to 27.7533%
        // (the lower limit is set to exactly 0; the formula gives -3e-15 in floating point).
        assertInterval("2001/READINESS/MEDIUM", 0, 10, 0.0, 27.7533);
        assertEquals(0.0, (double) rows.get("2001/READINESS/MEDIUM").getAs("ci_low_pct"));
    }

    @Test
    void oneAndTwoOfThree() {
        // k = 1, n = 3: centre 2.920729/6.841459 = 0.426916; half width 1.959964/6.841459 x sqrt(2/3 + 0.960365)
        // = 0.286484 x 1.275551 = 0.365424: 6.1492% to 79.2340%.
        assertInterval("2002/CAPABILITY/LOW", 1, 3, 6.1492, 79.2340);
        // k = 2, n = 3: the mirror image, centre 0.573084: 20.7660% to 93.8508%.
        assertInterval("2002/CAPABILITY/HIGH", 2, 3, 20.7660, 93.8508);
    }

    @Test
    void readinessHighIn2016() {
        // k = 155, n = 238 (NAO: 65%): centre 156.920729/241.841459 = 0.648858; half width
        // 1.959964/241.841459 x sqrt(155 x 83/238 + 0.960365) = 0.008104 x 7.417209 = 0.060112:
        // 58.8746% to 70.8969%.
        assertInterval("2016/READINESS/HIGH", 155, 238, 58.8746, 70.8969);
    }
}
