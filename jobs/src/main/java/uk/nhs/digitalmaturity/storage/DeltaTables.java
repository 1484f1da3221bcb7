package uk.nhs.digitalmaturity.storage;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes Delta tables the way their users expect: idempotently (overwrite or replaceWhere, never a blind
 * append), with the run's id and commit in every commit's userMetadata (set once per run on the session),
 * explicit retention so that time travel survives VACUUM, no deletion vectors or column mapping, and the
 * table and column comments re-applied on every write.
 */
public class DeltaTables {
    static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final SparkSession spark;
    private final Map<String, String> properties;

    public DeltaTables(SparkSession spark, String logRetention, String deletedFileRetention) {
        this.spark = spark;
        this.properties = new LinkedHashMap<>();
        properties.put("delta.logRetentionDuration", logRetention);
        properties.put("delta.deletedFileRetentionDuration", deletedFileRetention);
        properties.put("delta.enableDeletionVectors", "false");
        properties.put("delta.columnMapping.mode", "none");
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** Column comments travel in the schema's metadata, so they land in the same commit as the data. */
    public static Dataset<Row> withComments(Dataset<Row> df, Map<String, String> columnComments) {
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            String comment = columnComments.get(f.name());
            Metadata metadata = comment == null ? f.metadata()
                    : new MetadataBuilder().withMetadata(f.metadata()).putString("comment", comment).build();
            columns.add(df.col("`" + f.name() + "`").as(f.name(), metadata));
        }
        return df.select(columns.toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The schema with each column's comment in its metadata (where DDL and Delta look for it). */
    public static StructType commented(StructType schema, Map<String, String> columnComments) {
        StructType out = new StructType();
        for (StructField f : schema.fields()) {
            String comment = columnComments.get(f.name());
            out = out.add(comment == null ? f : f.withComment(comment));
        }
        return out;
    }

    /** Every Delta commit from now on in this session, table creation included, carries this metadata. */
    public void stampCommits(CommitMetadata metadata) {
        spark.conf().set(USER_METADATA, metadata.toJson());
    }

    /** Creates an empty table with this schema if none exists yet; true when it did. */
    public boolean ensureExists(String path, StructType schema, List<String> partitionBy, String comment) {
        return ensureExists(path, schema, partitionBy, comment, Map.of());
    }

    /**
     * As above, with properties of this table beyond the lakehouse's own ({@code tableProperties}); a table that
     * exists already is given those it lacks or has otherwise, in one commit, and no commit when it has them.
     */
    public boolean ensureExists(String path, StructType schema, List<String> partitionBy, String comment,
                                Map<String, String> tableProperties) {
        if (exists(spark, path)) {
            setProperties(path, tableProperties);
            return false;
        }
        // One commit: schema with column comments, partitioning, table comment and properties together.
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS delta.`" + path + "` (")
                .append(schema.toDDL()).append(") USING delta");
        if (!partitionBy.isEmpty()) {
            ddl.append(" PARTITIONED BY (").append(String.join(", ", partitionBy)).append(')');
        }
        if (comment != null) {
            ddl.append(" COMMENT ").append(quote(comment));
        }
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(tableProperties);
        spark.sql(ddl.append(" TBLPROPERTIES (").append(propertyList(all)).append(')').toString());
        return true;
    }

    /**
     * Adds to an existing table the columns of {@code schema} it lacks (with their comments), so that a table
     * created before the contract gained a column can be read with the new column, as null, before any file
     * carrying it arrives. One commit, and only when something is missing.
     */
    public void addMissingColumns(String path, StructType schema) {
        java.util.Set<String> present = new java.util.HashSet<>();
        for (String name : DeltaTable.forPath(spark, path).toDF().schema().fieldNames()) {
            present.add(name.toLowerCase(java.util.Locale.ROOT));
        }
        StructType missing = new StructType();
        for (StructField f : schema.fields()) {
            if (!present.contains(f.name().toLowerCase(java.util.Locale.ROOT))) {
                missing = missing.add(f);
            }
        }
        if (missing.fields().length > 0) {
            spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (" + missing.toDDL() + ")");
        }
    }

    /** Replaces the whole table: reporting tables are recomputed in full from bronze as at a date. */
    public long overwrite(Dataset<Row> df, String path, String comment) {
        df.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
        applyProperties(path, comment);
        return version(path);
    }

    /**
     * Writes rows that all satisfy {@code predicate}, replacing whatever rows already satisfied it: re-running
     * an ingest after a crash replaces that file's rows instead of doubling them.
     */
    public long replaceWhere(Dataset<Row> df, String path, String predicate) {
        return replaceWhere(df, path, predicate, false);
    }

    /** As above; {@code addColumns}: a table written before a column existed gains it (Delta mergeSchema). */
    public long replaceWhere(Dataset<Row> df, String path, String predicate, boolean addColumns) {
        df.write().format("delta").mode("overwrite").option("replaceWhere", predicate)
                .option("mergeSchema", String.valueOf(addColumns)).save(path);
        return version(path);
    }

    /**
     * The table's latest version, from its log (Delta's cached log, brought up to date by listing it): no Spark
     * job, where {@code DESCRIBE HISTORY} would run one per table per run just to learn a number.
     */
    public long version(String path) {
        return DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty()).version();
    }

    /** Sets the retention and reader-safety properties and the table comment, when they differ. */
    public void applyProperties(String path, String comment) {
        settle(path, properties, comment);
    }

    /** Gives an existing table the properties of its own it lacks or has otherwise (its comment left as it is). */
    private void setProperties(String path, Map<String, String> wanted) {
        if (!wanted.isEmpty()) {
            settle(path, wanted, null);
        }
    }

    /**
     * Sets, in one commit, those of {@code wanted} and the {@code comment} (when not null) that the table lacks
     * or has otherwise; no commit when it has them all. The current ones are read from the table's metadata in
     * its log (cached, brought up to date as a write would), not by {@code DESCRIBE DETAIL}, which computes the
     * table's size and file count with a Spark job: one job for every table rebuilt, to learn a few strings.
     */
    private void settle(String path, Map<String, String> wanted, String comment) {
        org.apache.spark.sql.delta.actions.Metadata metadata = DeltaLog.forTable(spark, path)
                .update(false, scala.Option.empty(), scala.Option.empty()).metadata();
        scala.collection.immutable.Map<String, String> current = metadata.configuration();
        Map<String, String> differing = new LinkedHashMap<>();
        wanted.forEach((k, v) -> {
            if (!current.get(k).contains(v)) {
                differing.put(k, v);
            }
        });
        if (comment != null && !comment.equals(metadata.description())) {
            differing.put("comment", comment);
        }
        alter(path, differing);
    }

    /** Sets these properties (the table comment among them, as {@code comment}) in one commit; none if empty. */
    private void alter(String path, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return;
        }
        spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + propertyList(properties) + ")");
    }

    /** {@code 'key' = 'value', ...} */
    private static String propertyList(Map<String, String> properties) {
        List<String> pairs = new ArrayList<>();
        properties.forEach((k, v) -> pairs.add(quote(k) + " = " + quote(v)));
        return String.join(", ", pairs);
    }

    /** A SQL string literal (Spark's escapes) holding {@code text}. */
    public static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
