package uk.nhs.digitalmaturity.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import com.univocity.parsers.common.TextParsingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import java.util.Map;
import uk.nhs.digitalmaturity.contract.Reference;
import uk.nhs.digitalmaturity.contract.Rule;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;
import uk.nhs.digitalmaturity.landing.LandingFile;
import uk.nhs.digitalmaturity.landing.LandingZone;

/**
 * Reads the new landing files of one source and decides, for every data row, whether it is valid or which
 * rule it broke: first the row's own shape and values (on executors, {@link RowParser}), then its references
 * to other sources (joins against bronze), then the uniqueness of its natural key within its file.
 */
public class SourceValidation {
    private final SparkSession spark;
    private final LandingZone landing;

    public SourceValidation(SparkSession spark, LandingZone landing) {
        this.spark = spark;
        this.landing = landing;
    }

    /**
     * Every data row of the files: parsed columns, lineage, and {@code _rule} (null when valid), with the
     * row-level and reference rules applied; {@link #flagDuplicates} adds the key rule. {@code parsedRows}
     * (optional, by file) counts the rows parsed, so that the caller learns without another pass whether every
     * row of a file reached bronze.
     */
    public Dataset<Row> validate(Source source, List<LandingFile> files, String runId,
                                 Map<String, LongAccumulator> parsedRows) {
        Dataset<Row> rows = null;
        for (LandingFile file : files) {
            Dataset<Row> parsed = parse(source, file, parsedRows.get(file.relativePath()))
                    .withColumn(BronzeSchema.SOURCE_FILE, lit(file.relativePath()))
                    .withColumn(BronzeSchema.SNAPSHOT, lit(java.sql.Date.valueOf(file.snapshot())))
                    .withColumn(BronzeSchema.RUN_ID, lit(runId));
            rows = rows == null ? parsed : rows.unionByName(parsed);
        }
        for (Reference reference : source.references()) {
            rows = checkReference(rows, reference);
        }
        return rows;
    }

    private Dataset<Row> parse(Source source, LandingFile file, LongAccumulator parsedRows) {
        String[] header = header(file);
        RowParser parser = new RowParser(source, FileLayout.of(source, header, file.relativePath()));
        // Line numbers come from the text file itself, so a quarantined row can be found in the file by eye.
        // The lines are read as Spark's internal rows: numbering them takes a pass that only counts the lines
        // of the file's first parts, and that pass need not turn each line into a Java object first.
        JavaRDD<Row> parsed = spark.read().text(file.uri()).queryExecution().toRdd().toJavaRDD()
                .zipWithIndex()
                .filter(lineAndIndex -> lineAndIndex._2() > 0)
                .map(lineAndIndex -> {
                    if (parsedRows != null) {
                        parsedRows.add(1);
                    }
                    // the internal row is reused by the reader: its text is taken here, before the next line
                    return parser.parse(lineAndIndex._2() + 1, lineAndIndex._1().getUTF8String(0).toString());
                });
        return spark.createDataFrame(parsed, RowParser.parsedSchema(source));
    }

    /** The header's column names; a header the CSV parser cannot split stops the run (never with its message). */
    private String[] header(LandingFile file) {
        String line = landing.headerLine(file);
        try {
            return RowParser.newCsvParser().parseLine(line);
        } catch (TextParsingException e) {
            throw new ContractViolation(file.relativePath()
                    + ": row 1 (header): not a CSV header (a column name over "
                    + String.format("%,d", RowParser.MAX_FIELD_CHARS) + " characters, or over "
                    + String.format("%,d", RowParser.MAX_FIELDS) + " columns)");
        }
    }

