package uk.nhs.digitalmaturity.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * What a BI tool sees: database {@code reporting} with every Delta table of {@code <lakehouse>/reporting/}
 * (their table and column comments), and database {@code audit} with the run-history views over
 * {@code ops.runs}. Held in Spark's in-memory catalog, which {@link #refresh} keeps in step with the lakehouse:
 * a table that a nightly run created or rewrote is registered again, so new tables and new comments appear
 * without a restart (new rows need nothing: every query reads a table's latest Delta version).
 */
public class ServedCatalog {
    static final String REPORTING = Zone.REPORTING.database();
    static final String AUDIT = "audit";
    /** The audit views, in {@code serve/audit/<name>.sql}. */
    static final List<String> AUDIT_VIEWS = List.of("runs", "run_parameters", "run_inputs", "run_outputs");

    private final SparkSession spark;
    private final Lakehouse lakehouse;
    /** Each registered reporting table's Delta version when it was registered. */
    private final Map<String, Long> registered = new TreeMap<>();
    private boolean auditRegistered;

    public ServedCatalog(SparkSession spark, Lakehouse lakehouse) {
        this.spark = spark;
        this.lakehouse = lakehouse;
    }

    /**
     * Registers what is new or changed since the last call (everything, the first time) and drops what has
     * gone; returns one line per change. Safe to call while clients query: a table is dropped and registered
     * again in one step of the catalog, under the same name.
     */
    public synchronized List<String> refresh() {
        return ReadOnlyGuard.registering(() -> {
            List<String> changes = new ArrayList<>();
            if (registered.isEmpty() && !auditRegistered) {
                spark.sql("CREATE DATABASE IF NOT EXISTS " + REPORTING
                        + " COMMENT 'NHS digital maturity reporting tables (read-only)'");
                spark.sql("CREATE DATABASE IF NOT EXISTS " + AUDIT
                        + " COMMENT 'Run history of the pipeline: runs, parameters, inputs, outputs (read-only)'");
                spark.sql("USE " + REPORTING);
            }
            Map<String, Snapshot> now = latestSnapshots();
            for (Map.Entry<String, Snapshot> table : now.entrySet()) {
                long version = table.getValue().version();
                Long before = registered.get(table.getKey());
                if (before == null || before != version) {
                    register(table.getKey(), table.getValue());
                    registered.put(table.getKey(), version);
                    changes.add(String.format("%s.%s at Delta version %d", REPORTING, table.getKey(), version));
                }
            }
            for (String gone : new ArrayList<>(registered.keySet())) {
                if (!now.containsKey(gone)) {
                    spark.sql("DROP TABLE IF EXISTS " + REPORTING + "." + gone);
                    registered.remove(gone);
                    changes.add(String.format("%s.%s gone", REPORTING, gone));
                }
            }
            if (!auditRegistered && DeltaTables.exists(spark, runsPath())) {
                for (String view : AUDIT_VIEWS) {
                    spark.sql(auditView(view));
                }
                auditRegistered = true;
                changes.add(String.format("%s: %s", AUDIT, String.join(", ", AUDIT_VIEWS)));
            }
            return changes;
        });
    }

    public synchronized int tables() {
        return registered.size();
    }

    public synchronized int views() {
        return auditRegistered ? AUDIT_VIEWS.size() : 0;
    }

    /** The table's comment is the one its Delta log holds (the pipeline re-applies it on every write). */
    private void register(String table, Snapshot snapshot) {
        String path = lakehouse.tablePath(Zone.REPORTING, table);
        String description = snapshot.metadata().description();
        String comment = description == null ? "" : " COMMENT " + DeltaTables.quote(description);
        spark.sql("DROP TABLE IF EXISTS " + REPORTING + "." + table);
        spark.sql("CREATE TABLE " + REPORTING + "." + table + " USING delta LOCATION " + DeltaTables.quote(path)
                + comment);
    }

    /**
     * The reporting tables now in the lakehouse (folders holding a Delta table) with their latest snapshots:
     * one read of each log, which the registration then reuses from Delta's cache.
     */
    private Map<String, Snapshot> latestSnapshots() {
        Map<String, Snapshot> snapshots = new TreeMap<>();
        try {
            Path folder = new Path(lakehouse.root() + "/" + REPORTING);
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(folder)) {
                return snapshots;
            }
            for (FileStatus child : fs.listStatus(folder)) {
                if (child.isDirectory()) {
                    Snapshot latest = DeltaLog.forTable(spark, child.getPath().toString())
                            .update(false, Option.empty(), Option.empty());
                    if (latest.version() >= 0) { // -1: a folder without a first commit yet
                        snapshots.put(child.getPath().getName(), latest);
                    }
                }
            }
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lakehouse.root() + "/" + REPORTING, e);
        }
    }

    private String runsPath() {
        return lakehouse.tablePath(Zone.OPS, RunLedger.TABLE);
    }

    private String auditView(String name) {
        try (InputStream in = ServedCatalog.class.getResourceAsStream("/serve/audit/" + name + ".sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("${runs}", runsPath().replace("`", "``")).replaceAll("(?m)^--.*\\n", "")
                    .trim().replaceAll(";$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit view " + name, e);
        }
    }
}
