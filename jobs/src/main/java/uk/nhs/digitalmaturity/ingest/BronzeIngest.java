package uk.nhs.digitalmaturity.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import uk.nhs.digitalmaturity.cli.ContractViolation;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.landing.LandingFile;
import uk.nhs.digitalmaturity.landing.LandingZone;
import uk.nhs.digitalmaturity.runrecord.Progress;

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

    public BronzeIngest(SparkSession spark, Lakehouse lakehouse, DeltaTables delta, Progress progress) {
        this.spark = spark;
        this.lakehouse = lakehouse;
        this.delta = delta;
        this.progress = progress;
    }

    /** Creates any missing bronze, quarantine and ledger table, and registers them in the catalog. */
    public void prepareTables() {
        for (Source source : Source.values()) {
            String path = lakehouse.tablePath(source.zone(), source.table());
            delta.ensureExists(path, DeltaTables.commented(BronzeSchema.of(source), BronzeSchema.comments(source)), source.partitionColumn().stream().toList(),
                    BronzeSchema.tableComment(source));
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

    private List<IngestLedger.Entry> ingestSource(SourceValidation validation, Source source,
                                                  List<LandingFile> files, String runId) {
        Dataset<Row> rows = validation.validate(source, files, runId).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, long[]> counts = new HashMap<>();
            for (Row r : rows.groupBy(BronzeSchema.SOURCE_FILE)
                    .agg(count(lit(1)), sum(when(col(RowParser.RULE).isNull(), 1).otherwise(0)))
                    .collectAsList()) {
                counts.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
            }
            List<String> paths = files.stream().map(LandingFile::relativePath).toList();
            Dataset<Row> valid = rows.filter(col(RowParser.RULE).isNull())
                    .select(BronzeSchema.columnNames(source).stream().map(org.apache.spark.sql.functions::col)
                            .toArray(org.apache.spark.sql.Column[]::new));
            delta.replaceWhere(DeltaTables.withComments(valid, BronzeSchema.comments(source)),
                    lakehouse.tablePath(source.zone(), source.table()),
                    Predicates.fileIn(BronzeSchema.SOURCE_FILE, paths));
            long invalid = counts.values().stream().mapToLong(c -> c[0] - c[1]).sum();
            Dataset<Row> quarantined = rows.filter(col(RowParser.RULE).isNotNull()).select(
                    lit(source.table()).as("source"), col(BronzeSchema.SOURCE_FILE).as("source_file"),
                    col(BronzeSchema.SNAPSHOT).as("snapshot"), col(RowParser.ROW_NUMBER).as("row_number"),
                    col(RowParser.RULE).as("rule"), col(RowParser.DETAIL).as("detail"),
                    col(RowParser.RAW_LINE).as("raw_line"), col(BronzeSchema.RUN_ID).as("run_id"));
            if (invalid > 0) { // a file is read again only with the same bytes, so it breaks the same rules
                delta.replaceWhere(DeltaTables.withComments(quarantined, QuarantineTable.COMMENTS),
                        lakehouse.tablePath(Zone.RESTRICTED, QuarantineTable.TABLE),
                        Predicates.fileIn("source_file", paths));
            }

            List<IngestLedger.Entry> entries = new ArrayList<>();
            long validTotal = 0;
            long quarantinedTotal = 0;
            for (LandingFile file : files) {
                long[] c = counts.getOrDefault(file.relativePath(), new long[] {0, 0});
                entries.add(new IngestLedger.Entry(source.table(), file.relativePath(), file.snapshot(), file.sha256(),
                        file.bytes(), c[0], c[1], c[0] - c[1], runId));
                validTotal += c[1];
                quarantinedTotal += c[0] - c[1];
            }
            progress.line("ingest %-24s %d new file(s): %d rows valid, %d quarantined", source.table(), files.size(),
                    validTotal, quarantinedTotal);
            return entries;
        } finally {
            rows.unpersist();
        }
    }
}
