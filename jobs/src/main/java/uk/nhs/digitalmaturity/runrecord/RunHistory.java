package uk.nhs.digitalmaturity.runrecord;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.LakehouseLock;

/**
 * {@code ops.runs} as a person reads it: the executions newest first, one execution whole, the table version a
 * run left. It only reads: no table is created, the lakehouse's lock is not taken. A row still {@code RUNNING}
 * is shown so only while the lock's live holder is that execution; otherwise its process died and no run has
 * marked it {@code ABANDONED} yet, and it is shown as {@link #DIED}, never as a run under way.
 */
public final class RunHistory {
    public static final String DIED = RunStatus.RUNNING.name() + " (no live process: died?)";
    /** Timestamps as text in UTC with the zone written, whatever the reader's machine. */
    private static final String UTC = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private final Dataset<Row> runs;
    private final Column status;

    private RunHistory(Dataset<Row> runs, Column status) {
        this.runs = runs;
        this.status = status;
    }

    /** The lakehouse's run history, or empty when it has no {@code ops/runs} table. */
    public static Optional<RunHistory> read(SparkSession spark, Lakehouse lakehouse) {
        String path = lakehouse.tablePath(Zone.OPS, RunLedger.TABLE);
        if (!DeltaTables.exists(spark, path)) {
            return Optional.empty();
        }
        Optional<LakehouseLock.Holder> live = LakehouseLock.liveHolder(spark.sparkContext().hadoopConfiguration(),
                lakehouse.root());
        Column running = col("status").equalTo(RunStatus.RUNNING.name());
        Column shown = when(running.and(not(heldBy(live))), lit(DIED)).otherwise(col("status"));
        return Optional.of(new RunHistory(spark.read().format("delta").load(path), shown));
    }

    /**
     * True for the execution the live holder is running: its run id, started no earlier than the lease (a run
     * takes the lock, then starts its record). An earlier execution of the same run id that died is not it.
     */
    private static Column heldBy(Optional<LakehouseLock.Holder> live) {
        if (live.isEmpty()) {
            return lit(false);
        }
        Column same = col("run_id").equalTo(live.get().runId());
        try {
            Instant leased = Instant.parse(live.get().started());
            return same.and(col("started_at").geq(lit(Timestamp.from(leased))));
        } catch (DateTimeParseException | NullPointerException e) {
            return same;
        }
    }

    /** Every execution, newest first, at most {@code limit}: one line each. */
    public Dataset<Row> list(int limit) {
        return runs.orderBy(col("started_at").desc(), col("execution").desc()).limit(limit).select(summary());
    }

    /** The columns of {@link #list}: what an execution was and did, in a line. */
    private List<Column> summaryColumns() {
        return List.of(col("run_id"), col("execution"), status.as("status"), col("as_at"),
                date_format(col("started_at"), UTC).as("started_utc"), date_format(col("ended_at"), UTC).as("ended_utc"),
                expr("CAST(round((unix_millis(ended_at) - unix_millis(started_at)) / 1000.0) AS BIGINT)")
                        .as("duration_s"),
                expr("size(filter(inputs, i -> i.ingested_by_this_run))").as("files_ingested"),
                expr("size(filter(outputs, o -> o.recomputed))").as("tables_rebuilt"),
                col("exit_code"), col("message"));
    }

    private Column[] summary() {
        return summaryColumns().toArray(Column[]::new);
    }

    /** The latest execution of {@code runId}, or empty when the lakehouse never ran it. */
    public Optional<Integer> latestExecution(String runId) {
        Row max = runs.filter(col("run_id").equalTo(runId)).agg(max("execution"))
                .head();
        return max.isNullAt(0) ? Optional.empty() : Optional.of(max.getInt(0));
    }

    /** The latest execution of {@code runId} that ended well (its tables are the ones it published). */
    public Optional<Integer> latestGoodExecution(String runId) {
        Row max = runs.filter(col("run_id").equalTo(runId)
                        .and(col("status").isin(RunStatus.SUCCEEDED.name(), RunStatus.NOTHING_TO_DO.name())))
                .agg(max("execution")).head();
        return max.isNullAt(0) ? Optional.empty() : Optional.of(max.getInt(0));
    }

    private Dataset<Row> one(String runId, int execution) {
        return runs.filter(col("run_id").equalTo(runId).and(col("execution").equalTo(execution)));
    }

