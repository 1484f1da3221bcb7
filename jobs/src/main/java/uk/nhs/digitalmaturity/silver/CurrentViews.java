package uk.nhs.digitalmaturity.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.ingest.BronzeSchema;
import uk.nhs.digitalmaturity.ingest.RowParser;

/**
 * {@code current_<source>}: bronze as the pipeline saw it on the as-at date. Only snapshots dated on or
 * before that date count, and for each supersession key the latest of them wins, so a resubmitted return
 * replaces only the trust-years it resubmits. Every metric reads these views, never bronze itself.
 */
public final class CurrentViews {
    public static final String PREFIX = "current_";

    private CurrentViews() {
    }

    public static String viewName(Source source) {
        return PREFIX + source.table();
    }

    public static void register(SparkSession spark, LocalDate asAt) {
        for (Source source : Source.values()) {
            current(spark, source, asAt).createOrReplaceTempView(viewName(source));
        }
    }

    static Dataset<Row> current(SparkSession spark, Source source, LocalDate asAt) {
        Dataset<Row> visible = spark.table(source.qualifiedTable())
                .filter(col(BronzeSchema.SNAPSHOT).leq(lit(java.sql.Date.valueOf(asAt))));
        Column[] key = source.supersessionKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> latest = visible.withColumn("_latest_snapshot", max(col(BronzeSchema.SNAPSHOT)).over(Window.partitionBy(key)))
                .filter(col(BronzeSchema.SNAPSHOT).equalTo(col("_latest_snapshot")))
                .drop("_latest_snapshot");
        if (!source.latestWithinSnapshotBy().isEmpty()) {
            List<Column> order = new ArrayList<>();
            source.latestWithinSnapshotBy().forEach(c -> order.add(col(c).desc()));
            order.add(col(RowParser.ROW_NUMBER).desc());
            latest = latest.withColumn("_rank", row_number().over(Window.partitionBy(key)
                            .orderBy(order.toArray(Column[]::new))))
                    .filter(col("_rank").equalTo(1)).drop("_rank");
        }
        return latest;
    }
}
