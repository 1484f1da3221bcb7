package uk.nhs.digitalmaturity.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.MetricCode;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.failure.FailureReport;
import uk.nhs.digitalmaturity.failure.PipelineFailure;
import uk.nhs.digitalmaturity.failure.PublicationRefused;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.failure.UnexpectedFailure;
import uk.nhs.digitalmaturity.ingest.BronzeIngest;
import uk.nhs.digitalmaturity.ingest.IngestLedger;
import uk.nhs.digitalmaturity.ingest.IngestReport;
import uk.nhs.digitalmaturity.landing.LandingFile;
import uk.nhs.digitalmaturity.landing.LandingZone;
import uk.nhs.digitalmaturity.model.Fingerprint;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.ModelRunner;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.model.stats.JavaModels;
import uk.nhs.digitalmaturity.notebooks.KeptResults;
import uk.nhs.digitalmaturity.notebooks.NotebookExport;
import uk.nhs.digitalmaturity.notebooks.RunInfo;
import uk.nhs.digitalmaturity.pipeline.CodeVersion;
import uk.nhs.digitalmaturity.publish.LastPack;
import uk.nhs.digitalmaturity.publish.LeakScan;
import uk.nhs.digitalmaturity.publish.Manifest;
import uk.nhs.digitalmaturity.publish.PublicationPack;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.runrecord.PublishedFile;
import uk.nhs.digitalmaturity.runrecord.RunRecord;
import uk.nhs.digitalmaturity.silver.CurrentViews;
import uk.nhs.digitalmaturity.silver.DeflatorCoverage;
import uk.nhs.digitalmaturity.silver.OrganisationGraph;
import uk.nhs.digitalmaturity.silver.ReportDates;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.silver.StoredViews;
import uk.nhs.digitalmaturity.storage.CommitMetadata;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.LakehouseLock;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * The nightly job, one stage per method, in the order of the README's "How data flows": scan the landing
 * zone, ingest what is new into bronze, lay out the data as at the reporting date (silver), rebuild the
 * reporting tables that new data touches, publish the pack, export the notebooks, and record the run in
 * {@code ops.runs}. Same landing files and parameters, same tables and the same run id.
 */
public class PipelineRun {
    /**
     * Silver views that several reporting tables read within a run: workforce_totals (three tables). The
     * costlier finance_folded is kept between runs instead ({@link StoredViews}).
     */
    static final Set<String> CACHED_VIEWS = Set.of("workforce_totals");
    static final String NOTHING_NEW = "nothing new: every table is current for these inputs and parameters";

    private final SparkSession spark;
    private final RunRequest request;
    private final Progress progress;
    private final Lakehouse lakehouse;
    private final DeltaTables delta;
    private final ModelCatalog catalog;
    private final String codeVersion;
    private final String gitCommit;

    public PipelineRun(SparkSession spark, RunRequest request, Progress progress) {
        this.spark = spark;
        this.request = request;
        this.progress = progress;
        this.lakehouse = Lakehouse.at(spark, request.lakehouse());
        lakehouse.createDatabases(spark);
        this.delta = new DeltaTables(spark, request.config().logRetention(), request.config().deletedFileRetention());
        this.catalog = new ModelCatalog(JavaModels.all());
        CodeVersion code = CodeVersion.current();
        this.codeVersion = codeVersion(code.release());
        this.gitCommit = code.gitCommit() + (code.dirty() ? "-dirty" : "");
    }

    /** The metric code's identity: the release and a digest of sql/, the Java that computes, and the defaults. */
    public static String codeVersion(String release) {
        return release + "+code." + MetricCode.digest().substring(0, 12);
    }

    /** The landing zone as at the date, against what bronze already holds. */
    private record Scan(LandingZone landing, IngestLedger ledger, Map<String, IngestLedger.Entry> ingested,
                        List<LandingFile> files, List<LandingFile> fresh) {
    }

    /**
     * Runs every stage holding the lakehouse's lock (taken before any table is read, given back whatever the
     * outcome); whatever the outcome, the session lets go of what the run left in it.
     *
     * @throws uk.nhs.digitalmaturity.failure.LakehouseBusy if another process holds the lakehouse after the
     *         request's wait: nothing was read or written
     */
    public int execute() {
        try (LakehouseLock lock = LakehouseLock.acquire(spark.sparkContext().hadoopConfiguration(), lakehouse.root(),
                request.command(), request.waitForLock())) {
            return runStages(lock);
        } finally {
            SparkSessions.release(spark);
        }
    }

