package uk.nhs.digitalmaturity.testing;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/** One SparkSession for the whole test JVM, built exactly as the launcher builds it. */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.getOrCreate(PipelineConfig.load(null));
        }
        return session;
    }

    /**
     * A Delta table of a lakehouse read by path, e.g. {@code table(lake, "reporting/dspt_summary")} (tests run
     * several lakehouses, and the catalog points at the last one run).
     */
    public static Dataset<Row> table(Path lakehouse, String relative) {
        return get().read().format("delta").load(lakehouse.resolve(relative).toString());
    }
}