    /** One execution's line, with how it was run: the command, code version and commit, landing and lakehouse. */
    public Dataset<Row> header(String runId, int execution) {
        List<Column> columns = new ArrayList<>(summaryColumns());
        columns.addAll(List.of(col("command"), col("code_version"), col("git_commit"), col("landing"),
                col("lakehouse"), expr("to_json(quarantined)").as("quarantined")));
        return one(runId, execution).select(columns.toArray(Column[]::new));
    }

    /** Every analysis parameter the execution used, by name. */
    public Dataset<Row> parameters(String runId, int execution) {
        return one(runId, execution).selectExpr("explode(parameters) AS (parameter, value)").orderBy("parameter");
    }

    /** Every landing file visible to the execution: source, file, snapshot, SHA-256 and row counts. */
    public Dataset<Row> inputs(String runId, int execution) {
        return one(runId, execution).selectExpr("inline(inputs)").orderBy("source", "snapshot", "source_file");
    }

    /** Every table the execution left, with the Delta version to read it as of that run. */
    public Dataset<Row> outputs(String runId, int execution) {
        return one(runId, execution).selectExpr("inline(outputs)").orderBy("table");
    }

    /** The execution's whole record in one row (for JSON): the line's columns, then the nested lists. */
    public Dataset<Row> whole(String runId, int execution) {
        List<Column> columns = new ArrayList<>(summaryColumns());
        columns.addAll(List.of(col("command"), col("code_version"), col("git_commit"), col("landing"),
                col("lakehouse"), col("parameters"), col("quarantined"), col("inputs"), col("outputs"),
                publication().as("publication")));
        return one(runId, execution).select(columns.toArray(Column[]::new));
    }

    /** Every file of the pack the execution left, with its SHA-256 and rows (none for records before 0.2.0). */
    public Dataset<Row> publication(String runId, int execution) {
        return one(runId, execution).select(org.apache.spark.sql.functions.explode(publication()).as("f"))
                .selectExpr("f.file", "f.sha256", "f.rows");
    }

    /** {@code ops.runs.publication}, or null in a lakehouse whose ops.runs predates the column (0.1.0). */
    private Column publication() {
        return java.util.Arrays.asList(runs.columns()).contains("publication") ? col("publication")
                : lit(null).cast(new org.apache.spark.sql.types.ArrayType(RunLedger.PUBLISHED, false));
    }

    /**
     * What {@code verify} needs of one execution: how it was computed (as-at, parameters, code version), exactly
     * which landing files it read, and what it left (tables with their Delta versions, the pack's files).
     *
     * @param publication null when the record predates the column (0.1.0)
     */
    public record Recorded(String runId, int execution, LocalDate asAt, String codeVersion,
                           Map<String, String> parameters, List<String> inputFiles, List<OutputRecord> outputs,
                           List<PublishedFile> publication) {
    }

    /** One execution's record for {@code verify}. */
    public Recorded recorded(String runId, int execution) {
        Row r = one(runId, execution).select(col("as_at"), col("code_version"), col("parameters"),
                expr("transform(inputs, i -> i.source_file)"), col("outputs"), publication()).head();
        List<OutputRecord> outputs = new ArrayList<>();
        for (Row o : r.<Row>getList(4)) {
            outputs.add(new OutputRecord(o.getString(0), o.getLong(1), o.getLong(2), o.getBoolean(3), o.getString(4)));
        }
        List<PublishedFile> publication = null;
        if (!r.isNullAt(5)) {
            publication = new ArrayList<>();
            for (Row f : r.<Row>getList(5)) {
                publication.add(new PublishedFile(f.getString(0), f.getString(1), f.isNullAt(2) ? null : f.getLong(2)));
            }
        }
        return new Recorded(runId, execution, r.getDate(0).toLocalDate(), r.getString(1),
                new TreeMap<>(r.<String, String>getJavaMap(2)), List.copyOf(r.<String>getList(3)), List.copyOf(outputs),
                publication == null ? null : List.copyOf(publication));
    }

    /** The table as the execution recorded it (Delta version and rows), or empty when it recorded no such table. */
    public Optional<OutputRecord> output(String runId, int execution, String table) {
        List<Row> found = outputs(runId, execution).filter(col("table").equalTo(table))
                .select("table", "delta_version", "rows", "recomputed", "fingerprint").collectAsList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row o = found.get(0);
        return Optional.of(new OutputRecord(o.getString(0), o.getLong(1), o.getLong(2), o.getBoolean(3),
                o.getString(4)));
    }
}
