package uk.nhs.digitalmaturity.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.failure.ContractViolation;
import uk.nhs.digitalmaturity.failure.DataTestFailure;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.ingest.BronzeIngest;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.ingest.IngestReport;
import uk.nhs.digitalmaturity.landing.LandingFile;
import uk.nhs.digitalmaturity.landing.LandingZone;
import uk.nhs.digitalmaturity.model.Fingerprint;
import uk.nhs.digitalmaturity.model.Model;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.ModelRunner;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.notebooks.NotebookExport;
import uk.nhs.digitalmaturity.notebooks.RunInfo;
import uk.nhs.digitalmaturity.pipeline.CodeVersion;
import uk.nhs.digitalmaturity.publish.LeakScan;
import uk.nhs.digitalmaturity.publish.PublicationPack;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.runrecord.RunRecord;
import uk.nhs.digitalmaturity.silver.CurrentViews;
import uk.nhs.digitalmaturity.silver.DeflatorCoverage;
import uk.nhs.digitalmaturity.silver.OrganisationGraph;
import uk.nhs.digitalmaturity.silver.ReportDates;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.silver.StoredViews;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * The nightly job, one step per method: scan the landing zone, ingest what is new into bronze, lay out the
 * data as at the reporting date (silver), rebuild the reporting tables that new data touches, and record the
 * run. Same landing files and parameters, same tables and the same run id.
 */
public class PipelineRun {
    /**
     * Where and as at when. {@code notebooks}: write the notebooks export at the end (run --no-notebooks: not).
     * {@code verifyChecksums}: read every landing file again to check its SHA-256, not only new or touched ones.
     * {@code rebuild}: recompute every output table even where its fingerprint says it is current.
     */
    public record Request(String landing, String lakehouse, LocalDate asAt, PipelineConfig config, String command,
                          boolean notebooks, boolean verifyChecksums, boolean rebuild) {
        public Request(String landing, String lakehouse, LocalDate asAt, PipelineConfig config, String command) {
            this(landing, lakehouse, asAt, config, command, true, false, false);
        }
    }

    /**
     * Silver views that several reporting tables read within a run: workforce_totals (three tables). The
     * costlier finance_folded is kept between runs instead ({@link StoredViews}).
     */
    static final Set<String> CACHED_VIEWS = Set.of("workforce_totals");

    private final SparkSession spark;
    private final Request request;
    private final Progress progress;
    private final Lakehouse lakehouse;
    private final DeltaTables delta;
    private final ModelCatalog catalog;
    private final String codeVersion;
    private final String gitCommit;

    public PipelineRun(SparkSession spark, Request request, Progress progress) {
        this.spark = spark;
        this.request = request;
        this.progress = progress;
        this.lakehouse = Lakehouse.at(spark, request.lakehouse());
        lakehouse.createDatabases(spark);
        this.delta = new DeltaTables(spark, request.config().logRetention, request.config().deletedFileRetention);
        this.catalog = new ModelCatalog(uk.nhs.digitalmaturity.model.JavaModels.all());
        CodeVersion code = CodeVersion.current();
        this.codeVersion = codeVersion(code.release());
        this.gitCommit = code.gitCommit() + (code.dirty() ? "-dirty" : "");
    }

    /** The metric code's identity: the release and a digest of every file in sql/. */
    public static String codeVersion(String release) {
        return release + "+sql." + SqlResources.digest().substring(0, 12);
    }

