package uk.nhs.digitalmaturity.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * Table properties: of one table (data skipping), on a table created with them and on one created before them;
 * and the lakehouse's own with the table comment, set again after a rewrite only where they differ.
 */
class DeltaTablesTest {
    private static final Map<String, String> STATS_ON_FILE = Map.of("delta.dataSkippingStatsColumns", "file");
    private final SparkSession spark = SharedSpark.get();
    private final DeltaTables delta = new DeltaTables(spark, "interval 30 days", "interval 7 days");
    private final StructType schema = new StructType().add("id", DataTypes.StringType).add("file", DataTypes.StringType);

    @Test
    void aTableMadeBeforeItsPropertiesGainsThemInOneCommitAndThenNoMore(@TempDir Path dir) {
        String path = dir.resolve("t").toString();
        assertTrue(delta.ensureExists(path, schema, List.of(), "a table"));
        assertEquals(0, delta.version(path));

        assertFalse(delta.ensureExists(path, schema, List.of(), "a table", STATS_ON_FILE));
        assertEquals(1, delta.version(path), "one commit sets the missing property");
        assertEquals("file", properties(path).get("delta.dataSkippingStatsColumns"));
        assertEquals("interval 30 days", properties(path).get("delta.logRetentionDuration"));

        assertFalse(delta.ensureExists(path, schema, List.of(), "a table", STATS_ON_FILE));
        assertEquals(1, delta.version(path), "a table that has the property gets no commit");
    }

    @Test
    void aNewTableHasItsPropertiesFromItsFirstCommit(@TempDir Path dir) {
        String path = dir.resolve("t").toString();
        assertTrue(delta.ensureExists(path, schema, List.of(), "a table", STATS_ON_FILE));
        assertEquals(0, delta.version(path));
        assertEquals("file", properties(path).get("delta.dataSkippingStatsColumns"));
    }

    @Test
    void aRewrittenTableGetsANewCommentAndItsRetentionInOneCommitAndNoneWhenTheyHold(@TempDir Path dir) {
        String path = dir.resolve("t").toString();
        spark.sql("CREATE TABLE delta.`" + path + "` (id STRING) USING delta COMMENT 'old words'"
                + " TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 3 days')");
        assertEquals(0, delta.version(path));

        delta.applyProperties(path, "new words");
        assertEquals(1, delta.version(path), "the comment and the four properties in one commit");
        Map<String, String> properties = properties(path);
        assertEquals("interval 30 days", properties.get("delta.logRetentionDuration"));
        assertEquals("interval 7 days", properties.get("delta.deletedFileRetentionDuration"));
        assertEquals("false", properties.get("delta.enableDeletionVectors"));
        assertEquals("new words", DeltaTable.forPath(spark, path).detail().select("description").head().getString(0));

        delta.applyProperties(path, "new words");
        assertEquals(1, delta.version(path), "nothing differs: no commit");
        delta.applyProperties(path, null);
        assertEquals(1, delta.version(path), "no comment asked for: the table's is left as it is");
    }

    private Map<String, String> properties(String path) {
        return DeltaTable.forPath(spark, path).detail().select("properties").head().getJavaMap(0);
    }
}
