package uk.nhs.digitalmaturity.benchmark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
 * it, and the heaviest reporting queries against DuckDB. One step per method: data, the five pipeline runs
 * (repeated), the baseline's runs, the history series, the peer comparison, the results files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times the pipeline at national scale (full build, no-op rerun, new month, the next day with "
                + "nothing new, reporting stage), "
                + "each as its own process with wall time, peak memory and bytes read; the same runs over several "
                + "lengths of history (--history) and, given --baseline-launcher, through an older commit's launcher "
                + "on the same landing; compares the heaviest reporting queries with DuckDB on the same data; and "
                + "writes bench/results.md, bench/results.json and bench/history-series.png.")
public class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "bench/data", description = "Generated national landing zones (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--work", defaultValue = "bench/work", description = "Staged landings, lakehouses and logs (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--out", defaultValue = "bench", description = "Folder of results.md, results.json and history-series.png (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--months", defaultValue = "12", description = "Staff-level months of the repetitions' full build; the next month lands for the new-month run (default: ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--history", defaultValue = "6,12,24", description = "History series: for each number of "
            + "staff-level months, one cycle from an empty lakehouse (full build, no-op, the next month lands, new "
            + "month) in <work>/history-<N>m; an empty value (--history=) switches it off. The landing is generated "
            + "once with max(--months, the largest of these) + 1 months, and every run stages a prefix of it "
            + "(default: ${DEFAULT-VALUE})")
    String history;

    @Option(names = "--baseline-launcher", paramLabel = "PATH", description = "The bin/nhs-digital of a clone of "
            + "the old commit: one baseline cycle (full build, no-op, new month, --months months) runs through it in "
            + "<work>/baseline, on the same landing and within this bench run, and is reported beside this code's "
            + "figures; the full-build target is 0.75x the baseline's")
    Path baselineLauncher;

    @Option(names = "--repeats", defaultValue = "3", description = "Repetitions of every timing; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "" + GeneratorOptions.DEFAULT_SEED, description = "Generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as-at", defaultValue = "2026-11-24", description = "Reporting date of the runs; the next-day run is a day later (default: ${DEFAULT-VALUE})")
    LocalDate asAt;

    @Option(names = "--peer-only", description = "Only the Spark/DuckDB comparison, on the lakehouse a previous bench left in --work (prints, writes nothing)")
    boolean peerOnly;

    @Option(names = "--launcher", defaultValue = "bin/nhs-digital", description = "The launcher each timed run of this code goes through (default: ${DEFAULT-VALUE})")
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
        List<Integer> historyMonths;
        try {
            historyMonths = parseHistory(history);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (months < 1 || repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--months and --repeats must be at least 1");
        }
        if (baselineLauncher != null && !java.nio.file.Files.isExecutable(baselineLauncher)) {
            throw new ParameterException(spec.commandLine(), "--baseline-launcher: " + baselineLauncher
                    + " is not an executable file (the bin/nhs-digital of a clone of the old commit)");
        }
        String baselineVersion = baselineLauncher == null ? null : baselineVersion(say);

        NationalLanding landing = new NationalLanding(data, NationalLanding.monthsToGenerate(months, historyMonths),
                seed);
        landing.prepare();
        long inputRows = landing.stagedRows(months);
        say.printf("bench  national landing zone %s: %,d rows in the full build of %d months, the next month held "
                + "back%n", landing.folder(), inputRows, months);
        say.flush();

        List<PipelineTimings> repetitions = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            repetitions.add(timePipeline(landing, r, say));
        }
        BenchResults.Baseline baseline = null;
        if (baselineLauncher != null) {
            baseline = new BenchResults.Baseline(baselineVersion,
                    cycle(baselineLauncher, landing, months, work.resolve("baseline"), "baseline", say));
        }
        List<BenchResults.HistoryPoint> series = new ArrayList<>();
        for (int h : historyMonths) {
            series.add(new BenchResults.HistoryPoint(h, landing.stagedRows(h),
                    cycle(launcher, landing, h, work.resolve("history-" + h + "m"), "history-" + h + "m", say)));
        }
        List<PeerComparison.Timing> peer = comparePeer();
        CodeVersion code = CodeVersion.current();
        BenchResults results = new BenchResults(repetitions, peer, inputRows, months,
                PipelineRun.codeVersion(code.release()) + "@" + code.gitCommit() + (code.dirty() ? "-dirty" : ""),
                LocalDate.now(ZoneOffset.UTC), commandLine(), heap(), series, baseline);
        results.write(out);
        say.println(results.markdown());
        say.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code --history}: distinct positive month counts, ascending; empty for an empty value.
     *
     * @throws IllegalArgumentException for a part that is not a positive whole number
     */
    static List<Integer> parseHistory(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        TreeSet<Integer> months = new TreeSet<>();
        for (String part : value.split(",")) {
            int m;
            try {
                m = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--history: not a number of months: '" + part.strip() + "'");
            }
            if (m < 1) {
                throw new IllegalArgumentException("--history: months must be at least 1, got " + m);
            }
            months.add(m);
        }
        return List.copyOf(months);
    }

    /**
     * The baseline's code version, from its {@code --version} line; the call is untimed and also lets the
     * launcher build its jar first if it is missing or stale, so that no timed run includes a Maven build.
     */
    private String baselineVersion(PrintWriter say) {
        TimedProcess.Result version = TimedProcess.run(List.of(baselineLauncher.toString(), "--version"),
                work.resolve("logs").resolve("baseline-version.log"));
        if (version.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException("the baseline launcher " + baselineLauncher + " --version exited "
                    + version.exitCode() + "; see " + work.resolve("logs").resolve("baseline-version.log"));
        }
        String line = version.output().lines().map(String::strip).filter(l -> l.startsWith("nhs-digital "))
                .reduce((a, b) -> b).map(l -> l.substring("nhs-digital ".length()))
                .orElseGet(this::baselineCommit);
        say.printf("bench  baseline: %s, code %s%n", baselineLauncher, line);
        say.flush();
        return line;
    }

    /** For a launcher without {@code --version}: the commit its clone has checked out. */
    private String baselineCommit() {
        Path repo = baselineLauncher.toAbsolutePath().getParent().getParent();
        TimedProcess.Result git = TimedProcess.run(List.of("git", "-C", repo.toString(), "rev-parse", "HEAD"),
                work.resolve("logs").resolve("baseline-commit.log"));
        return git.exitCode() == 0 ? "commit " + git.output().strip() : "unknown";
    }

    /**
     * One repetition: empty lakehouse, full build, no-op rerun, a new month lands, the next day with nothing new,
     * reporting stage alone.
     */
    private PipelineTimings timePipeline(NationalLanding landing, int repetition, PrintWriter say) {
        Path stage = work.resolve("landing");
        Path lakehouse = work.resolve("lakehouse");
        String tag = "-" + repetition;
        BenchResults.Cycle c = cycle(launcher, landing, months, stage, lakehouse, tag, say);
        // The documented nightly command has no --as-at: it runs as at today, so the night after a month lands
        // is a run with nothing new as at the next day, which writes that day's pack.
        TimedProcess.Result nextDay = pipeline(launcher, stage, lakehouse, asAt.plusDays(1), "next-day-run" + tag,
                say);
        TimedProcess.Result reporting = pipeline(launcher, stage, lakehouse, "reporting-stage" + tag, say, "--rebuild");
        return new PipelineTimings(c.full(), c.noop(), c.newMonth(), nextDay, reporting);
    }

    /** A cycle in a work folder of its own ({@code <folder>/landing}, {@code <folder>/lakehouse}). */
    private BenchResults.Cycle cycle(Path through, NationalLanding landing, int history, Path folder, String name,
                                     PrintWriter say) {
        return cycle(through, landing, history, folder.resolve("landing"), folder.resolve("lakehouse"), "-" + name,
                say);
    }

    /** Empty lakehouse, full build of {@code history} months, no-op rerun, month history + 1 lands, new-month run. */
    private BenchResults.Cycle cycle(Path through, NationalLanding landing, int history, Path stage, Path lakehouse,
                                     String tag, PrintWriter say) {
        try {
            NationalLanding.deleteTree(lakehouse);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        landing.stage(stage, history);
        TimedProcess.Result full = pipeline(through, stage, lakehouse, "full-build" + tag, say);
        TimedProcess.Result noop = pipeline(through, stage, lakehouse, "noop-run" + tag, say);
        if (!noop.output().contains("nothing new")) {
            throw new IllegalStateException("the no-op run did work; see " + log("noop-run" + tag));
        }
        landing.landMonth(stage, history + 1);
        TimedProcess.Result newMonth = pipeline(through, stage, lakehouse, "new-month-run" + tag, say);
        return new BenchResults.Cycle(full, noop, newMonth);
    }

    private TimedProcess.Result pipeline(Path through, Path landing, Path lakehouse, String what, PrintWriter say,
                                         String... extra) {
        return pipeline(through, landing, lakehouse, asAt, what, say, extra);
    }

    private TimedProcess.Result pipeline(Path through, Path landing, Path lakehouse, LocalDate date, String what,
                                         PrintWriter say, String... extra) {
        List<String> command = new ArrayList<>(List.of(through.toString(), "run", "--landing", landing.toString(),
                "--lakehouse", lakehouse.toString(), "--as-at", date.toString()));
        command.addAll(List.of(extra));
        TimedProcess.Result result = TimedProcess.run(command, log(what));
        say.printf("bench  %-28s %7.1f s, peak %s MiB, read %s MiB, exit %d%n", what, result.seconds(),
                result.peakRssMib().isPresent() ? result.peakRssMib().getAsLong() : "?",
                result.bytesRead().isPresent() ? Math.round(result.bytesRead().getAsLong() / (1024.0 * 1024)) : "?",
                result.exitCode());
        say.flush();
        if (result.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException(what + " exited " + result.exitCode() + "; see " + log(what));
        }
        return result;
    }

    private Path log(String what) {
        return work.resolve("logs").resolve(what + ".log");
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

    /** The five timed runs of one repetition. */
    record PipelineTimings(TimedProcess.Result full, TimedProcess.Result noop, TimedProcess.Result newMonth,
                           TimedProcess.Result nextDay, TimedProcess.Result reporting) {
        List<TimedProcess.Result> all() {
            return List.of(full, noop, newMonth, nextDay, reporting);
        }
    }
}