    private Dataset<Row> checkReference(Dataset<Row> rows, Reference reference) {
        List<String> refColumns = new ArrayList<>();
        Dataset<Row> known = spark.sql(reference.sql()).distinct();
        for (String c : reference.columns()) {
            known = known.withColumnRenamed(c, "_ref_" + c);
            refColumns.add("_ref_" + c);
        }
        known = known.withColumn("_ref_found", lit(true));
        Column on = null;
        for (String c : reference.columns()) {
            Column eq = col(c).equalTo(col("_ref_" + c));
            on = on == null ? eq : on.and(eq);
        }
        String[] drop = new String[refColumns.size() + 1];
        refColumns.toArray(drop);
        drop[refColumns.size()] = "_ref_found";
        Column unknown = col(RowParser.RULE).isNull().and(col("_ref_found").isNull());
        return rows.join(broadcast(known), on, "left")
                .withColumn(RowParser.DETAIL, when(unknown, lit(String.join(", ", reference.columns())
                        + " not found: " + reference.description())).otherwise(col(RowParser.DETAIL)))
                .withColumn(RowParser.RULE, when(unknown, lit(reference.rule().name())).otherwise(col(RowParser.RULE)))
                .drop(drop);
    }

    /**
     * Natural keys that appear more than once in one file, among rows already in bronze (only the key columns
     * are read). The rows are grouped by one 64-bit hash of file and key first (a shuffle of 16 bytes a row, not
     * of the row, and a hash table of longs: grouping by the file's name as well compared that long string for
     * every row), and only the few hashes seen twice are checked on the real file and key; a clean load returns
     * nothing. Equal file and key always give equal hashes, so no repeat is missed.
     */
    public List<Row> duplicateKeys(Source source, Dataset<Row> bronzeRows) {
        if (source.naturalKey().isEmpty()) {
            return List.of();
        }
        List<Column> fileAndKey = new ArrayList<>();
        fileAndKey.add(col(BronzeSchema.SOURCE_FILE));
        source.naturalKey().get().forEach(k -> fileAndKey.add(col(k)));
        Dataset<Row> keys = bronzeRows.select(fileAndKey.toArray(Column[]::new))
                .withColumn("_key_hash", xxhash64(fileAndKey.toArray(Column[]::new)));
        Dataset<Row> suspects = keys.groupBy(col("_key_hash")).count().filter(col("count").gt(1)).drop("count");
        if (suspects.isEmpty()) {
            return List.of();
        }
        return keys.join(broadcast(suspects), "_key_hash")
                .groupBy(fileAndKey.toArray(Column[]::new)).count().filter(col("count").gt(1)).drop("count")
                .collectAsList();
    }

    /** Marks every row, valid so far, whose file and natural key are among {@code duplicates}. */
    public Dataset<Row> flagDuplicates(Source source, Dataset<Row> rows, List<Row> duplicates) {
        if (duplicates.isEmpty()) {
            return rows;
        }
        List<String> key = source.naturalKey().orElseThrow();
        List<String> fileAndKey = new ArrayList<>();
        fileAndKey.add(BronzeSchema.SOURCE_FILE);
        fileAndKey.addAll(key);
        StructType schema = new StructType();
        for (String c : fileAndKey) {
            schema = schema.add("_dup_" + c, rows.schema().apply(c).dataType(), true);
        }
        Dataset<Row> duplicated = spark.createDataFrame(duplicates, schema);
        Column on = null;
        for (String c : fileAndKey) {
            // null-safe, as the grouping: two rows with the same blank key column are duplicates too
            Column eq = col(c).eqNullSafe(col("_dup_" + c));
            on = on == null ? eq : on.and(eq);
        }
        Column duplicate = col(RowParser.RULE).isNull().and(col("_dup_" + BronzeSchema.SOURCE_FILE).isNotNull());
        return rows.join(broadcast(duplicated), on, "left")
                .withColumn(RowParser.DETAIL, when(duplicate, lit(String.join(", ", key)
                        + " appears more than once in this snapshot")).otherwise(col(RowParser.DETAIL)))
                .withColumn(RowParser.RULE, when(duplicate, lit(Rule.DUPLICATE_KEY.name())).otherwise(col(RowParser.RULE)))
                .drop(fileAndKey.stream().map(c -> "_dup_" + c).toArray(String[]::new));
    }
}
