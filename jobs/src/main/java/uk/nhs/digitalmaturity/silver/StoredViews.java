package uk.nhs.digitalmaturity.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.DeltaTables;

/**
 * Silver views worth keeping between runs: {@code <lakehouse>/silver/<view>/}, a Delta table stamped with the
 * fingerprint of what it was computed from (code, parameters, as-at date and the landing files of its
 * sources). A run whose fingerprint matches reads the table instead of recomputing the view, so a new month
 * of workforce does not redo the supersession of 3.5 million finance lines or of the survey's answers; any
 * change to those inputs recomputes it. Internal to the pipeline: not registered in the catalog, not published.
 */
public final class StoredViews {
    /**
     * finance_folded: every finance line superseded, folded into its successor and priced (five readers).
     * dma_answers: every survey answer superseded and scored, with the questions each trust was asked (four
     * readers, trust_scorecard among them, which a new month of workforce rebuilds: without it, that rebuild
     * superseded the survey's responses, questions, scales and organisations again, five scans and their joins).
     */
    public static final Set<String> VIEWS = Set.of("finance_folded", "dma_answers");
    static final String FINGERPRINT = "_fingerprint";

    private StoredViews() {
    }

    /** The view's rows: read back when current, else computed from {@code sql}, stored, and read back. */
    public static Dataset<Row> current(RunContext context, String name, String sql, String fingerprint) {
        SparkSession spark = context.spark();
        String path = context.lakehouse().silverPath(name);
        if (!fingerprint.equals(storedFingerprint(spark, path))) {
            Dataset<Row> rows = spark.sql(sql, context.sqlParameters()).withColumn(FINGERPRINT, lit(fingerprint));
            context.delta().overwrite(rows, path, "Silver view " + name + " (sql/silver/" + name
                    + ".sql) as computed for the fingerprint in " + FINGERPRINT + "; recomputed when its inputs change");
            context.progress().line("silver %-40s stored for later runs", name);
        } else {
            // A line either way: the silver stage's seconds (organisations, deflators, these checks) are its own.
            context.progress().line("silver %-40s up to date (stored by an earlier run)", name);
        }
        return spark.read().format("delta").load(path).drop(FINGERPRINT);
    }

    private static String storedFingerprint(SparkSession spark, String path) {
        if (!DeltaTables.exists(spark, path)) {
            return null;
        }
        List<Row> first = spark.read().format("delta").load(path).select(col(FINGERPRINT)).limit(1).collectAsList();
        return first.isEmpty() ? null : first.get(0).getString(0);
    }
}
