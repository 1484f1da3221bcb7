package uk.nhs.digitalmaturity.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.CodeChanged;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.failure.NotReproduced;
import uk.nhs.digitalmaturity.ingest.BronzeCopy;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.stats.JavaModels;
import uk.nhs.digitalmaturity.publish.Manifest;
import uk.nhs.digitalmaturity.runrecord.PublishedFile;
import uk.nhs.digitalmaturity.runrecord.RunHistory;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * {@code verify RUN_ID}: proves that a run's publication pack still follows from its data and code. The bronze
 * rows of exactly the landing files the run recorded are copied into a scratch lakehouse, the pipeline runs there
 * as at the run's date with its recorded parameters, and every file of the recomputed pack is compared by SHA-256
 * with what the run published ({@code ops.runs.publication}). The lakehouse itself is only read: no lock, no
 * record, no table touched.
 */
public final class Verification {
    /** A verification that cannot start (exit 2): an unknown run, a maintenance record, nothing recorded to verify. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param execution       which execution of the run (null: its latest that ended well)
     * @param scratch         where to recompute (null: a new temporary folder); must not exist yet
     * @param allowCodeChange recompute even when this build's code version is not the run's
     * @param keepScratch     keep the scratch lakehouse after a verified run (it is always kept after a difference)
     */
    public record Request(String lakehouse, String runId, Integer execution, String scratch, boolean allowCodeChange,
                          boolean keepScratch) {
    }

    private final SparkSession spark;
    private final Request request;
    private final Progress progress;
    private final Configuration hadoop;

    public Verification(SparkSession spark, Request request, Progress progress) {
        this.spark = spark;
        this.request = request;
        this.progress = progress;
        this.hadoop = spark.sparkContext().hadoopConfiguration();
    }

    /**
     * @return {@link ExitCodes#OK} when every published file is recomputed identical
     * @throws Refused       when there is nothing to verify (exit 2)
     * @throws CodeChanged   when this build's code version is not the run's and no {@code --allow-code-change}
     * @throws NotReproduced when some file differs; the differences have been printed
     */
    public int execute() {
        Lakehouse lakehouse = Lakehouse.existing(hadoop, request.lakehouse());
        RunHistory history = Optional.ofNullable(lakehouse).flatMap(l -> RunHistory.read(spark, l)).orElseThrow(
                () -> new Refused("no lakehouse with ops/runs at " + request.lakehouse() + ": give --lakehouse"));
        RunHistory.Recorded run = recorded(history);
        List<PublishedFile> published = published(run, lakehouse);
        String code = PipelineRun.codeVersion(CodeVersion.current().release());
        boolean codeChanged = !code.equals(run.codeVersion());
        if (codeChanged && !request.allowCodeChange()) {
            throw new CodeChanged("run " + run.runId() + " was computed by code " + run.codeVersion() + ", this build is "
                    + code + ": nothing recomputed. Verify with the run's release, or give --allow-code-change to see "
                    + "which tables this code changes");
        }
        PipelineConfig config;
        try {
            config = PipelineConfig.reproducing(run.parameters(), run.asAt());
        } catch (IllegalArgumentException e) {
            throw new Refused("cannot rebuild run " + run.runId() + "'s parameters: " + e.getMessage());
        }
        progress.line("verify %s (execution %d) as at %s: %d input file(s), %d published file(s)%s", run.runId(),
                run.execution(), run.asAt(), run.inputFiles().size(), published.size(),
                codeChanged ? "; code " + run.codeVersion() + " then, " + code + " now" : "");
        String scratch = scratch();
        Lakehouse recomputed = recompute(run, lakehouse, scratch, config);
        Manifest manifest = Manifest.read(hadoop, recomputed.publicationPath(run.asAt())).orElseThrow(
                () -> new IllegalStateException("the recomputation wrote no publication pack in " + scratch));
        List<PackComparison.FileOutcome> outcomes = new PackComparison(spark, new ModelCatalog(JavaModels.all()).models())
                .compare(published, manifest.files(), lakehouse, run.outputs(), recomputed);
        return report(run, manifest, outcomes, scratch);
    }