    public int execute() {
        Instant started = Instant.now();
        LocalDate asAt = request.asAt();
        IngestLedger ledger = new IngestLedger(spark, lakehouse);
        Map<String, IngestLedger.Entry> ingested = ledger.entries();
        LandingZone landing = new LandingZone(request.landing(), spark.sparkContext().hadoopConfiguration());
        List<LandingFile> files = landing.filesAsAt(asAt, request.verifyChecksums() ? Map.of() : checksums(ingested));
        BronzeIngest ingest = new BronzeIngest(spark, lakehouse, delta, progress);
        List<LandingFile> fresh = ingest.newFiles(files, ingested);
        String runId = runId(asAt, visible(ingested, fresh, asAt));
        // Every Delta commit of this run, table creation included, carries the run id and the code's commit.
        spark.conf().set(DeltaTables.USER_METADATA, "{\"run_id\":\"" + runId + "\",\"git_commit\":\""
                + gitCommit + "\",\"as_at\":\"" + asAt + "\"}");
        RunLedger runs = new RunLedger(spark, lakehouse, delta);
        int execution = runs.nextExecution(runId);
        RunLedger.LastGood last = runs.lastGood();
        if (fresh.isEmpty() && upToDate(last, runId)) {
            return nothingToDo(runs, runId, execution, started, files, visible(ingested, List.of(), asAt), last);
        }
        ingest.prepareTables();
        progress.line("run    %s (execution %d) as at %s: %d landing file(s), %d new", runId, execution, asAt,
                files.size(), fresh.size());
        RunRecord record = record(runId, execution, started, null, RunStatus.RUNNING, 0, null,
                visible(ingested, List.of(), asAt), List.of(), List.of(), Map.of());
        runs.write(record);

        IngestReport report = IngestReport.empty();
        List<OutputRecord> outputs = new ArrayList<>();
        try {
            report = ingest.ingest(landing, fresh, runId, ledger);
            List<IngestLedger.Entry> inputs = visible(ledger.entries(), List.of(), asAt);
            RunContext context = new RunContext(spark, request.config(), asAt, runId, codeVersion, gitCommit,
                    lakehouse, delta, progress, inputs);
            buildSilver(context);
            outputs = buildReporting(context, request.rebuild() ? Map.of() : last.outputs());
            boolean changed = !report.nothingNew() || outputs.stream().anyMatch(OutputRecord::recomputed);
            publish(context, changed);
            exportNotebooks(context, outputs, changed);
            String message = changed
                    ? report.ingested().size() + " file(s) ingested, "
                            + outputs.stream().filter(OutputRecord::recomputed).count() + " table(s) rebuilt"
                    : "nothing new: every table is current for these inputs and parameters";
            runs.write(record(runId, execution, started, Instant.now(),
                    changed ? RunStatus.SUCCEEDED : RunStatus.NOTHING_TO_DO, ExitCodes.OK, message, inputs,
                    report.ingested().stream().map(IngestLedger.Entry::sourceFile).toList(), outputs,
                    report.quarantinedBySource()));
            progress.line("done   %s: %s", runId, message);
            return ExitCodes.OK;
        } catch (ContractViolation | DataTestFailure e) {
            boolean contract = e instanceof ContractViolation;
            runs.write(record(runId, execution, started, Instant.now(),
                    contract ? RunStatus.CONTRACT_VIOLATION : RunStatus.DATA_TEST_FAILED,
                    contract ? ExitCodes.CONTRACT_VIOLATION : ExitCodes.DATA_TEST_FAILED, e.getMessage(),
                    visible(ledger.entries(), List.of(), asAt),
                    report.ingested().stream().map(IngestLedger.Entry::sourceFile).toList(), outputs,
                    report.quarantinedBySource()));
            throw e;
        } catch (RuntimeException e) {
            runs.write(record(runId, execution, started, Instant.now(), RunStatus.FAILED, ExitCodes.UNEXPECTED_FAILURE,
                    String.valueOf(e), visible(ledger.entries(), List.of(), asAt), List.of(), outputs,
                    report.quarantinedBySource()));
            throw e;
        } finally {
            dropCaches();
        }
    }

    /**
     * True when the last good execution had this run id (same code, parameters and visible inputs) and this
     * build, and left its publication pack and notebooks: running again would rewrite the same bytes.
     */
    private boolean upToDate(RunLedger.LastGood last, String runId) {
        return !request.rebuild() && last.runId().equals(runId) && last.gitCommit().equals(gitCommit)
                && exists(lakehouse.publicationPath(request.asAt()) + "/manifest.json")
                && (!request.notebooks() || exists(lakehouse.notebooksPath(request.asAt()) + "/" + NotebookExport.INDEX));
    }

    /** The quiet nightly case: one run record saying so, no table touched, exit 0. */
    private int nothingToDo(RunLedger runs, String runId, int execution, Instant started, List<LandingFile> files,
                            List<IngestLedger.Entry> inputs, RunLedger.LastGood last) {
        String message = "nothing new: every table is current for these inputs and parameters";
        List<OutputRecord> outputs = last.outputs().values().stream()
                .map(o -> new OutputRecord(o.table(), o.deltaVersion(), o.rows(), false, o.fingerprint())).toList();
        runs.write(record(runId, execution, started, Instant.now(), RunStatus.NOTHING_TO_DO, ExitCodes.OK, message,
                inputs, List.of(), outputs, Map.of()));
        progress.line("run    %s (execution %d) as at %s: %d landing file(s), 0 new", runId, execution,
                request.asAt(), files.size());
        progress.line("done   %s: %s", runId, message);
        return ExitCodes.OK;
    }

    private static Map<String, LandingZone.Checksum> checksums(Map<String, IngestLedger.Entry> ingested) {
        Map<String, LandingZone.Checksum> known = new LinkedHashMap<>();
        ingested.forEach((path, e) -> known.put(path, e.checksum()));
        return known;
    }

