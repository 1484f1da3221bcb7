package uk.nhs.digitalmaturity.publish;

import java.util.Collection;
import java.util.regex.Pattern;
import uk.nhs.digitalmaturity.contract.Column;
import uk.nhs.digitalmaturity.contract.Source;

import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * Proves that nothing restricted reached what is published: no reporting table or publication file has a
 * restricted column (person_id, assignment_id, a CE+ assessment or score), or any value of a staff or
 * assessment identifier, or a trust's own CE+ score beside its code. Run by the pipeline before it writes the
 * pack, and by the tests.
 */
public class LeakScan {
    public static final Set<String> RESTRICTED_COLUMNS = Set.of("person_id", "assignment_id", "assessment_id",
            "ceplus_score_pct", "failed_requirements", "requirement_id");

    private final SparkSession spark;
    private final Lakehouse lakehouse;

    /** A scan against the restricted tables of {@code lakehouse}. */
    public LeakScan(SparkSession spark, Lakehouse lakehouse) {
        this.spark = spark;
        this.lakehouse = lakehouse;
    }

    private Dataset<Row> restricted(String table) {
        return spark.read().format("delta").load(lakehouse.tablePath(Zone.RESTRICTED, table));
    }

    /** A column of restricted identifiers, and the shape the contract guarantees its values have (if any). */
    private record Identifier(String table, String column, Pattern shape) {
        static Identifier of(Source source, String column) {
            Pattern shape = source.columns().stream().filter(c -> c.name().equals(column))
                    .map(Column::check).filter(Column.PatternCheck.class::isInstance)
                    .map(c -> Pattern.compile(((Column.PatternCheck) c).regex())).findFirst().orElse(null);
            return new Identifier(source.table(), column, shape);
        }

        boolean couldBe(String value) {
            return shape == null || shape.matcher(value).matches();
        }
    }

    private static final List<Identifier> IDENTIFIERS = List.of(
            Identifier.of(Source.WORKFORCE_STAFF, "person_id"),
            Identifier.of(Source.WORKFORCE_STAFF, "assignment_id"),
            Identifier.of(Source.CEPLUS_RESULTS, "assessment_id"));

    /**
     * The candidates that are restricted identifiers (staff and assignment ids, CE+ assessment ids). The
     * candidates are few (the strings of small published tables), the identifiers many (1.4 million staff a
     * month), so candidates are broadcast and each identifier column only filtered against them; a column is
     * not read at all when no candidate has the shape its values must have (a person_id is 64 hex digits).
     */
    private Set<String> restrictedAmong(Collection<String> candidates) {
        Set<String> hits = new TreeSet<>();
        for (Identifier id : IDENTIFIERS) {
            List<String> possible = candidates.stream().filter(id::couldBe).sorted().toList();
            if (possible.isEmpty()) {
                continue;
            }
            Dataset<Row> wanted = broadcast(spark.createDataset(possible, Encoders.STRING()).toDF("id"));
            restricted(id.table()).select(col(id.column()).as("id")).join(wanted, "id", "left_semi").distinct()
                    .collectAsList().forEach(r -> hits.add(r.getString(0)));
        }
        return hits;
    }

    /**
     * What leaked into these tables (name → rows), as readable findings (empty when clean). All string
     * values of all tables are checked in one join, so the scan costs two jobs whatever the number of tables.
     */
    public List<String> scanTables(Map<String, Dataset<Row>> tables) {
        List<String> findings = new ArrayList<>();
        Dataset<Row> strings = null;
        Dataset<Row> numbers = null;
        for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
            Dataset<Row> table = t.getValue();
            boolean perTrust = List.of(table.columns()).contains("org_code");
            for (StructField f : table.schema().fields()) {
                if (RESTRICTED_COLUMNS.contains(f.name().toLowerCase())) {
                    findings.add(t.getKey() + ": has restricted column " + f.name());
                }
                if (f.dataType().equals(DataTypes.StringType)) {
                    Dataset<Row> values = table.select(lit(t.getKey()).as("t"), lit(f.name()).as("c"), col(f.name()).as("id"));
                    strings = strings == null ? values : strings.union(values);
                } else if (perTrust && f.dataType() instanceof NumericType) {
                    Dataset<Row> values = table.select(lit(t.getKey()).as("t"), lit(f.name()).as("c"),
                            col("org_code").as("o"), col(f.name()).cast("double").as("v"));
                    numbers = numbers == null ? values : numbers.union(values);
                }
            }
        }
        if (strings != null) {
            Set<String> candidates = new TreeSet<>();
            strings.select("id").filter(col("id").isNotNull()).distinct().collectAsList()
                    .forEach(r -> candidates.add(r.getString(0)));
            Set<String> hits = restrictedAmong(candidates);
            for (Row r : hits.isEmpty() ? List.<Row>of()
                    : strings.filter(col("id").isin(hits.toArray())).groupBy("t", "c").count().collectAsList()) {
                findings.add(r.getString(0) + ": column " + r.getString(1) + " holds " + r.getLong(2)
                        + " restricted identifier value(s)");
            }
        }
        if (numbers != null) {
            // A column that reproduces trusts' own CE+ scores beside their codes publishes trust-level cyber
            // results, whatever its name. One equal value is a coincidence (a percentile of 144/216 equals a
            // score of 2/3); a column where at least half the rows of assessed trusts, and at least two, equal
            // one of that trust's scores is a leak.
            Dataset<Row> scores = restricted("ceplus_trust_results").filter("ceplus_score_pct IS NOT NULL")
                    .groupBy(col("org_code").as("o")).agg(collect_set(col("ceplus_score_pct")).as("s"));
            Dataset<Row> judged = numbers.join(scores, "o")
                    .withColumn("hit", expr("exists(s, x -> abs(x - v) < 1e-9)"))
                    .groupBy("t", "c").agg(count(lit(1)).as("m"), count_if(col("hit")).as("k"));
            for (Row r : judged.filter("k >= 2 AND 2 * k >= m").collectAsList()) {
                findings.add(r.getString(0) + ": column " + r.getString(1) + " equals the trust's own CE+ score in "
                        + r.getLong(3) + " of " + r.getLong(2) + " row(s)");
            }
        }
        return findings;
    }

    /** What leaked into the files of a folder (a publication pack, an export), as findings. */
    public List<String> scanFolder(String folder) {
        List<String> findings = new ArrayList<>();
        Set<String> tokens = new TreeSet<>();
        try {
            Path dir = new Path(folder);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus file : fs.listStatus(dir)) {
                if (file.isDirectory()) {
                    findings.addAll(scanFolder(file.getPath().toString()));
                    continue;
                }
                String text;
                try (InputStream in = fs.open(file.getPath())) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String token : text.split("[\\s,;:\"'<>(){}\\[\\]=]+")) {
                    if (RESTRICTED_COLUMNS.contains(token.toLowerCase())) {
                        findings.add(file.getPath().getName() + ": names restricted column " + token);
                    }
                    if (!token.isEmpty()) {
                        tokens.add(token);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot scan " + folder + ": " + e.getMessage(), e);
        }
        long hits = restrictedAmong(tokens).size();
        if (hits > 0) {
            findings.add(folder + ": holds " + hits + " restricted identifier value(s)");
        }
        return findings;
    }
}