    private RunHistory.Recorded recorded(RunHistory history) {
        String runId = request.runId();
        if (runId.startsWith("m")) {
            throw new Refused(runId + " is a maintain record: maintenance publishes nothing to verify "
                    + "(`nhs-digital runs` lists the runs, r…)");
        }
        if (history.latestExecution(runId).isEmpty()) {
            throw new Refused("no run " + runId + " in " + request.lakehouse() + " (`nhs-digital runs` lists them)");
        }
        Optional<Integer> execution = request.execution() != null ? Optional.of(request.execution())
                : history.latestGoodExecution(runId);
        if (execution.isEmpty()) {
            throw new Refused("run " + runId + " has no execution that ended SUCCEEDED or NOTHING_TO_DO: it published "
                    + "nothing to verify");
        }
        return history.recorded(runId, execution.get());
    }

    /**
     * What the run published: its record's files, or for a record made before {@code ops.runs} kept them (0.1.0),
     * the pack of its date when that pack is still the run's own.
     */
    private List<PublishedFile> published(RunHistory.Recorded run, Lakehouse lakehouse) {
        if (run.publication() != null && !run.publication().isEmpty()) {
            return run.publication();
        }
        Optional<Manifest> pack = Manifest.read(hadoop, lakehouse.publicationPath(run.asAt()));
        if (pack.isPresent() && pack.get().runId().equals(run.runId())) {
            return pack.get().files();
        }
        throw new Refused("run " + run.runId() + " (execution " + run.execution() + ") recorded no publication files "
                + "(it published none, or was recorded before 0.2.0), and "
                + "the pack of " + run.asAt() + " is " + pack.map(m -> "run " + m.runId() + "'s").orElse("gone")
                + ": nothing to compare with");
    }

    /** The run again, in scratch, from its own bronze rows: the scratch lakehouse it left. */
    private Lakehouse recompute(RunHistory.Recorded run, Lakehouse lakehouse, String scratch, PipelineConfig config) {
        Lakehouse target = Lakehouse.at(spark, scratch + "/lakehouse");
        List<String> tables = new BronzeCopy(spark).copy(lakehouse, target, run.inputFiles());
        progress.line("copy   the rows of the run's %d input file(s) from %d ingest table(s) into %s",
                run.inputFiles().size(), tables.size(), target.root());
        String landing = scratch + "/landing"; // empty: bronze already holds every input
        mkdirs(landing);
        RunRequest again = new RunRequest(landing, target.root(), run.asAt(), config, "verify " + run.runId(),
                false, false, true, Duration.ZERO);
        new PipelineRun(spark, again, progress.indented()).execute();
        return target;
    }

    private int report(RunHistory.Recorded run, Manifest manifest, List<PackComparison.FileOutcome> outcomes,
                       String scratch) {
        List<PackComparison.FileOutcome> differ = outcomes.stream().filter(o -> !o.identical()).toList();
        String recomputedAs = manifest.runId().equals(run.runId()) ? "the same run id"
                : "run id " + manifest.runId() + ", not " + run.runId() + ": the code differs";
        for (PackComparison.FileOutcome o : differ) {
            progress.line("differs %s: %s", o.file(), o.difference());
        }
        if (differ.isEmpty()) {
            boolean keep = request.keepScratch();
            if (!keep) {
                delete(scratch);
            }
            progress.line("verified: %d files identical to run %s's publication (recomputed as %s)%s",
                    outcomes.size(), run.runId(), recomputedAs, keep ? "; scratch kept at " + scratch : "");
            return ExitCodes.OK;
        }
        throw new NotReproduced(differ.size() + " of " + outcomes.size() + " files differ from run " + run.runId()
                + "'s publication (recomputed as " + recomputedAs + "); the recomputation is kept at " + scratch);
    }

    /** The scratch folder: the one asked for (which must not exist yet: it is deleted afterwards), or a new one. */
    private String scratch() {
        if (request.scratch() == null) {
            try {
                return Files.createTempDirectory("nhs-digital-verify-" + request.runId() + "-").toUri().toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch folder: " + e.getMessage(), e);
            }
        }
        Path path = new Path(request.scratch());
        try {
            if (path.getFileSystem(hadoop).exists(path)) {
                throw new Refused("--scratch " + request.scratch() + " exists: give a folder that does not, "
                        + "verify deletes it afterwards");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return request.scratch();
    }

    private void mkdirs(String folder) {
        try {
            Path path = new Path(folder);
            path.getFileSystem(hadoop).mkdirs(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    private void delete(String folder) {
        try {
            Path path = new Path(folder);
            FileSystem fs = path.getFileSystem(hadoop);
            fs.delete(path, true);
        } catch (IOException e) {
            progress.line("could not delete the scratch folder %s: %s", folder, e.getMessage());
        }
    }
}
