package uk.nhs.digitalmaturity.publish;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Column;
import uk.nhs.digitalmaturity.contract.CsvFiles;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.FewAtATime;
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
     * month, for years), so each identifier column is judged through its data files' Bloom filters
     * ({@link IdentifierFilters}) and read only in the files that might hold a candidate; a column is not
     * judged at all when no candidate has the shape its values must have (a person_id is 64 hex digits).
     */
    private Set<String> restrictedAmong(Collection<String> candidates) {
        Set<String> hits = new TreeSet<>();
        IdentifierFilters filters = new IdentifierFilters(spark);
        for (Identifier id : IDENTIFIERS) {
            List<String> possible = candidates.stream().filter(id::couldBe).sorted().toList();
            if (possible.isEmpty()) {
                continue;
            }
            String table = lakehouse.tablePath(Zone.RESTRICTED, id.table());
            try {
                hits.addAll(filters.held(table, id.column(), possible));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the identifier filters of " + table + ": "
                        + e.getMessage(), e);
            }
        }
        return hits;
    }

    /**
     * What leaked into these tables (name → rows), as readable findings (empty when clean). Published tables
     * are small (hundreds to thousands of rows), so each is read once, a few at a time, and judged here; only
     * the restricted identifiers stay in Spark, filtered against the published strings.
     */
    public List<String> scanTables(Map<String, Dataset<Row>> tables) {
        Map<String, java.util.function.Supplier<Table>> reads = new LinkedHashMap<>();
        tables.forEach((name, table) -> reads.put(name, () -> new Table(table.schema(), table.collectAsList())));
        return scan(FewAtATime.read(reads), Map.of());
    }

    /** A published table as read: its schema and rows. */
    public record Table(StructType schema, List<Row> rows) {
    }

    /**
     * What leaked into a publication about to be written: the tables it is made from and the bytes of its
     * files (name → bytes), judged together so that the restricted identifiers are read once, not once for the
     * tables and again for the files. Reading every month's assignment identifiers is the scan's whole cost.
     */
    public List<String> scan(Map<String, Table> tables, Map<String, byte[]> files) {
        return scan(tables, Map.of(), files);
    }

    /**
     * As above, with tables judged from their published file instead of their rows ({@code kept}: qualified
     * name → file among {@code files}): the tables a run took unchanged from the last clean pack. Every value
     * of such a file is a candidate, as a read table's text values are, since the restricted identifiers may
     * have grown since; the CE+ check is not made again, because the table and the CE+ results are both as the
     * last scan judged them ({@link LastPack}).
     */
    public List<String> scan(Map<String, Table> tables, Map<String, String> kept, Map<String, byte[]> files) {
        List<String> findings = new ArrayList<>();
        Map<String, Map<String, Long>> strings = new HashMap<>(); // value → "table|column" → rows holding it
        findings.addAll(judgeTables(tables, strings));
        kept.forEach((table, file) -> values(table, files.get(file), strings));
        Map<String, Set<String>> tokens = new TreeMap<>(); // token → files holding it
        files.forEach((name, bytes) -> findings.addAll(tokens(name, new String(bytes, StandardCharsets.UTF_8), tokens)));
        Set<String> candidates = new TreeSet<>(strings.keySet());
        candidates.addAll(tokens.keySet());
        // The manifest lists each file's SHA-256: 64 hex digits, a person_id's shape, but computed here from the
        // files' own bytes, so no staff identifier. Judged as candidates, they cost a person_id filter of every
        // month's data file, built and read on every publish, for nothing.
        files.values().forEach(bytes -> candidates.remove(Sha256.hex(bytes)));
        Set<String> hits = restrictedAmong(candidates);
        Map<String, Long> leaked = new TreeMap<>();
        for (String hit : hits) {
            strings.getOrDefault(hit, Map.of()).forEach((where, n) -> leaked.merge(where, n, Long::sum));
        }
        leaked.forEach((where, n) -> findings.add(where.replace("|", ": column ") + " holds " + n
                + " restricted identifier value(s)"));
        Map<String, Long> perFile = new TreeMap<>();
        for (String hit : hits) {
            tokens.getOrDefault(hit, Set.of()).forEach(file -> perFile.merge(file, 1L, Long::sum));
        }
        perFile.forEach((file, n) -> findings.add(file + ": holds " + n + " restricted identifier value(s)"));
        return findings;
    }

    /**
     * Judges the tables' columns and rows where they are; fills {@code strings} with every text value and where
     * it is, for the identifier check.
     */
    private List<String> judgeTables(Map<String, Table> tables, Map<String, Map<String, Long>> strings) {
        List<String> findings = new ArrayList<>();
        if (tables.isEmpty()) {
            return findings;
        }
        Map<String, List<Double>> scores = new HashMap<>();
        for (Row r : restricted("ceplus_trust_results").filter("ceplus_score_pct IS NOT NULL")
                .select(col("org_code"), col("ceplus_score_pct").cast("double")).distinct().collectAsList()) {
            scores.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getDouble(1));
        }
        Map<String, long[]> judged = new TreeMap<>(); // "table|column" → {rows of assessed trusts, equal to a score}
        for (Map.Entry<String, Table> t : tables.entrySet()) {
            StructField[] fields = t.getValue().schema().fields();
            int org = List.of(t.getValue().schema().fieldNames()).indexOf("org_code");
            for (int c = 0; c < fields.length; c++) {
                StructField f = fields[c];
                String where = t.getKey() + "|" + f.name();
                if (RESTRICTED_COLUMNS.contains(f.name().toLowerCase())) {
                    findings.add(t.getKey() + ": has restricted column " + f.name());
                }
                boolean text = f.dataType().equals(DataTypes.StringType);
                boolean perTrustNumber = org >= 0 && f.dataType() instanceof NumericType;
                for (Row r : t.getValue().rows()) {
                    if (text && !r.isNullAt(c)) {
                        strings.computeIfAbsent(r.getString(c), k -> new TreeMap<>()).merge(where, 1L, Long::sum);
                    }
                    List<Double> own = perTrustNumber && !r.isNullAt(org) ? scores.get(r.getString(org)) : null;
                    if (own != null) { // a row of an assessed trust
                        long[] mk = judged.computeIfAbsent(where, k -> new long[2]);
                        mk[0]++;
                        if (!r.isNullAt(c)) {
                            double v = ((Number) r.get(c)).doubleValue();
                            mk[1] += own.stream().anyMatch(x -> Math.abs(x - v) < 1e-9) ? 1 : 0;
                        }
                    }
                }
            }
        }
        // A column that reproduces trusts' own CE+ scores beside their codes publishes trust-level cyber
        // results, whatever its name. One equal value is a coincidence (a percentile of 144/216 equals a
        // score of 2/3); a column where at least half the rows of assessed trusts, and at least two, equal
        // one of that trust's scores is a leak.
        judged.forEach((where, mk) -> {
            if (mk[1] >= 2 && 2 * mk[1] >= mk[0]) {
                findings.add(where.replace("|", ": column ") + " equals the trust's own CE+ score in " + mk[1]
                        + " of " + mk[0] + " row(s)");
            }
        });
        return findings;
    }

    /** Adds every value of a published CSV to {@code strings}, at "table|column" as a read table's are. */
    private static void values(String table, byte[] csv, Map<String, Map<String, Long>> strings) {
        try (CSVParser parser = CsvFiles.FORMAT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(new String(csv, CsvFiles.CHARSET)))) {
            List<String> columns = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                for (int c = 0; c < columns.size(); c++) {
                    String value = r.get(c);
                    if (!value.isEmpty()) {
                        strings.computeIfAbsent(value, k -> new TreeMap<>())
                                .merge(table + "|" + columns.get(c), 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the published file of " + table + ": " + e.getMessage(), e);
        }
    }

    /** Adds a file's tokens to {@code tokens} (token → files); returns the restricted column names it names. */
    private static List<String> tokens(String file, String text, Map<String, Set<String>> tokens) {
        List<String> findings = new ArrayList<>();
        for (String token : text.split("[\\s,;:\"'<>(){}\\[\\]=]+")) {
            if (RESTRICTED_COLUMNS.contains(token.toLowerCase())) {
                findings.add(file + ": names restricted column " + token);
            }
            if (!token.isEmpty()) {
                tokens.computeIfAbsent(token, k -> new TreeSet<>()).add(file);
            }
        }
        return findings;
    }

    /** What leaked into the files of a folder (a publication pack, an export), as findings. */
    public List<String> scanFolder(String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            read(new Path(folder), "", files);
        } catch (IOException e) {
            throw new IllegalStateException("cannot scan " + folder + ": " + e.getMessage(), e);
        }
        return scan(Map.of(), files);
    }

    /** Every file under {@code dir}, by its path below the folder scanned. */
    private void read(Path dir, String prefix, Map<String, byte[]> files) throws IOException {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (FileStatus file : fs.listStatus(dir)) {
            String name = prefix + file.getPath().getName();
            if (file.isDirectory()) {
                read(file.getPath(), name + "/", files);
                continue;
            }
            try (InputStream in = fs.open(file.getPath())) {
                files.put(name, in.readAllBytes());
            }
        }
    }
}
