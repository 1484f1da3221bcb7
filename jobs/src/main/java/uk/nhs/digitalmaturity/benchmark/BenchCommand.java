package uk.nhs.digitalmaturity.benchmark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.model.ModelCatalog;
import uk.nhs.digitalmaturity.model.stats.JavaModels;
import uk.nhs.digitalmaturity.pipeline.CodeVersion;
import uk.nhs.digitalmaturity.pipeline.PipelineRun;
import uk.nhs.digitalmaturity.sample.GeneratorOptions;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/**
 * {@code nhs-digital bench} (or {@code bench/run}): the nightly run at national size, timed as a scheduler sees
 * it, and the heaviest reporting queries against DuckDB. One step per method: data, the four pipeline runs
 * (repeated), the peer comparison, the results files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the pipeline at national scale (full build, no-op rerun, new month, reporting stage),",
                "each as its own process with wall time and peak memory, compares the heaviest reporting queries",
                "with DuckDB on the same data, and writes bench/results.md and bench/results.json."})
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "bench/data", description = "Generated national landing zones (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--work", defaultValue = "bench/work", description = "Staged landing, lakehouse and logs (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--out", defaultValue = "bench", description = "Folder of results.md and results.json (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--months", defaultValue = "12", description = "Staff-level months of the full build; one more is generated for the new-month run (default: ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--repeats", defaultValue = "3", description = "Repetitions of every timing; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "" + GeneratorOptions.DEFAULT_SEED, description = "Generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as-at", defaultValue = "2026-11-24", description = "Reporting date of the runs (default: ${DEFAULT-VALUE})")
    LocalDate asAt;

    @Option(names = "--peer-only", description = "Only the Spark/DuckDB comparison, on the lakehouse a previous bench left in --work (prints, writes nothing)")
    boolean peerOnly;

    @Option(names = "--launcher", defaultValue = "bin/nhs-digital", description = "The launcher each timed run goes through (default: ${DEFAULT-VALUE})")
    Path launcher;

    @Override
    public Integer call() throws Exception {
        PrintWriter say = spec.commandLine().getOut();
        if (peerOnly) {
            for (PeerComparison.Timing t : comparePeer()) {
                say.printf("peer   %-24s %,9d rows  Spark %6.2f s  DuckDB %6.2f s  %5.1fx  (largest difference %.1e)%n",
                        t.query().name(), t.rows(), t.sparkSeconds(), t.duckdbSeconds(), t.ratio(),
                        t.maxRelativeDifference());
            }
            say.flush();
            return ExitCodes.OK;
        }
        NationalLanding landing = new NationalLanding(data, months, seed);
        long allRows = landing.prepare();
        long inputRows = landing.fullBuildRows(allRows);
        say.printf("bench  national landing zone: %,d rows in the full build, one more month held back%n", inputRows);
        say.flush();

        List<PipelineTimings> repetitions = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            repetitions.add(timePipeline(landing, r, say));
        }
        List<PeerComparison.Timing> peer = comparePeer();
        CodeVersion code = CodeVersion.current();
        BenchResults results = new BenchResults(repetitions, peer, inputRows, months,
                PipelineRun.codeVersion(code.release()) + "@" + code.gitCommit() + (code.dirty() ? "-dirty" : ""),
                LocalDate.now(ZoneOffset.UTC), commandLine(), heap());
        results.write(out);
        say.println(results.markdown());
        say.flush();
        return ExitCodes.OK;
    }

    /** One repetition: empty lakehouse, full build, no-op rerun, a new month lands, reporting stage alone. */
    private PipelineTimings timePipeline(NationalLanding landing, int repetition, PrintWriter say) throws Exception {
        Path stage = work.resolve("landing");
        Path lakehouse = work.resolve("lakehouse");
        NationalLanding.deleteTree(lakehouse);
        landing.stageWithoutNewMonth(stage);
        TimedProcess.Result full = pipeline(stage, lakehouse, "full-build", repetition, say);
        TimedProcess.Result noop = pipeline(stage, lakehouse, "noop-run", repetition, say);
        if (!noop.output().contains("nothing new")) {
            throw new IllegalStateException("the no-op run did work; see " + log("noop-run", repetition));
        }
        landing.landNewMonth(stage);
        TimedProcess.Result newMonth = pipeline(stage, lakehouse, "new-month-run", repetition, say);
        TimedProcess.Result reporting = pipeline(stage, lakehouse, "reporting-stage", repetition, say, "--rebuild");
        return new PipelineTimings(full, noop, newMonth, reporting);
    }

    private TimedProcess.Result pipeline(Path landing, Path lakehouse, String what, int repetition, PrintWriter say,
                                         String... extra) {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "run", "--landing", landing.toString(),
                "--lakehouse", lakehouse.toString(), "--as-at", asAt.toString()));
        command.addAll(List.of(extra));
        TimedProcess.Result result = TimedProcess.run(command, log(what, repetition));
        say.printf("bench  %-16s repetition %d: %7.1f s, peak %s MiB, exit %d%n", what, repetition, result.seconds(),
                result.peakRssMib().isPresent() ? result.peakRssMib().getAsLong() : "?", result.exitCode());
        say.flush();
        if (result.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException(what + " exited " + result.exitCode() + "; see " + log(what, repetition));
        }
        return result;
    }

    private Path log(String what, int repetition) {
        return work.resolve("logs").resolve(what + "-" + repetition + ".log");
    }

    /** The heaviest reporting queries, Spark and DuckDB, over the last repetition's lakehouse. */
    private List<PeerComparison.Timing> comparePeer() {
        PipelineConfig config = PipelineConfig.load(null);
        SparkSession spark = SparkSessions.getOrCreate(config);
        PeerComparison peer = new PeerComparison(spark, config, asAt, work.resolve("parquet"),
                new ModelCatalog(JavaModels.all()).silverViews());
        peer.export(work.resolve("lakehouse").toAbsolutePath().toString());
        return peer.run(repeats);
    }

    private String commandLine() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("bench")) {
            args.remove(0);
        }
        return String.join(" ", "bench/run", String.join(" ", args)).trim();
    }

    /** The driver heap every timed run had: the launcher's -Xmx, which this process was started with too. */
    private static String heap() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b).map(a -> a.substring(4)).orElse("JVM default");
    }

    /** The four timed runs of one repetition. */
    record PipelineTimings(TimedProcess.Result full, TimedProcess.Result noop, TimedProcess.Result newMonth,
                           TimedProcess.Result reporting) {
        List<TimedProcess.Result> all() {
            return List.of(full, noop, newMonth, reporting);
        }
    }
}
