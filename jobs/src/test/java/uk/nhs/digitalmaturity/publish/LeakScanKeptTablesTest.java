package uk.nhs.digitalmaturity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * A table whose file a run keeps from the last pack is judged from that file's values, as a read table is from
 * its rows: an assignment id is free text (the contract gives it no shape), so one with a space, {@code "A 1"},
 * published as a whole value, is a leak that the file's tokens ({@code A}, {@code 1}) alone would not show.
 *
 * <pre>
 * restricted.workforce_staff.assignment_id: "A 1", "B2"      restricted.ceplus_results.assessment_id: "X9"
 * kept reporting.labels, labels.csv:  org_code,label / RAA,A 1 / RBB,ok
 * expected: "reporting.labels: column label holds 1 restricted identifier value(s)", and nothing more
 * </pre>
 */
class LeakScanKeptTablesTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path temp;
    private Lakehouse lakehouse;

    @BeforeEach
    void restrictedTables() {
        lakehouse = new Lakehouse(temp.toUri().toString());
        spark.createDataset(List.of("A 1", "B2"), Encoders.STRING()).toDF("assignment_id")
                .selectExpr("repeat('a', 64) AS person_id", "assignment_id").coalesce(1).write().format("delta")
                .save(lakehouse.tablePath(Zone.RESTRICTED, Source.WORKFORCE_STAFF.table()));
        spark.createDataset(List.of("X9"), Encoders.STRING()).toDF("assessment_id").write().format("delta")
                .save(lakehouse.tablePath(Zone.RESTRICTED, Source.CEPLUS_RESULTS.table()));
    }

    @Test
    void aKeptTablesWholeValuesAreJudged() {
        Map<String, byte[]> files = Map.of("labels.csv",
                "org_code,label\nRAA,A 1\nRBB,ok\n".getBytes(StandardCharsets.UTF_8));
        LeakScan scan = new LeakScan(spark, lakehouse);

        assertEquals(List.of("reporting.labels: column label holds 1 restricted identifier value(s)"),
                scan.scan(Map.of(), Map.of("reporting.labels", "labels.csv"), files));
        // The same file judged only as a file: its tokens hold no identifier, so the kept table's values are
        // what catches it.
        assertEquals(List.of(), scan.scan(Map.of(), files));
    }
}
