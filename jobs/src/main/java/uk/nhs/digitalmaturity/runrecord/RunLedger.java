package uk.nhs.digitalmaturity.runrecord;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/** {@code ops.runs}: one row per execution of a command, written when it starts and updated when it ends. */
public class RunLedger {
    public static final String TABLE = "runs";

    static final StructType INPUT = new StructType()
            .add("source", DataTypes.StringType).add("source_file", DataTypes.StringType)
            .add("snapshot", DataTypes.DateType).add("sha256", DataTypes.StringType)
            .add("rows", DataTypes.LongType).add("valid_rows", DataTypes.LongType)
            .add("quarantined_rows", DataTypes.LongType).add("ingested_by_this_run", DataTypes.BooleanType);
    static final StructType OUTPUT = new StructType()
            .add("table", DataTypes.StringType).add("delta_version", DataTypes.LongType)
            .add("rows", DataTypes.LongType).add("recomputed", DataTypes.BooleanType)
            .add("fingerprint", DataTypes.StringType);
    static final StructType PUBLISHED = new StructType()
            .add("file", DataTypes.StringType).add("sha256", DataTypes.StringType).add("rows", DataTypes.LongType);
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("execution", DataTypes.IntegerType, false)
            .add("command", DataTypes.StringType)
            .add("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("as_at", DataTypes.DateType)
            .add("code_version", DataTypes.StringType)
            .add("git_commit", DataTypes.StringType)
            .add("landing", DataTypes.StringType)
            .add("lakehouse", DataTypes.StringType)
            .add("started_at", DataTypes.TimestampType)
            .add("ended_at", DataTypes.TimestampType)
            .add("status", DataTypes.StringType)
            .add("exit_code", DataTypes.IntegerType)
            .add("message", DataTypes.StringType)
            .add("inputs", new ArrayType(INPUT, false))
            .add("outputs", new ArrayType(OUTPUT, false))
            .add("quarantined", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("publication", new ArrayType(PUBLISHED, false));
    public static final String COMMENT = "Every execution of the pipeline: parameters, code version, the landing "
            + "snapshots it read with their checksums, each output table's Delta version and row count, and "
            + "quarantine counts. The run_id identifies the computation (inputs, parameters, metric code).";
    static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        COMMENTS.put("run_id", "Identity of the computation: same inputs, parameters and metric code give the same run_id");
        COMMENTS.put("execution", "1 for the first execution of this run_id, 2 for the next, and so on");
        COMMENTS.put("command", "Command line (subcommand and options)");
        COMMENTS.put("parameters", "Every analysis parameter, as used");
        COMMENTS.put("as_at", "Reporting date: only snapshots dated on or before it were read");
        COMMENTS.put("code_version", "Release and digest of the metric code: sql/, the Java that validates, folds, "
                + "computes and rounds, and the defaults file");
        COMMENTS.put("git_commit", "Commit the code was built from");
        COMMENTS.put("landing", "Landing zone read");
        COMMENTS.put("lakehouse", "Lakehouse written");
        COMMENTS.put("started_at", "When the execution started (UTC)");
        COMMENTS.put("ended_at", "When it ended (UTC); null while running, and for an ABANDONED execution "
                + "(when its process died is not known; its message says when and by which run it was found)");
        COMMENTS.put("status", "RUNNING, SUCCEEDED, NOTHING_TO_DO, CONTRACT_VIOLATION, DATA_TEST_FAILED, FAILED, "
                + "MAINTAINED (maintain: files compacted, checkpoints, VACUUM; no data changed), "
                + "or ABANDONED (left RUNNING by a process that died; marked so by the next run)");
        COMMENTS.put("exit_code", "Process exit code (see README); null while running and for ABANDONED");
        COMMENTS.put("message", "Why it failed, or what it did");
        COMMENTS.put("inputs", "Every landing file visible at as_at, with SHA-256 and row counts");
        COMMENTS.put("outputs", "Every output table: Delta version, rows, whether rebuilt, fingerprint");
        COMMENTS.put("quarantined", "Rows quarantined by this execution's ingest, per bronze table");
        COMMENTS.put("publication", "Every file of the publication pack the execution left, with its SHA-256 and rows, "
                + "as its manifest.json lists them: what `verify` recomputes (null for records before 0.2.0)");
    }

    private final SparkSession spark;
    private final DeltaTables delta;
    private final String path;

    public RunLedger(SparkSession spark, Lakehouse lakehouse, DeltaTables delta) {
        this.spark = spark;
        this.delta = delta;
        this.path = lakehouse.tablePath(Zone.OPS, TABLE);
        if (!delta.ensureExists(path, DeltaTables.commented(SCHEMA, COMMENTS), List.of(), COMMENT)) {
            delta.addMissingColumns(path, DeltaTables.commented(SCHEMA, COMMENTS)); // publication: since 0.2.0
        }
        lakehouse.register(spark, Zone.OPS, TABLE);
    }

    /**
     * The last execution that succeeded: its run id and build, the tables it left (with their fingerprints), the
     * landing files they were computed from (for a table rebuilt a slice at a time), and its as-at date (where its
     * pack is; null for {@link #NONE}).
     */
    public record LastGood(String runId, String gitCommit, Map<String, OutputRecord> outputs,
                           List<IngestLedger.Entry> inputs, java.time.LocalDate asAt) {
        public static final LastGood NONE = new LastGood("", "", Map.of(), List.of(), null);
    }

    /** An execution that a dead process left RUNNING, now marked ABANDONED. */
    public record Abandoned(String runId, int execution, Instant startedAt) {
    }

    /** A starting execution: its number (1 for the first of its run id), and the executions found abandoned. */
    public record Opening(int execution, List<Abandoned> abandoned) {
    }

    /**
     * Opens an execution of {@code runId}: numbers it, and marks every execution still RUNNING as ABANDONED, from
     * one read of the ledger. Only a run holding the lakehouse's lock calls this: no other process can be
     * running, so a RUNNING row is one whose process died (killed, out of memory, a node restarted). Its exit
     * code stays null and its end time unknown; the message says who found it ({@code command}, the run id and
     * the new execution's number) and when.
     */
    public Opening open(String runId, String command, Instant foundAt) {
        List<Row> rows = spark.read().format("delta").load(path)
                .filter(col("run_id").equalTo(runId).or(col("status").equalTo(RunStatus.RUNNING.name())))
                .orderBy("started_at", "run_id", "execution")
                .select("run_id", "execution", "status", "started_at").collectAsList();
        int execution = (int) rows.stream().filter(r -> r.getString(0).equals(runId)).count() + 1;
        List<Abandoned> found = new ArrayList<>();
        for (Row r : rows) {
            if (r.getString(2).equals(RunStatus.RUNNING.name())) {
                found.add(new Abandoned(r.getString(0), r.getInt(1), r.getTimestamp(3).toInstant()));
            }
        }
        if (!found.isEmpty()) {
            String message = "left RUNNING by a process that died; found and marked ABANDONED by " + command + " "
                    + runId + " (execution " + execution + ") at " + foundAt;
            DeltaTable.forPath(spark, path).update(col("status").equalTo(RunStatus.RUNNING.name()), Map.of(
                    "status", functions.lit(RunStatus.ABANDONED.name()),
                    "exit_code", functions.lit(null).cast(DataTypes.IntegerType),
                    "message", functions.lit(message)));
        }
        return new Opening(execution, found);
    }

    /** What the next run compares its run id and fingerprints with. */
    public LastGood lastGood() {
        List<Row> last = spark.read().format("delta").load(path)
                .filter(col("status").isin(RunStatus.SUCCEEDED.name(), RunStatus.NOTHING_TO_DO.name()))
                .orderBy(col("ended_at").desc()).limit(1).select("run_id", "git_commit", "outputs", "inputs", "as_at")
                .collectAsList();
        if (last.isEmpty()) {
            return LastGood.NONE;
        }
        Map<String, OutputRecord> outputs = new LinkedHashMap<>();
        for (Row o : last.get(0).<Row>getList(2)) {
            outputs.put(o.getString(0), new OutputRecord(o.getString(0), o.getLong(1), o.getLong(2),
                    o.getBoolean(3), o.getString(4)));
        }
        List<IngestLedger.Entry> inputs = new ArrayList<>();
        for (Row i : last.get(0).<Row>getList(3)) {
            // What a fingerprint reads of a file: its source, path and checksum (row counts are not needed here).
            inputs.add(new IngestLedger.Entry(i.getString(0), i.getString(1), i.getDate(2).toLocalDate(),
                    i.getString(3), 0, i.getLong(4), i.getLong(5), i.getLong(6), "", -1));
        }
        return new LastGood(last.get(0).getString(0), last.get(0).getString(1), outputs, inputs,
                last.get(0).getDate(4).toLocalDate());
    }

    /**
     * The execution's first row, appended: its run id and execution number are new ({@link #open}, under the
     * lakehouse's lock), so there is nothing to match, and an append costs a fraction of a MERGE.
     */
    public void insert(RunRecord r) {
        frame(r).write().format("delta").mode("append").save(path);
    }

    /** Inserts or updates the execution's row (MERGE on run_id and execution: re-writing it is harmless). */
    public void write(RunRecord r) {
        DeltaTable.forPath(spark, path).as("t")
                .merge(frame(r).as("u"), "t.run_id = u.run_id AND t.execution = u.execution")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    /** The record as the table's one-row frame, with the column comments. */
    private Dataset<Row> frame(RunRecord r) {
        List<Row> inputs = new ArrayList<>();
        r.inputs().forEach(e -> inputs.add(RowFactory.create(e.source(), e.sourceFile(), java.sql.Date.valueOf(e.snapshot()),
                e.sha256(), e.rows(), e.validRows(), e.quarantinedRows(), r.newlyIngested().contains(e.sourceFile()))));
        List<Row> outputs = new ArrayList<>();
        r.outputs().forEach(o -> outputs.add(RowFactory.create(o.table(), o.deltaVersion(), o.rows(), o.recomputed(),
                o.fingerprint())));
        List<Row> publication = new ArrayList<>();
        r.publication().forEach(f -> publication.add(RowFactory.create(f.file(), f.sha256(), f.rows())));
        RunRecord.Identity id = r.identity();
        Row row = RowFactory.create(id.runId(), id.execution(), id.command(), id.parameters(),
                java.sql.Date.valueOf(id.asAt()), id.codeVersion(), id.gitCommit(), id.landing(), id.lakehouse(),
                Timestamp.from(id.startedAt()), r.endedAt() == null ? null : Timestamp.from(r.endedAt()),
                r.status().name(), r.exitCode(), r.message(), inputs, outputs, r.quarantined(), publication);
        return DeltaTables.withComments(spark.createDataFrame(List.of(row), SCHEMA), COMMENTS);
    }
}
