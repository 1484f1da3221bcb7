package uk.nhs.digitalmaturity.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.failure.PipelineFailure;
import uk.nhs.digitalmaturity.failure.RunStatus;
import uk.nhs.digitalmaturity.model.Model;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.model.stats.JavaModels;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.runrecord.RunRecord;
import uk.nhs.digitalmaturity.silver.StoredViews;
import uk.nhs.digitalmaturity.storage.CommitMetadata;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.LakehouseLock;
import uk.nhs.digitalmaturity.storage.SparkSessions;
import uk.nhs.digitalmaturity.storage.TableMaintenance;

/**
 * {@code nhs-digital maintain}: the weekly housekeeping of every Delta table of the lakehouse, holding its lock
 * like a run and recorded in {@code ops.runs} like one (status {@link RunStatus#MAINTAINED}). It never changes
 * what a table holds: compaction rewrites files, not rows, and VACUUM keeps every file a version inside the
 * table's retention (seven years) needs, so time travel to any recorded run keeps working.
 */
public class Maintenance {
    /** What maintenance is asked to do. {@code retainDays}: null for each table's own retention. */
    public record Request(String lakehouse, Double retainDays, String command, Duration waitForLock) {
    }

    /** A retention shorter than a table's own: refused before anything is written (a usage error). */
    public static final class RetentionTooShort extends IllegalArgumentException {
        RetentionTooShort(String message) {
            super(message);
        }
    }

    private final SparkSession spark;
    private final Request request;
    private final Progress progress;
    private final Lakehouse lakehouse;
    private final PipelineConfig config;

    public Maintenance(SparkSession spark, PipelineConfig config, Request request, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.request = request;
        this.progress = progress;
        this.lakehouse = Lakehouse.at(spark, request.lakehouse());
    }

    /**
     * Maintains every table holding the lakehouse's lock.
     *
     * @throws uk.nhs.digitalmaturity.failure.LakehouseBusy if another process holds it after the wait
     * @throws RetentionTooShort if {@code retainDays} is shorter than some table's own retention
     */
    public int execute() {
        try (LakehouseLock lock = LakehouseLock.acquire(spark.sparkContext().hadoopConfiguration(), lakehouse.root(),
                request.command(), request.waitForLock())) {
            return maintainAll(lock);
        } finally {
            SparkSessions.release(spark);
        }
    }

    private int maintainAll(LakehouseLock lock) {
        Instant started = Instant.now();
        TableMaintenance maintenance = new TableMaintenance(spark);
        Map<String, String> tables = lakehouse.deltaTables(spark);
        Map<String, Double> retain = retention(maintenance, tables);
        DeltaTables delta = new DeltaTables(spark, config.logRetention(), config.deletedFileRetention());
        String runId = runId(delta, tables);
        lock.runId(runId);
        CodeVersion code = CodeVersion.current();
        String gitCommit = code.gitCommit() + (code.dirty() ? "-dirty" : "");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // OPTIMIZE's commits carry the same userMetadata as a run's: DESCRIBE HISTORY names maintenance.
        delta.stampCommits(new CommitMetadata(runId, gitCommit, today));
        RunLedger runs = new RunLedger(spark, lakehouse, delta);
        RunLedger.Opening opening = runs.open(runId, "maintain", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        int execution = opening.execution();
        PipelineRun.sayAbandoned(progress, opening);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("retain_days", request.retainDays() == null ? "each table's own" : format(request.retainDays()));
        RunRecord.Builder record = RunRecord.builder(new RunRecord.Identity(runId, execution, request.command(),
                parameters, today, PipelineRun.codeVersion(code.release()), gitCommit, null, lakehouse.root(), started));
        runs.insert(record.running());
        progress.line("maintain %s (execution %d): %d table(s), retention %s", runId, execution, tables.size(),
                request.retainDays() == null ? "each table's own" : format(request.retainDays()) + " days");
        try {
            Set<String> rewrittenWhole = rewrittenWhole();
            List<TableMaintenance.Outcome> outcomes = new ArrayList<>();
            for (Map.Entry<String, String> t : tables.entrySet()) {
                TableMaintenance.Outcome o = maintenance.maintain(t.getKey(), t.getValue(),
                        !rewrittenWhole.contains(t.getKey()), retain.get(t.getKey()));
                outcomes.add(o);
                progress.line("  %-40s %s", t.getKey(), describe(o, rewrittenWhole.contains(t.getKey())));
            }
            record.outputs(outcomes.stream().map(o -> new OutputRecord(o.table(), o.versionAfter(), o.rows(), false,
                    null)).toList());
            String message = summary(outcomes);
            runs.write(record.ended(Instant.now(), RunStatus.MAINTAINED, message));
            progress.line("done   %s: %s", runId, message);
            return ExitCodes.OK;
        } catch (Throwable t) { // Spark's checked exceptions (thrown undeclared by Scala) and Errors too
            PipelineFailure failure = PipelineFailure.of(t);
            runs.write(record.failed(Instant.now(), failure));
            throw failure;
        }
    }

    /**
     * Each table's retention for VACUUM: its own, or the longer one asked for. A shorter one is refused before
     * anything is written: it would delete files that time travel to a recorded run inside retention still needs.
     */
    private Map<String, Double> retention(TableMaintenance maintenance, Map<String, String> tables) {
        Map<String, Double> retain = new LinkedHashMap<>();
        List<String> shorter = new ArrayList<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            double own = maintenance.retentionDays(t.getValue());
            if (request.retainDays() != null && request.retainDays() < own) {
                shorter.add(t.getKey() + " keeps " + format(own) + " days");
            }
            retain.put(t.getKey(), request.retainDays() == null ? own : request.retainDays());
        }
        if (!shorter.isEmpty()) {
            throw new RetentionTooShort("--retain " + format(request.retainDays()) + " is shorter than the tables' own "
                    + "retention (" + String.join(", ", shorter.subList(0, Math.min(3, shorter.size())))
                    + (shorter.size() > 3 ? ", and " + (shorter.size() - 3) + " more" : "")
                    + "): VACUUM would delete files that time travel to a recorded run still needs; nothing done");
        }
        return retain;
    }

