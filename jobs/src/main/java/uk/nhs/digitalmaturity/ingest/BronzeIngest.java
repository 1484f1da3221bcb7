package uk.nhs.digitalmaturity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.ContractViolation;
import uk.nhs.digitalmaturity.landing.LandingFile;
import uk.nhs.digitalmaturity.landing.LandingZone;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.Predicates;

/**
 * Landing → bronze. Bronze is append-only and remembers every file it has read (path and SHA-256), so each
 * run reads only new files; a file that comes back changed stops the run. Every data row ends in bronze or
 * in quarantine with its rule.
 */
public class BronzeIngest {
    private final SparkSession spark;
    private final Lakehouse lakehouse;
    private final DeltaTables delta;
    private final Progress progress;
    private final StaffFteSummary staffSummary;

    public BronzeIngest(SparkSession spark, Lakehouse lakehouse, DeltaTables delta, Progress progress) {
        this.spark = spark;
        this.lakehouse = lakehouse;
        this.delta = delta;
        this.progress = progress;
        this.staffSummary = new StaffFteSummary(spark, lakehouse, delta);
    }

    /** Creates any missing bronze, quarantine and ledger table, and registers them in the catalog. */
    public void prepareTables() {
        for (Source source : Source.values()) {
            String path = lakehouse.tablePath(source.zone(), source.table());
            StructType schema = DeltaTables.commented(BronzeSchema.of(source), BronzeSchema.comments(source));
            if (!delta.ensureExists(path, schema, source.partitionColumn().stream().toList(),
                    BronzeSchema.tableComment(source), BronzeSchema.tableProperties(source))) {
                // a bronze table written before the contract gained an optional column (dma_questions.sectors)
                delta.addMissingColumns(path, schema);
            }
            lakehouse.register(spark, source.zone(), source.table());
        }
        delta.ensureExists(lakehouse.tablePath(Zone.RESTRICTED, QuarantineTable.TABLE),
                DeltaTables.commented(QuarantineTable.SCHEMA, QuarantineTable.COMMENTS),
                List.of(), QuarantineTable.COMMENT);
        lakehouse.register(spark, Zone.RESTRICTED, QuarantineTable.TABLE);
        delta.ensureExists(lakehouse.tablePath(Zone.OPS, IngestLedger.TABLE),
                DeltaTables.commented(IngestLedger.SCHEMA, IngestLedger.COMMENTS), List.of(),
                IngestLedger.COMMENT);
        lakehouse.register(spark, Zone.OPS, IngestLedger.TABLE);
        staffSummary.prepare();
    }

    /**
     * The landing files not ingested yet. Stops the run if an ingested file has changed: landing files are
     * immutable, and a silent change would rewrite history under a published figure.
     */
    public List<LandingFile> newFiles(List<LandingFile> landingFiles, Map<String, IngestLedger.Entry> ledger) {
        List<LandingFile> fresh = new ArrayList<>();
        for (LandingFile file : landingFiles) {
            IngestLedger.Entry seen = ledger.get(file.relativePath());
            if (seen == null) {
                fresh.add(file);
            } else if (!seen.sha256().equals(file.sha256())) {
                throw new ContractViolation(file.relativePath() + ": changed since run " + seen.runId()
                        + " ingested it (SHA-256 was " + seen.sha256() + ", is now " + file.sha256()
                        + "); landing files are immutable: deliver the correction as a new snapshot");
            }
        }
        return fresh;
    }

    /** Ingests the files, source by source in contract order (reference lists first). */
    public IngestReport ingest(LandingZone landing, List<LandingFile> files, String runId, IngestLedger ledger) {
        List<IngestLedger.Entry> entries = new ArrayList<>();
        SourceValidation validation = new SourceValidation(spark, landing);
        for (Source source : Source.values()) {
            List<LandingFile> ofSource = files.stream().filter(f -> f.source() == source).toList();
            if (ofSource.isEmpty()) {
                continue;
            }
            entries.addAll(ingestSource(validation, source, ofSource, runId));
            // The next source's reference checks read this one's bronze table.
            lakehouse.register(spark, source.zone(), source.table());
        }
        // One ledger commit per run. A crash before it means the files are read again next time, and the
        // replaceWhere writes above make that harmless.
        ledger.record(delta, entries);
        return new IngestReport(entries);
    }

