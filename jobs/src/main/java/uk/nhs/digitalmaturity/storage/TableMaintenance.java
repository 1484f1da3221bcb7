package uk.nhs.digitalmaturity.storage;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.util.IntervalUtils;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.unsafe.types.CalendarInterval;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The housekeeping Delta users expect, for one table, none of it changing what the table holds: compaction of
 * small files (OPTIMIZE: its commit marks every file it adds and removes {@code dataChange=false}, so readers,
 * streams and time travel see the same rows at every version), a checkpoint of the log, and VACUUM with the
 * table's own {@code delta.deletedFileRetentionDuration}, so that every version inside that retention can still
 * be read. Delta's {@code retentionDurationCheck} stays on: nothing here may vacuum below a table's retention.
 */
public final class TableMaintenance {
    /** The property VACUUM keeps files for (seven years on every table of this lakehouse). */
    public static final String RETENTION = "delta.deletedFileRetentionDuration";
    private static final double HOURS_PER_DAY = 24.0;

    private final SparkSession spark;

    public TableMaintenance(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What maintenance did to one table: its version and live files before and after, whether a checkpoint was
     * written, and how many files VACUUM deleted (files that no version inside retention refers to).
     */
    public record Outcome(String table, long versionBefore, long versionAfter, long filesBefore, long filesAfter,
                          long rows, boolean checkpointed, long vacuumed) {
        /** Nothing written: no compaction, no new checkpoint, nothing vacuumed. */
        public boolean quiet() {
            return versionBefore == versionAfter && !checkpointed && vacuumed == 0;
        }
    }

    /** The table's own retention for deleted files, in days (fractional when it is given in hours). */
    public double retentionDays(String path) {
        Row detail = DeltaTable.forPath(spark, path).detail().select("properties").head();
        String value = detail.<String, String>getJavaMap(0).get(RETENTION);
        if (value == null) {
            return 7; // Delta's default: interval 1 week
        }
        CalendarInterval interval = IntervalUtils.stringToInterval(UTF8String.fromString(value));
        return interval.months * 30.0 + interval.days + interval.microseconds / 3_600_000_000.0 / HOURS_PER_DAY;
    }

    /**
     * Maintains the table at {@code path}: compacts it if {@code compact}, checkpoints its latest version if that
     * has no checkpoint yet, and vacuums files older than {@code retainDays} (the table's own retention or longer)
     * only when a dry run finds some, so that a second maintenance in a row writes nothing.
     */
    public Outcome maintain(String table, String path, boolean compact, double retainDays) {
        DeltaTable delta = DeltaTable.forPath(spark, path);
        long versionBefore = version(delta);
        long filesBefore = files(delta);
        if (compact && filesBefore > 1) {
            delta.optimize().executeCompaction(); // commits only when some partition has two or more files
        }
        DeltaLog log = DeltaLog.forTable(spark, path);
        org.apache.spark.sql.delta.Snapshot latest = log.update(false, scala.Option.empty(), scala.Option.empty());
        boolean checkpointed = !hasCheckpoint(path, latest.version());
        if (checkpointed) { // readers then start from it instead of replaying every commit since the last one
            log.checkpoint(latest, scala.Option.empty());
        }
        long vacuumed = 0;
        double retainHours = retainDays * HOURS_PER_DAY;
        if (hasFileOlderThan(path, retainHours)) { // else VACUUM has nothing it may delete: skip its full scan
            vacuumed = spark.sql("VACUUM delta.`" + path + "` RETAIN " + retainHours + " HOURS DRY RUN").count();
            if (vacuumed > 0) {
                spark.sql("VACUUM delta.`" + path + "` RETAIN " + retainHours + " HOURS");
            }
        }
        DeltaTable after = DeltaTable.forPath(spark, path);
        return new Outcome(table, versionBefore, version(after), filesBefore, files(after), after.toDF().count(),
                checkpointed, vacuumed);
    }

    /**
     * True when the table's folder holds a data file last modified before the retention: VACUUM deletes only files
     * older than that (a file's removal is never recorded before the file was written), so without one it has
     * nothing to do. Hidden folders ({@code _delta_log}, {@code _commits}) are Delta's own, never vacuumed.
     */
    private boolean hasFileOlderThan(String path, double retainHours) {
        long before = System.currentTimeMillis() - (long) (retainHours * 3_600_000L);
        Path root = new Path(path);
        try {
            org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                org.apache.hadoop.fs.LocatedFileStatus f = files.next();
                String relative = root.toUri().relativize(f.getPath().toUri()).getPath();
                if (!relative.startsWith("_") && !relative.startsWith(".") && f.getModificationTime() < before) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static long version(DeltaTable delta) {
        return delta.history(1).select("version").head().getLong(0);
    }

    private static long files(DeltaTable delta) {
        return delta.detail().select("numFiles").head().getLong(0);
    }

    /** True when {@code _delta_log} has a checkpoint (single-file or multi-part) of this version. */
    private boolean hasCheckpoint(String path, long version) {
        Path log = new Path(path, "_delta_log");
        String prefix = String.format("%020d.checkpoint.", version);
        try {
            org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(log)) {
                if (f.getPath().getName().startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log + ": " + e.getMessage(), e);
        }
    }
}