    private int runStages(LakehouseLock lock) {
        Instant started = Instant.now();
        BronzeIngest ingest = new BronzeIngest(spark, lakehouse, delta, progress);
        IngestLedger ledger = new IngestLedger(spark, lakehouse);
        Map<String, IngestLedger.Entry> ingested = ledger.entries();
        Scan scan;
        try {
            scan = scanLanding(ingest, ledger, ingested);
        } catch (RuntimeException e) {
            // Stopped at the landing scan (a changed file, a bad folder or file name): there is no full run id,
            // which digests the visible inputs, so the record takes the id of what bronze already holds.
            Started begun;
            try {
                begun = begin(lock, runId(visible(ingested, List.of())), started);
            } catch (RuntimeException unrecorded) {
                e.addSuppressed(unrecorded); // the scan's failure is the one to report
                throw e;
            }
            begun.record().inputs(visible(ingested, List.of()));
            throw fail(begun, e);
        }
        Started begun = begin(lock, runId(visible(scan.ingested(), scan.fresh())), started);
        String runId = begun.runId();
        int execution = begun.execution();
        RunLedger runs = begun.runs();
        RunRecord.Builder record = begun.record().inputs(visible(scan.ingested(), List.of()));
        try {
            RunLedger.LastGood last = runs.lastGood();
            if (scan.fresh().isEmpty() && upToDate(last, runId)) {
                return nothingToDo(runs, record, scan, last);
            }
            // The RUNNING row before the header and the tables: a process killed from its header line on (the
            // next step creates any missing table) leaves a row the next run marks ABANDONED.
            runs.insert(record.running());
            progress.line("run    %s (execution %d) as at %s: %d landing file(s), %d new", runId, execution,
                    request.asAt(), scan.files().size(), scan.fresh().size());
            ingest.prepareTables();
            IngestReport report = ingest(ingest, scan, runId, record);
            OrganisationGraph organisations = readOrganisations();
            RunContext context = new RunContext(spark, request.config(), request.asAt(), runId, codeVersion,
                    gitCommit, lakehouse, delta, progress, visible(afterIngest(scan, report), List.of()),
                    organisations.lastChangeOnOrBefore(request.config().organisationsAt(request.asAt())));
            record.inputs(context.visibleInputs());
            buildSilver(context, organisations);
            RunLedger.LastGood previous = request.rebuild() ? RunLedger.LastGood.NONE : last;
            List<OutputRecord> outputs = buildReporting(context, previous);
            record.outputs(outputs);
            boolean changed = !report.nothingNew() || outputs.stream().anyMatch(OutputRecord::recomputed);
            publish(context, changed, previous, outputs);
            record.publication(published(context.asAt()));
            exportNotebooks(context, outputs, changed);
            return finish(runs, record, runId, report, outputs, changed);
        } catch (Throwable t) { // Spark's checked exceptions (thrown undeclared by Scala) and Errors too
            throw fail(begun, t);
        }
    }

    /** An execution under way: its run id and number, the ledger it is recorded in, its record so far. */
    private record Started(String runId, int execution, RunLedger runs, RunRecord.Builder record) {
    }

