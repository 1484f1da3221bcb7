package uk.nhs.digitalmaturity.storage;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;

/** Builds the one SparkSession of a process, or joins the one spark-submit (or a test) already made. */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(PipelineConfig config) {
        SparkConf conf = new SparkConf();
        boolean local = !conf.contains("spark.master") || conf.get("spark.master").startsWith("local");
        SparkSession.Builder builder = SparkSession.builder()
                .appName("nhs-digital")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Dates and as-at comparisons must not depend on the machine's zone.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.ansi.enabled", "false")
                // New Delta tables: no deletion vectors, no column mapping (BI readers mis-read them).
                .config("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false")
                .config("spark.databricks.delta.properties.defaults.columnMapping.mode", "none")
                .config("spark.databricks.delta.properties.defaults.logRetentionDuration", config.logRetention())
                .config("spark.databricks.delta.properties.defaults.deletedFileRetentionDuration",
                        config.deletedFileRetention());
        if (local) {
            builder.master(conf.get("spark.master", "local[*]"))
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", String.valueOf(config.localShufflePartitions()))
                    .config("spark.default.parallelism", String.valueOf(config.localShufflePartitions()))
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/nhs-digital-warehouse");
        }
        return builder.getOrCreate();
    }
}
