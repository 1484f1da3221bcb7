package uk.nhs.digitalmaturity.serve;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * The Spark session of {@code serve} and {@code sql}: Delta, the {@link ReadOnlyGuard} on every statement, and
 * Spark's in-memory catalog (no Derby metastore: nothing to lock, nothing left on disk; {@link ServedCatalog}
 * registers the tables afresh at every start). This process never writes to the lakehouse.
 */
public final class ReadOnlySession {
    private ReadOnlySession() {
    }

    /** The lakehouse as a qualified path, or null when there is no such folder (this command never creates one). */
    public static Lakehouse existing(String location) {
        return Lakehouse.existing(new Configuration(), location);
    }

    public static SparkSession open(Lakehouse lakehouse) {
        return SparkSessions.getOrCreate(PipelineConfig.load(null), Map.of(
                "spark.sql.extensions", SparkSessions.DELTA_EXTENSION + "," + ReadOnlyGuard.class.getName(),
                "spark.sql.catalogImplementation", "in-memory",
                ServedTables.LAKEHOUSE_SETTING, lakehouse.root(),
                // Delta keeps a registered table's schema (with column comments) in the catalog, where the
                // JDBC server's getColumns looks; without it a BI tool lists Delta tables with no columns.
                "spark.databricks.delta.catalog.update.enabled", "true"));
    }
}
