package uk.nhs.digitalmaturity.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.ingest.StaffFteSummary;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.stats.JavaModels;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The benchmark's DuckDB peer on the sample lakehouse: DuckDB runs the text of sql/ (rewritten by
 * DuckDbDialect) and must return what the pipeline published, row for row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerComparisonTest {
    private SparkSession spark;
    private Path lakehouse;
    private List<PeerComparison.Timing> timings;

    @BeforeAll
    void compareOnTheSample() throws Exception {
        spark = SharedSpark.get();
        lakehouse = SampleLakehouse.get();
        PeerComparison peer = new PeerComparison(spark, PipelineConfig.load(null),
                LocalDate.parse(AsAt.SAMPLE), Files.createTempDirectory("peer-parquet"),
                new ModelCatalog(JavaModels.all()).silverViews());
        peer.export(lakehouse.toString());
        timings = peer.run(1);
    }

    @AfterAll
    void pointTheCatalogBackAtTheSampleLakehouse() {
        Lakehouse lake = Lakehouse.at(spark, lakehouse.toString());
        for (Source s : Source.values()) {
            lake.register(spark, s.zone(), s.table());
        }
        lake.register(spark, Zone.RESTRICTED, StaffFteSummary.TABLE);
    }

    private PeerComparison.Timing timing(String query) {
        return timings.stream().filter(t -> t.query().name().equals(query)).findFirst().orElseThrow();
    }

    @Test
    void duckDbReturnsThePublishedInformaticsWorkforceRowForRow() {
        long published = spark.read().format("delta").load(lakehouse + "/reporting/informatics_workforce").count();
        assertEquals(published, timing("informatics_workforce").rows());
        assertTrue(timing("informatics_workforce").maxRelativeDifference() <= 1e-9);
    }

    @Test
    void duckDbReturnsThePublishedItCapexPerFte() {
        long published = spark.read().format("delta").load(lakehouse + "/reporting/it_capex_per_fte").count();
        assertEquals(published, timing("it_capex_per_fte").rows());
        assertTrue(timing("it_capex_per_fte").maxRelativeDifference() <= 1e-9);
    }

    @Test
    void theStaffSummaryHoldsEveryAssignmentsFte() {
        // Independent of the summary's SQL: the FTE of every valid assignment, summed straight from bronze.
        BigDecimal assignments = spark.read().format("delta").load(lakehouse + "/restricted/workforce_staff")
                .selectExpr("sum(fte)").head().getDecimal(0);
        BigDecimal summary = spark.read().format("delta").load(lakehouse + "/restricted/" + StaffFteSummary.TABLE)
                .selectExpr("sum(fte)").head().getDecimal(0);
        assertEquals(0, assignments.compareTo(summary), assignments + " vs " + summary);
        assertTrue(timing("workforce_staff_fte").rows() > 0);
    }

    @Test
    void aDifferenceBeyondOnePartInABillionFailsTheComparison() {
        PeerComparison.Query q = PeerComparison.QUERIES.get(0);
        List<List<Object>> spark = List.of(List.of("E", new BigDecimal("1000.000000")));
        assertEquals(0.0, PeerComparison.compare(q, spark, List.of(List.of("E", 1000.0))));
        assertTrue(PeerComparison.compare(q, spark, List.of(List.of("E", 1000.0000005))) > 0);
        assertThrows(IllegalStateException.class, () -> PeerComparison.compare(q, spark, List.of(List.of("E", 1000.000002))));
        assertThrows(IllegalStateException.class, () -> PeerComparison.compare(q, spark, List.of(List.of("W", 1000.0))));
        assertThrows(IllegalStateException.class, () -> PeerComparison.compare(q, spark, List.of()));
    }

    @Test
    void theDialectRewritesOnlyWhatDuckDbReadsDifferently() {
        String spark = "SELECT `rank`, 100.0D * x, concat_ws(',', sort_array(collect_set(org_code))) -- a: comment\n"
                + "FROM t WHERE d <= :as_at AND y = :window_start";
        assertEquals("SELECT \"rank\", CAST(100.0 AS DOUBLE) * x, "
                        + "array_to_string(list_sort(list_distinct(list(org_code))), ',') \n"
                        + "FROM t WHERE d <= DATE '2026-11-24' AND y = '2013-14'",
                DuckDbDialect.translate(spark, Map.of("as_at", LocalDate.parse("2026-11-24"), "window_start", "2013-14")));
    }
}
