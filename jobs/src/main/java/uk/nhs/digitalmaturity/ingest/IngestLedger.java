package uk.nhs.digitalmaturity.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.landing.LandingZone;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.Predicates;

/**
 * Which landing files bronze has ingested (path and SHA-256), so that a run reads only new files and a file
 * that comes back changed stops the run.
 */
public class IngestLedger {
    public static final String TABLE = "ingested_files";
    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("snapshot", DataTypes.DateType, false)
            .add("sha256", DataTypes.StringType, false)
            .add("bytes", DataTypes.LongType, false)
            .add("rows", DataTypes.LongType, false)
            .add("valid_rows", DataTypes.LongType, false)
            .add("quarantined_rows", DataTypes.LongType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("modified_at", DataTypes.TimestampType, true);
    public static final String COMMENT = "Every landing file ingested into bronze: its checksum and row counts "
            + "(rows = valid_rows + quarantined_rows). Landing files are immutable: a changed file stops the run.";
    public static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        COMMENTS.put("source", "Bronze table the file was ingested into");
        COMMENTS.put("source_file", "Landing file, relative to the landing root");
        COMMENTS.put("snapshot", "Snapshot date of the file");
        COMMENTS.put("sha256", "SHA-256 of the file's bytes when ingested");
        COMMENTS.put("bytes", "Size of the file in bytes");
        COMMENTS.put("rows", "Data rows in the file (lines after the header)");
        COMMENTS.put("valid_rows", "Rows written to bronze");
        COMMENTS.put("quarantined_rows", "Rows written to restricted.quarantine");
        COMMENTS.put("run_id", "Run that ingested the file");
        COMMENTS.put("modified_at", "The file's modification time when checksummed: with bytes, the key under "
                + "which later runs trust sha256 without reading the file again");
    }

    /** One ingested file. */
    public record Entry(String source, String sourceFile, java.time.LocalDate snapshot, String sha256, long bytes,
                        long rows, long validRows, long quarantinedRows, String runId, long modifiedMillis) {
        Row toRow() {
            return RowFactory.create(source, sourceFile, java.sql.Date.valueOf(snapshot), sha256, bytes, rows,
                    validRows, quarantinedRows, runId, new java.sql.Timestamp(modifiedMillis));
        }

        static Entry of(Row r) {
            // modified_at is null in ledgers written before it existed: such files are checksummed again
            int modified = r.fieldIndex("modified_at");
            return new Entry(r.getString(0), r.getString(1), r.getDate(2).toLocalDate(), r.getString(3), r.getLong(4),
                    r.getLong(5), r.getLong(6), r.getLong(7), r.getString(8),
                    r.isNullAt(modified) ? -1 : r.getTimestamp(modified).getTime());
        }

        public LandingZone.Checksum checksum() {
            return new LandingZone.Checksum(bytes, modifiedMillis, sha256);
        }
    }

    private final SparkSession spark;
    private final String path;

    public IngestLedger(SparkSession spark, Lakehouse lakehouse) {
        this.spark = spark;
        this.path = lakehouse.tablePath(Zone.OPS, TABLE);
    }

    public String path() {
        return path;
    }

    /** Every entry, by landing path. The ledger is small: one row per landing file. */
    public Map<String, Entry> entries() {
        Map<String, Entry> entries = new HashMap<>();
        if (!DeltaTables.exists(spark, path)) {
            return entries; // a new lakehouse
        }
        for (Row r : spark.read().format("delta").load(path).collectAsList()) {
            Entry e = Entry.of(r);
            entries.put(e.sourceFile(), e);
        }
        return entries;
    }

    public void record(DeltaTables delta, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        entries.forEach(e -> rows.add(e.toRow()));
        Dataset<Row> df = DeltaTables.withComments(spark.createDataFrame(rows, SCHEMA), COMMENTS);
        // a ledger written before modified_at existed gains the column
        delta.replaceWhere(df, path, Predicates.in("source_file", entries.stream().map(Entry::sourceFile).toList()),
                true);
    }
}