    /**
     * The start of an execution once its run id is known: the lock and the Delta commits name it, executions
     * that died are marked abandoned (the first lines of the run say so), and its record begins.
     */
    private Started begin(LakehouseLock lock, String runId, Instant started) {
        lock.runId(runId);
        delta.stampCommits(new CommitMetadata(runId, gitCommit, request.asAt()));
        RunLedger runs = new RunLedger(spark, lakehouse, delta);
        RunLedger.Opening opening = runs.open(runId, "run", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        int execution = opening.execution();
        sayAbandoned(progress, opening);
        return new Started(runId, execution, runs, RunRecord.builder(identity(runId, execution, started)));
    }

    /** One line per execution a dead process left RUNNING, which opening the ledger marked ABANDONED. */
    static void sayAbandoned(Progress progress, RunLedger.Opening opening) {
        for (RunLedger.Abandoned dead : opening.abandoned()) {
            progress.line("found  %s (execution %d), started %s, left RUNNING by a process that died: marked ABANDONED",
                    dead.runId(), dead.execution(), dead.startedAt().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /**
     * Records how the execution failed and returns the failure to throw. An unexpected one gets its log file
     * ({@code <lakehouse>/logs/} when the lakehouse is a local folder) and its plain line. If the record itself
     * cannot be written (the disk is full), one line says so and the exit code stays the failure's.
     */
    private PipelineFailure fail(Started begun, Throwable t) {
        PipelineFailure failure = PipelineFailure.of(t);
        if (failure instanceof UnexpectedFailure unexpected && unexpected.log() == null) {
            failure = UnexpectedFailure.logged(unexpected.getCause(), localLogs(),
                    begun.runId() + "-" + begun.execution());
        }
        try {
            begun.runs().write(begun.record().failed(Instant.now(), failure));
        } catch (Throwable e) {
            System.err.println("could not record the failure in ops.runs (" + FailureReport.of(e).text().split(";")[0]
                    + "): the execution stays RUNNING there until the next run marks it ABANDONED");
        }
        return failure;
    }

    /** {@code <lakehouse>/logs} when the lakehouse is a local folder, else null (the temp folder is used). */
    private java.nio.file.Path localLogs() {
        try {
            java.net.URI root = new java.net.URI(lakehouse.root());
            return "file".equals(root.getScheme()) ? java.nio.file.Path.of(root).resolve("logs") : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Which landing files are visible at the as-at date, and which of them bronze has not seen. */
    private Scan scanLanding(BronzeIngest ingest, IngestLedger ledger, Map<String, IngestLedger.Entry> ingested) {
        LandingZone landing = new LandingZone(request.landing(), spark.sparkContext().hadoopConfiguration());
        List<LandingFile> files = landing.filesAsAt(request.asAt(),
                request.verifyChecksums() ? Map.of() : checksums(ingested));
        return new Scan(landing, ledger, ingested, files, ingest.newFiles(files, ingested));
    }

    /** Bronze: the new files' rows, valid or quarantined; the record learns what was ingested. */
    private IngestReport ingest(BronzeIngest ingest, Scan scan, String runId, RunRecord.Builder record) {
        IngestReport report = ingest.ingest(scan.landing(), scan.fresh(), runId, scan.ledger());
        record.ingested(report.ingested().stream().map(IngestLedger.Entry::sourceFile).toList(),
                report.quarantinedBySource());
        return report;
    }

    /**
     * The ledger as the ingest left it: what it held when the run began, and the entries the ingest just
     * recorded (the same rows, so the ledger is not read again: a Delta read of 0.3-0.7 s on every run that builds).
     */
    private static Map<String, IngestLedger.Entry> afterIngest(Scan scan, IngestReport report) {
        Map<String, IngestLedger.Entry> ledger = new LinkedHashMap<>(scan.ingested());
        report.ingested().forEach(e -> ledger.put(e.sourceFile(), e));
        return ledger;
    }

    /** The last record: what the run did, and the line that says so. */
    private int finish(RunLedger runs, RunRecord.Builder record, String runId, IngestReport report,
                       List<OutputRecord> outputs, boolean changed) {
        String message = changed
                ? report.ingested().size() + " file(s) ingested, "
                        + outputs.stream().filter(OutputRecord::recomputed).count() + " table(s) rebuilt"
                : NOTHING_NEW;
        runs.write(record.ended(Instant.now(), changed ? RunStatus.SUCCEEDED : RunStatus.NOTHING_TO_DO, message));
        progress.line("done   %s: %s", runId, message);
        return ExitCodes.OK;
    }

    /**
     * True when the last good execution had this run id (same code, parameters and visible inputs) and this
     * build, and left its publication pack and notebooks: running again would rewrite the same bytes.
     */
    private boolean upToDate(RunLedger.LastGood last, String runId) {
        return !request.rebuild() && last.runId().equals(runId) && last.gitCommit().equals(gitCommit)
                && exists(lakehouse.publicationPath(request.asAt()) + "/" + Manifest.FILE)
                && (!request.notebooks() || exists(lakehouse.notebooksPath(request.asAt()) + "/" + NotebookExport.INDEX));
    }

    /** The quiet nightly case: one run record saying so, no table touched, exit 0. */
    private int nothingToDo(RunLedger runs, RunRecord.Builder record, Scan scan, RunLedger.LastGood last) {
        List<OutputRecord> outputs = last.outputs().values().stream()
                .map(o -> new OutputRecord(o.table(), o.deltaVersion(), o.rows(), false, o.fingerprint())).toList();
        RunRecord done = record.outputs(outputs).publication(published(request.asAt()))
                .ended(Instant.now(), RunStatus.NOTHING_TO_DO, NOTHING_NEW);
        runs.insert(done);
        progress.line("run    %s (execution %d) as at %s: %d landing file(s), 0 new", done.identity().runId(),
                done.identity().execution(), request.asAt(), scan.files().size());
        progress.line("done   %s: %s", done.identity().runId(), NOTHING_NEW);
        return ExitCodes.OK;
    }

    private static Map<String, LandingZone.Checksum> checksums(Map<String, IngestLedger.Entry> ingested) {
        Map<String, LandingZone.Checksum> known = new LinkedHashMap<>();
        ingested.forEach((path, e) -> known.put(path, e.checksum()));
        return known;
    }

    /**
     * Bronze as at the date ({@code current_<source>} views), and the organisations and their successors read
     * from it and checked: a cycle or an unknown successor stops the run before anything is built.
     */
    private OrganisationGraph readOrganisations() {
        CurrentViews.register(spark, request.asAt());
        OrganisationGraph graph = OrganisationGraph.read(spark);
        graph.check();
        return graph;
    }

    /**
     * Silver: the organisation map at the organisations date (the as-at date unless the run fixes an earlier
     * one), and the shared views of sql/silver.
     */
    private void buildSilver(RunContext context, OrganisationGraph graph) {
        graph.registerMap(spark, context.organisationsAt());
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

    /**
     * The publication pack for the as-at date, written only after proving that neither the reporting tables
     * nor the files rendered from them hold anything restricted (one scan of the restricted identifiers for
     * both), and checked once written: every file as the manifest lists it, and no stray file beside them.
     */
    private void publish(RunContext context, boolean changed, RunLedger.LastGood previous, List<OutputRecord> outputs) {
        String folder = lakehouse.publicationPath(context.asAt());
        if (!changed && exists(folder + "/" + Manifest.FILE)) {
            progress.line("publish %-38s up to date", "publication/" + context.asAt());
            return;
        }
        PublicationPack pack = new PublicationPack(context);
        // The files of tables this run left as the last good run did are taken from its pack, not rendered again.
        LastPack last = LastPack.read(context, previous.runId(), previous.asAt(), previous.outputs(), outputs);
        PublicationPack.Rendered rendered = pack.render(catalog.models(), last);
        List<String> findings = new LeakScan(spark, lakehouse).scan(rendered.tables(), rendered.kept(),
                rendered.files());
        if (!findings.isEmpty()) {
            throw new PublicationRefused("restricted data reached reporting, nothing published: " + findings);
        }
        pack.write(rendered);
        List<String> differences = pack.differencesOnDisk(rendered);
        if (!differences.isEmpty()) {
            throw new PublicationRefused("the publication pack " + folder + " is not what was scanned: " + differences);
        }
        progress.line("publish %-38s %d files%s", "publication/" + context.asAt(), rendered.files().size(),
                rendered.kept().isEmpty() ? "" : " (" + rendered.kept().size() + " unchanged, kept from the last pack)");
    }

    /** The pack of the as-at date as its manifest lists it, for the run's record ({@code verify} reads it). */
    private List<PublishedFile> published(java.time.LocalDate asAt) {
        return Manifest.read(spark.sparkContext().hadoopConfiguration(), lakehouse.publicationPath(asAt))
                .map(Manifest::files).orElse(List.of());
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
        Map<String, String> files = new NotebookExport(spark, lakehouse, RunInfo.of(context, outputs))
                .keepingResults(KeptResults.in(spark, lakehouse)).write(folder);
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

    private List<OutputRecord> buildReporting(RunContext context, RunLedger.LastGood previous) {
        return new ModelRunner(context, catalog).run(previous.outputs(), previous.inputs(), previous.asAt());
    }

    private String runId(List<IngestLedger.Entry> visible) {
        String digest = Fingerprint.of("run", codeVersion, request.config().describe(request.asAt()), visible,
                Set.of(Source.values()));
        return "r" + request.asAt().toString().replace("-", "") + "-" + digest.substring(0, 12);
    }

    /** Ingested files with a snapshot on or before the as-at date, plus files about to be ingested. */
    private List<IngestLedger.Entry> visible(Map<String, IngestLedger.Entry> ledger, List<LandingFile> fresh) {
        Map<String, IngestLedger.Entry> all = new LinkedHashMap<>(ledger);
        for (LandingFile f : fresh) {
            all.putIfAbsent(f.relativePath(), new IngestLedger.Entry(f.source().table(), f.relativePath(), f.snapshot(),
                    f.sha256(), f.bytes(), 0, 0, 0, "", f.modifiedMillis()));
        }
        return all.values().stream().filter(e -> !e.snapshot().isAfter(request.asAt()))
                .sorted(Comparator.comparing(IngestLedger.Entry::sourceFile)).toList();
    }

    private RunRecord.Identity identity(String runId, int execution, Instant started) {
        return new RunRecord.Identity(runId, execution, request.command(), request.config().describe(request.asAt()),
                request.asAt(), codeVersion, gitCommit, request.landing(), lakehouse.root(), started);
    }
}