    /** Silver: bronze as at the date, the organisation map, and the shared views of sql/silver. */
    private void buildSilver(RunContext context) {
        CurrentViews.register(spark, context.asAt());
        OrganisationGraph graph = OrganisationGraph.read(spark);
        graph.check();
        graph.registerMap(spark, context.asAt());
        DeflatorCoverage.check(spark, context.config());
        ReportDates.register(spark, context.config(), context.asAt());
        for (Map.Entry<String, String> view : catalog.silverViews().entrySet()) {
            if (StoredViews.VIEWS.contains(view.getKey())) {
                StoredViews.current(context, view.getKey(), view.getValue(), catalog.fingerprint(context, view.getKey()))
                        .createOrReplaceTempView(view.getKey());
                continue;
            }
            spark.sql(view.getValue(), context.sqlParameters()).createOrReplaceTempView(view.getKey());
            if (CACHED_VIEWS.contains(view.getKey())) {
                spark.catalog().cacheTable(view.getKey()); // lazy: filled by the first table that reads it
            }
        }
    }

    private void dropCaches() {
        for (String view : CACHED_VIEWS) {
            if (spark.catalog().tableExists(view) && spark.catalog().isCached(view)) {
                spark.catalog().uncacheTable(view);
            }
        }
    }

    /**
     * The publication pack for the as-at date, written only after proving that no reporting table holds
     * anything restricted, and checked again file by file once written.
     */
    private void publish(RunContext context, boolean changed) {
        String folder = lakehouse.publicationPath(context.asAt());
        if (!changed && exists(folder + "/manifest.json")) {
            progress.line("publish %-38s up to date", "publication/" + context.asAt());
            return;
        }
        LeakScan scan = new LeakScan(spark, lakehouse);
        Map<String, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> tables = new LinkedHashMap<>();
        for (Model m : catalog.models()) {
            if (m.zone() == Zone.REPORTING) {
                tables.put(m.qualifiedName(), spark.read().format("delta").load(lakehouse.tablePath(Zone.REPORTING, m.name())));
            }
        }
        List<String> findings = scan.scanTables(tables);
        if (!findings.isEmpty()) {
            throw new DataTestFailure("restricted data reached reporting, nothing published: " + findings);
        }
        Map<String, String> files = new PublicationPack(context).write(catalog.models());
        findings = scan.scanFolder(folder);
        if (!findings.isEmpty()) {
            throw new DataTestFailure("restricted data in the publication pack " + folder + ": " + findings);
        }
        progress.line("publish %-38s %d files", "publication/" + context.asAt(), files.size() + 1);
    }

    /** The notebooks of the run's reporting tables, {@code notebooks/<as-at>/}, unless switched off. */
    private void exportNotebooks(RunContext context, List<OutputRecord> outputs, boolean changed) {
        String folder = lakehouse.notebooksPath(context.asAt());
        if (!request.notebooks()) {
            return;
        }
        if (!changed && exists(folder + "/" + NotebookExport.INDEX)) {
            progress.line("notebooks %-36s up to date", "notebooks/" + context.asAt());
            return;
        }
        Map<String, String> files = new NotebookExport(spark, lakehouse, RunInfo.of(context, outputs)).write(folder);
        progress.line("notebooks %-36s %d notebooks", "notebooks/" + context.asAt(), files.size());
    }

    private boolean exists(String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private List<OutputRecord> buildReporting(RunContext context, Map<String, OutputRecord> previous) {
        return new ModelRunner(context, catalog).run(previous);
    }

    private String runId(LocalDate asAt, List<IngestLedger.Entry> visible) {
        String digest = Fingerprint.of("run", codeVersion, request.config().describe(asAt), visible,
                Set.of(Source.values()));
        return "r" + asAt.toString().replace("-", "") + "-" + digest.substring(0, 12);
    }

    /** Ingested files with a snapshot on or before the as-at date, plus files about to be ingested. */
    private static List<IngestLedger.Entry> visible(Map<String, IngestLedger.Entry> ledger, List<LandingFile> fresh,
                                                    LocalDate asAt) {
        Map<String, IngestLedger.Entry> all = new LinkedHashMap<>(ledger);
        for (LandingFile f : fresh) {
            all.putIfAbsent(f.relativePath(), new IngestLedger.Entry(f.source().table(), f.relativePath(), f.snapshot(),
                    f.sha256(), f.bytes(), 0, 0, 0, "", f.modifiedMillis()));
        }
        return all.values().stream().filter(e -> !e.snapshot().isAfter(asAt))
                .sorted(Comparator.comparing(IngestLedger.Entry::sourceFile)).toList();
    }

    private RunRecord record(String runId, int execution, Instant started, Instant ended, RunStatus status,
                             int exitCode, String message, List<IngestLedger.Entry> inputs, List<String> ingested,
                             List<OutputRecord> outputs, Map<String, Long> quarantined) {
        return new RunRecord(runId, execution, request.command(), request.config().describe(request.asAt()),
                request.asAt(), codeVersion, gitCommit, request.landing(), lakehouse.root(), started, ended, status,
                exitCode, message, inputs, ingested, outputs, quarantined);
    }
}