    /**
     * The tables a run replaces whole (reporting and restricted model outputs, stored silver views): each of their
     * versions is one write, so their files do not pile up, and compacting them would only add a version, which
     * the next run would take for a change and rebuild. Compaction is for the tables that grow by appends: bronze
     * and the restricted ingest tables (a write per landing file), the quarantine, and ops (a commit per run).
     */
    private static Set<String> rewrittenWhole() {
        Set<String> whole = new TreeSet<>();
        for (Model m : new ModelCatalog(JavaModels.all()).models()) {
            whole.add(m.qualifiedName());
        }
        StoredViews.VIEWS.forEach(v -> whole.add(Lakehouse.SILVER + "." + v));
        return whole;
    }

    /** The id names what was maintained: the date and a digest of every table's version before maintenance. */
    private static String runId(DeltaTables delta, Map<String, String> tables) {
        Sha256.Texts digest = Sha256.texts().add("maintain");
        tables.forEach((table, path) -> digest.add(table).add(Long.toString(delta.version(path))));
        return "m" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-" + digest.hex().substring(0, 12);
    }

    private static String describe(TableMaintenance.Outcome o, boolean rewrittenWhole) {
        String files = o.filesBefore() == o.filesAfter()
                ? o.filesAfter() + " file(s)" + (rewrittenWhole ? " (rewritten whole by runs: not compacted)" : "")
                : o.filesBefore() + " -> " + o.filesAfter() + " file(s)";
        String versions = o.versionBefore() == o.versionAfter() ? "version " + o.versionAfter()
                : "version " + o.versionBefore() + " -> " + o.versionAfter();
        return files + ", " + versions + ", " + o.rows() + " rows"
                + (o.checkpointed() ? ", checkpoint written" : "")
                + (o.vacuumed() > 0 ? ", " + o.vacuumed() + " file(s) vacuumed" : "");
    }

    private static String summary(List<TableMaintenance.Outcome> outcomes) {
        long compacted = outcomes.stream().filter(o -> o.filesAfter() < o.filesBefore()).count();
        long before = outcomes.stream().mapToLong(TableMaintenance.Outcome::filesBefore).sum();
        long after = outcomes.stream().mapToLong(TableMaintenance.Outcome::filesAfter).sum();
        long checkpoints = outcomes.stream().filter(TableMaintenance.Outcome::checkpointed).count();
        long vacuumed = outcomes.stream().mapToLong(TableMaintenance.Outcome::vacuumed).sum();
        if (outcomes.stream().allMatch(TableMaintenance.Outcome::quiet)) {
            return outcomes.size() + " table(s) already maintained: nothing to compact, checkpoint or vacuum";
        }
        return outcomes.size() + " table(s): " + compacted + " compacted (" + before + " -> " + after + " files), "
                + checkpoints + " checkpoint(s) written, " + vacuumed + " file(s) vacuumed; no data changed";
    }

    private static String format(double days) {
        return days == Math.rint(days) ? Long.toString((long) days) : Double.toString(days);
    }
}
