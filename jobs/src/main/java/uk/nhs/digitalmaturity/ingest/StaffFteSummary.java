package uk.nhs.digitalmaturity.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.Predicates;

/**
 * {@code restricted.workforce_staff_fte}: the staff-level extract summed per file, month, organisation and
 * occupation code ({@code sql/ingest/workforce_staff_fte.sql}), written beside bronze as each file is ingested.
 * Reports read this instead of the 1.4 million assignments a month, so a new month costs one file's work.
 */
public final class StaffFteSummary {
    public static final String TABLE = "workforce_staff_fte";
    static final String SQL = "ingest/workforce_staff_fte.sql";
    static final String NEW_ROWS_VIEW = "new_workforce_staff";
    /** The same supersession as the staff-level rows it sums. */
    public static final List<String> SUPERSESSION_KEY = Source.WORKFORCE_STAFF.supersessionKey();
    public static final StructType SCHEMA = new StructType()
            .add("period", DataTypes.StringType, true)
            .add("org_code", DataTypes.StringType, true)
            .add("occupation_code", DataTypes.StringType, true)
            .add("fte", DataTypes.createDecimalType(34, 6), true)
            .add("assignments", DataTypes.LongType, false)
            .add(BronzeSchema.SOURCE_FILE, DataTypes.StringType, false)
            .add(BronzeSchema.SNAPSHOT, DataTypes.DateType, false);
    public static final String COMMENT = "Restricted: restricted.workforce_staff summed per landing file, month, "
            + "organisation and occupation code at ingest (sql/ingest/workforce_staff_fte.sql). Holds counts of "
            + "staff, so it is never published; reports read their FTE totals from it.";
    public static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        COMMENTS.put("period", "Month YYYY-MM");
        COMMENTS.put("org_code", "Employing organisation");
        COMMENTS.put("occupation_code", "ESR occupation code");
        COMMENTS.put("fte", "Sum of the full-time equivalent of the file's valid assignments (exact)");
        COMMENTS.put("assignments", "Number of those assignments (a count of staff: restricted)");
        COMMENTS.put(BronzeSchema.SOURCE_FILE, "Landing file the assignments came from");
        COMMENTS.put(BronzeSchema.SNAPSHOT, "Snapshot date of that file");
    }

    private final SparkSession spark;
    private final Lakehouse lakehouse;
    private final DeltaTables delta;

    public StaffFteSummary(SparkSession spark, Lakehouse lakehouse, DeltaTables delta) {
        this.spark = spark;
        this.lakehouse = lakehouse;
        this.delta = delta;
    }

    public String path() {
        return lakehouse.tablePath(Zone.RESTRICTED, TABLE);
    }

    /**
     * Creates the table when missing and registers it. A lakehouse whose bronze predates the table gets it
     * filled from every staff-level row once, so reports never see a summary that misses ingested files.
     */
    public void prepare() {
        boolean created = delta.ensureExists(path(), DeltaTables.commented(SCHEMA, COMMENTS), List.of(), COMMENT);
        lakehouse.register(spark, Zone.RESTRICTED, TABLE);
        if (created) {
            Dataset<Row> staff = spark.table(Source.WORKFORCE_STAFF.qualifiedTable());
            if (!staff.isEmpty()) {
                write(staff, null);
            }
        }
    }

    /** Sums the valid rows of newly ingested files and replaces those files' rows of the summary. */
    public void add(Dataset<Row> validRows, List<String> files) {
        write(validRows, Predicates.in(BronzeSchema.SOURCE_FILE, files));
    }

    /** {@code replacing}: the rows to replace, as a predicate; null replaces the whole table. */
    private void write(Dataset<Row> staffRows, String replacing) {
        staffRows.createOrReplaceTempView(NEW_ROWS_VIEW);
        try {
            Dataset<Row> summary = DeltaTables.withComments(spark.sql(SqlResources.read(SQL)), COMMENTS);
            if (replacing == null) {
                summary.write().format("delta").mode("overwrite").save(path());
            } else {
                delta.replaceWhere(summary, path(), replacing);
            }
        } finally {
            spark.catalog().dropTempView(NEW_ROWS_VIEW);
        }
    }
}
