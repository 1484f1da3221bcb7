package uk.nhs.digitalmaturity.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import uk.nhs.digitalmaturity.contract.Reference;
import uk.nhs.digitalmaturity.contract.Rule;
import uk.nhs.digitalmaturity.contract.Source;
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

    /** Every data row of the files: parsed columns, lineage, and {@code _rule} (null when valid). */
    public Dataset<Row> validate(Source source, List<LandingFile> files, String runId) {
        Dataset<Row> rows = null;
        for (LandingFile file : files) {
            Dataset<Row> parsed = parse(source, file)
                    .withColumn(BronzeSchema.SOURCE_FILE, lit(file.relativePath()))
                    .withColumn(BronzeSchema.SNAPSHOT, lit(java.sql.Date.valueOf(file.snapshot())))
                    .withColumn(BronzeSchema.RUN_ID, lit(runId));
            rows = rows == null ? parsed : rows.unionByName(parsed);
        }
        for (Reference reference : source.references()) {
            rows = checkReference(rows, reference);
        }
        if (source.naturalKey().isPresent()) {
            rows = checkUnique(rows, source.naturalKey().get());
        }
        return rows;
    }

    private Dataset<Row> parse(Source source, LandingFile file) {
        String[] header = RowParser.newCsvParser().parseLine(landing.headerLine(file));
        RowParser parser = new RowParser(source, FileLayout.of(source, header, file.relativePath()));
        // Line numbers come from the text file itself, so a quarantined row can be found in the file by eye.
        JavaRDD<Row> parsed = spark.read().text(file.uri()).javaRDD()
                .zipWithIndex()
                .filter(lineAndIndex -> lineAndIndex._2() > 0)
                .map(lineAndIndex -> parser.parse(lineAndIndex._2() + 1, lineAndIndex._1().getString(0)));
        return spark.createDataFrame(parsed, RowParser.parsedSchema(source));
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

    private Dataset<Row> checkUnique(Dataset<Row> rows, List<String> key) {
        List<Column> partition = new ArrayList<>();
        partition.add(col(BronzeSchema.SOURCE_FILE));
        key.forEach(k -> partition.add(col(k)));
        Column validSoFar = col(RowParser.RULE).isNull();
        Column copies = sum(when(validSoFar, lit(1)).otherwise(lit(0)))
                .over(Window.partitionBy(partition.toArray(Column[]::new)));
        Column duplicate = validSoFar.and(col("_copies").gt(1));
        return rows.withColumn("_copies", copies)
                .withColumn(RowParser.DETAIL, when(duplicate, lit(String.join(", ", key)
                        + " appears more than once in this snapshot")).otherwise(col(RowParser.DETAIL)))
                .withColumn(RowParser.RULE, when(duplicate, lit(Rule.DUPLICATE_KEY.name())).otherwise(col(RowParser.RULE)))
                .drop("_copies");
    }
}