    /**
     * One pass writes the valid rows: parse, check, write, with no cache of the rows (at national scale they
     * are gigabytes). Then bronze itself answers the two questions that need every row: does a natural key
     * repeat in a file, and did every parsed row arrive. Only files where the answer is no are read again, to
     * quarantine their rejected rows with the line they came from.
     */
    private List<IngestLedger.Entry> ingestSource(SourceValidation validation, Source source,
                                                  List<LandingFile> files, String runId) {
        String bronze = lakehouse.tablePath(source.zone(), source.table());
        List<String> paths = files.stream().map(LandingFile::relativePath).toList();
        Map<String, LongAccumulator> parsed = new LinkedHashMap<>();
        paths.forEach(p -> parsed.put(p, spark.sparkContext().longAccumulator("parsed " + p)));
        delta.replaceWhere(validRows(source, validation.validate(source, files, runId, parsed)), bronze,
                Predicates.in(BronzeSchema.SOURCE_FILE, paths));

        List<Row> duplicates = validation.duplicateKeys(source, newRows(source, paths));
        Map<String, Long> valid = validCounts(source, paths);
        Set<String> duplicated = new TreeSet<>();
        duplicates.forEach(r -> duplicated.add(r.getString(0)));
        List<LandingFile> recheck = files.stream().filter(f -> duplicated.contains(f.relativePath())
                || parsed.get(f.relativePath()).sum() != valid.getOrDefault(f.relativePath(), 0L).longValue()).toList();
        Map<String, Long> total = new HashMap<>();
        parsed.forEach((p, count) -> total.put(p, count.sum()));
        if (!recheck.isEmpty()) {
            progress.line("ingest %-24s %d file(s) with rejected or repeated rows: read again to quarantine them",
                    source.table(), recheck.size());
            total.putAll(quarantine(validation, source, recheck, runId, duplicates));
            valid.putAll(validCounts(source, paths));
        }
        if (source == Source.WORKFORCE_STAFF) {
            staffSummary.add(newRows(source, paths), paths);
        }

        List<IngestLedger.Entry> entries = new ArrayList<>();
        long validTotal = 0;
        long quarantinedTotal = 0;
        for (LandingFile file : files) {
            long rows = total.get(file.relativePath());
            long ok = valid.getOrDefault(file.relativePath(), 0L);
            entries.add(new IngestLedger.Entry(source.table(), file.relativePath(), file.snapshot(), file.sha256(),
                    file.bytes(), rows, ok, rows - ok, runId, file.modifiedMillis()));
            validTotal += ok;
            quarantinedTotal += rows - ok;
        }
        progress.line("ingest %-24s %d new file(s): %d rows valid, %d quarantined", source.table(), files.size(),
                validTotal, quarantinedTotal);
        return entries;
    }

    /**
     * Reads the files again, with their duplicate keys known, and writes each file's rows where they belong:
     * valid rows to bronze (dropping duplicates written by the first pass), rejected rows to quarantine with
     * their rule and line. Returns the rows per file as counted here, exactly once.
     */
    private Map<String, Long> quarantine(SourceValidation validation, Source source, List<LandingFile> files,
                                         String runId, List<Row> duplicates) {
        List<String> paths = files.stream().map(LandingFile::relativePath).toList();
        Dataset<Row> rows = validation.flagDuplicates(source, validation.validate(source, files, runId, Map.of()),
                duplicates).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> total = new HashMap<>();
            for (Row r : rows.groupBy(BronzeSchema.SOURCE_FILE).count().collectAsList()) {
                total.put(r.getString(0), r.getLong(1));
            }
            delta.replaceWhere(validRows(source, rows), lakehouse.tablePath(source.zone(), source.table()),
                    Predicates.in(BronzeSchema.SOURCE_FILE, paths));
            Dataset<Row> rejected = rows.filter(col(RowParser.RULE).isNotNull()).select(
                    lit(source.table()).as("source"), col(BronzeSchema.SOURCE_FILE).as("source_file"),
                    col(BronzeSchema.SNAPSHOT).as("snapshot"), col(RowParser.ROW_NUMBER).as("row_number"),
                    col(RowParser.RULE).as("rule"), col(RowParser.DETAIL).as("detail"),
                    col(RowParser.RAW_LINE).as("raw_line"), col(BronzeSchema.RUN_ID).as("run_id"));
            delta.replaceWhere(DeltaTables.withComments(rejected, QuarantineTable.COMMENTS),
                    lakehouse.tablePath(Zone.RESTRICTED, QuarantineTable.TABLE), Predicates.in("source_file", paths));
            paths.forEach(p -> total.putIfAbsent(p, 0L));
            return total;
        } finally {
            rows.unpersist();
        }
    }

    private static Dataset<Row> validRows(Source source, Dataset<Row> rows) {
        return DeltaTables.withComments(rows.filter(col(RowParser.RULE).isNull())
                .select(BronzeSchema.columnNames(source).stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new)), BronzeSchema.comments(source));
    }

    /** The bronze rows of these files (Delta skips the other files by their _source_file statistics). */
    private Dataset<Row> newRows(Source source, List<String> paths) {
        return spark.read().format("delta").load(lakehouse.tablePath(source.zone(), source.table()))
                .where(Predicates.in(BronzeSchema.SOURCE_FILE, paths));
    }

    private Map<String, Long> validCounts(Source source, List<String> paths) {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : newRows(source, paths).groupBy(BronzeSchema.SOURCE_FILE).count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }
}
