package uk.nhs.digitalmaturity.notebooks;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * The run the notebooks come from: its id, as-at date, code version and parameters, and the Delta version of
 * each output table as that run left it. The export reads every table at that version, so a notebook shows
 * what that run produced even if a later run has since replaced the table. Nothing here depends on the clock.
 *
 * @param tables qualified table name ({@code reporting.dspt_summary}) → its Delta version and rows
 */
public record RunInfo(String runId, LocalDate asAt, String codeVersion, Map<String, String> parameters,
                      Map<String, Table> tables) {

    /** An output table as the run left it. */
    public record Table(long deltaVersion, long rows) {
    }

    /** The run under way, with the outputs it has just written or found current. */
    public static RunInfo of(RunContext context, List<OutputRecord> outputs) {
        Map<String, Table> versions = new TreeMap<>();
        outputs.forEach(o -> versions.put(o.table(), new Table(o.deltaVersion(), o.rows())));
        return new RunInfo(context.runId(), context.asAt(), context.codeVersion(),
                new TreeMap<>(context.config().describe(context.asAt())), versions);
    }

    /**
     * The latest execution in {@code ops.runs} that ended well (SUCCEEDED or NOTHING_TO_DO), as at
     * {@code asAt} when given; empty when the lakehouse has none.
     */
    public static Optional<RunInfo> latest(SparkSession spark, Lakehouse lakehouse, LocalDate asAt) {
        String path = lakehouse.tablePath(Zone.OPS, RunLedger.TABLE);
        if (!DeltaTables.exists(spark, path)) {
            return Optional.empty();
        }
        Dataset<Row> runs = spark.read().format("delta").load(path)
                .filter(col("status").isin(RunStatus.SUCCEEDED.name(), RunStatus.NOTHING_TO_DO.name()));
        if (asAt != null) {
            runs = runs.filter(col("as_at").equalTo(java.sql.Date.valueOf(asAt)));
        }
        List<Row> last = runs.orderBy(col("ended_at").desc(), col("execution").desc()).limit(1)
                .select("run_id", "as_at", "code_version", "parameters", "outputs").collectAsList();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Row r = last.get(0);
        Object date = r.get(1);
        LocalDate runAsAt = date instanceof LocalDate d ? d : ((java.sql.Date) date).toLocalDate();
        Map<String, String> parameters = new TreeMap<>();
        if (!r.isNullAt(3)) {
            parameters.putAll(r.<String, String>getJavaMap(3));
        }
        Map<String, Table> versions = new TreeMap<>();
        for (Row o : r.<Row>getList(4)) {
            versions.put(o.getString(0), new Table(o.getLong(1), o.getLong(2)));
        }
        return Optional.of(new RunInfo(r.getString(0), runAsAt, r.getString(2), parameters, versions));
    }
}
