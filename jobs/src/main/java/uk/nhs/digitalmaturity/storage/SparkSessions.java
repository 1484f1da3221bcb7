package uk.nhs.digitalmaturity.storage;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import scala.collection.JavaConverters;
import uk.nhs.digitalmaturity.config.PipelineConfig;

/** Builds the one SparkSession of a process, or joins the one spark-submit (or a test) already made. */
public final class SparkSessions {
    /** Delta's session extension: its SQL (MERGE, VACUUM, time travel) and analysis rules. */
    public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

    private SparkSessions() {
    }

    public static SparkSession getOrCreate(PipelineConfig config) {
        return getOrCreate(config, Map.of());
    }

    /**
     * As above, with more settings for the session a command builds (the SQL endpoint's extension and catalog);
     * a setting named here replaces the default of the same name. Ignored when the session exists already.
     */
    public static SparkSession getOrCreate(PipelineConfig config, Map<String, String> settings) {
        SparkConf conf = new SparkConf();
        boolean local = !conf.contains("spark.master") || conf.get("spark.master").startsWith("local");
        SparkSession.Builder builder = SparkSession.builder()
                .appName("nhs-digital")
                .config("spark.sql.extensions", DELTA_EXTENSION)
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // Dates and as-at comparisons must not depend on the machine's zone.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.ansi.enabled", "false")
                // New Delta tables: no deletion vectors, no column mapping (BI readers mis-read them).
                .config("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false")
                .config("spark.databricks.delta.properties.defaults.columnMapping.mode", "none")
                .config("spark.databricks.delta.properties.defaults.logRetentionDuration", config.logRetention())
                .config("spark.databricks.delta.properties.defaults.deletedFileRetentionDuration",
                        config.deletedFileRetention())
                // A driver that lives longer than one run (the test suite, a notebook, a server) must not grow
                // with every query: keep the status store's history short (it is only read by the web UI,
                // which local runs switch off) and Delta's cache of table logs bounded.
                .config("spark.ui.retainedJobs", "100")
                .config("spark.ui.retainedStages", "100")
                .config("spark.ui.retainedTasks", "10000")
                .config("spark.sql.ui.retainedExecutions", "50")
                .config("spark.databricks.delta.delta.log.cacheSize", "100")
                // A partitioned write (staff bronze, by period) sorts each task's rows by partition first, and
                // holds them all to do it, though a task reads one part of one monthly file: one period. With
                // a few writers open at once a task writes as its rows come, and sorts only past that many
                // periods. On a new month the sort's buffers cost 2.4 s of collection pauses in the staff write.
                .config("spark.sql.maxConcurrentOutputFileWriters", "4");
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
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }

    /**
     * Lets go of what a run left in the session: its temporary views (each holds a query plan over a table
     * version), cached tables, and Delta's cached table logs with their cached snapshot state. The next run
     * reads the logs afresh. Without this, a session that serves many runs (the test suite's one session)
     * keeps every lakehouse's snapshots and plans until it runs out of memory.
     */
    public static void release(SparkSession spark) {
        // SHOW VIEWS, not catalog().listTables(): the latter parses every name of the current database.
        for (Row view : spark.sql("SHOW VIEWS").filter("isTemporary").select("viewName").collectAsList()) {
            spark.catalog().dropTempView(view.getString(0));
        }
        spark.catalog().clearCache();
        DeltaLog.clearCache(); // its snapshots unpersist their cached state, but only asynchronously
        for (RDD<?> cached : JavaConverters.mapAsJavaMap(spark.sparkContext().getPersistentRDDs()).values()) {
            cached.unpersist(true); // so wait for the blocks to go: the next run starts from an empty cache
        }
    }
}
