package uk.nhs.digitalmaturity.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's results: medians of the repetitions against the targets, the peer comparison, and
 * where the full build's time goes (from its progress lines). Written as {@code results.md} for people and
 * {@code results.json} for tools.
 */
final class BenchResults {
    static final double FULL_BUILD_TARGET_S = 240;
    static final double NOOP_TARGET_S = 20;
    static final double NEW_MONTH_TARGET_SHARE = 0.20;
    static final double PEER_RATIO_TARGET = 5;
    static final long PEAK_RSS_TARGET_MIB = 4096;

    /** A progress line: a step, what it did, and its seconds in brackets. */
    private static final Pattern STEP = Pattern.compile("^(\\S+)\\s+(\\S+).*\\[(\\d+(?:\\.\\d+)?) s\\]$");

    private final List<BenchCommand.PipelineTimings> repetitions;
    private final List<PeerComparison.Timing> peer;
    private final long inputRows;
    private final int months;
    private final String codeVersion;
    private final LocalDate date;
    private final String command;
    private final String heap;

    BenchResults(List<BenchCommand.PipelineTimings> repetitions, List<PeerComparison.Timing> peer, long inputRows,
                 int months, String codeVersion, LocalDate date, String command, String heap) {
        this.repetitions = repetitions;
        this.peer = peer;
        this.inputRows = inputRows;
        this.months = months;
        this.codeVersion = codeVersion;
        this.date = date;
        this.command = command;
        this.heap = heap;
    }

    double median(Function<BenchCommand.PipelineTimings, TimedProcess.Result> which) {
        return Medians.of(repetitions.stream().mapToDouble(t -> which.apply(t).seconds()).toArray());
    }

    long peakRssMib() {
        return repetitions.stream().flatMap(t -> t.all().stream())
                .mapToLong(r -> r.peakRssMib().orElse(-1)).max().orElse(-1);
    }

    double sparkReporting() {
        return peer.stream().filter(t -> t.query().reporting()).mapToDouble(PeerComparison.Timing::sparkSeconds).sum();
    }

    double duckdbReporting() {
        return peer.stream().filter(t -> t.query().reporting()).mapToDouble(PeerComparison.Timing::duckdbSeconds).sum();
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("full_build_s", round(median(BenchCommand.PipelineTimings::full)));
        j.put("noop_run_s", round(median(BenchCommand.PipelineTimings::noop)));
        j.put("new_month_run_s", round(median(BenchCommand.PipelineTimings::newMonth)));
        j.put("reporting_stage_s", round(median(BenchCommand.PipelineTimings::reporting)));
        j.put("spark_reporting_queries_s", round(sparkReporting()));
        j.put("duckdb_reporting_s", round(duckdbReporting()));
        j.put("spark_duckdb_ratio", round(sparkReporting() / duckdbReporting()));
        j.put("peak_rss_mib", peakRssMib());
        j.put("input_rows", inputRows);
        j.put("staff_level_months", months);
        j.put("cores", Runtime.getRuntime().availableProcessors());
        j.put("memory_gib", memoryGib());
        j.put("driver_heap", heap);
        j.put("repeats", repetitions.size());
        j.put("date", date.toString());
        j.put("code_version", codeVersion);
        j.put("command", command);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < repetitions.size(); i++) {
            BenchCommand.PipelineTimings t = repetitions.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("repetition", i + 1);
            r.put("full_build_s", round(t.full().seconds()));
            r.put("noop_run_s", round(t.noop().seconds()));
            r.put("new_month_run_s", round(t.newMonth().seconds()));
            r.put("reporting_stage_s", round(t.reporting().seconds()));
            r.put("peak_rss_mib", t.all().stream().mapToLong(x -> x.peakRssMib().orElse(-1)).max().orElse(-1));
            runs.add(r);
        }
        j.put("runs", runs);
        List<Map<String, Object>> queries = new ArrayList<>();
        for (PeerComparison.Timing t : peer) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("query", t.query().name());
            q.put("sql", "sql/" + t.query().sqlFile());
            q.put("reporting_stage", t.query().reporting());
            q.put("rows", t.rows());
            q.put("spark_s", round(t.sparkSeconds()));
            q.put("duckdb_s", round(t.duckdbSeconds()));
            q.put("ratio", round(t.ratio()));
            q.put("max_relative_difference", t.maxRelativeDifference());
            queries.add(q);
        }
        j.put("peer_queries", queries);
        j.put("full_build_profile_s", profile(repetitions.get(repetitions.size() - 1).full()));
        return j;
    }

    /** Seconds per stage of one run, from its progress lines; the rest is JVM and Spark start-up. */
    static Map<String, Double> profile(TimedProcess.Result run) {
        Map<String, Double> stages = new TreeMap<>();
        double steps = 0;
        for (String line : run.output().split("\n")) {
            Matcher m = STEP.matcher(line.strip());
            if (m.matches()) {
                double s = Double.parseDouble(m.group(3));
                // Tables are built several at a time, so a build line's seconds are the gap since the previous
                // line, not that table's cost: the build stage is reported as a whole.
                String stage = switch (m.group(1)) {
                    case "ingest" -> "ingest " + m.group(2);
                    case "build" -> "build (every output table, " + uk.nhs.digitalmaturity.model.ModelRunner.AT_ONCE
                            + " at a time)";
                    case "run" -> "start: JVM, Spark, landing scan, ledgers";
                    default -> m.group(1);
                };
                stages.merge(stage, s, Double::sum);
                steps += s;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        stages.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), round(e.getValue())));
        out.put("JVM start before the first line, and exit", round(Math.max(0, run.seconds() - steps)));
        return out;
    }

    String markdown() {
        double full = median(BenchCommand.PipelineTimings::full);
        double noop = median(BenchCommand.PipelineTimings::noop);
        double month = median(BenchCommand.PipelineTimings::newMonth);
        double reporting = median(BenchCommand.PipelineTimings::reporting);
        double ratio = sparkReporting() / duckdbReporting();
        StringBuilder md = new StringBuilder();
        md.append("# National-scale benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Produced by `%s` on %s: %d cores, %s GiB memory, driver heap %s "
                        + "(the launcher's default), code %s. Input: %,d landing rows (%d months of staff-level "
                        + "workforce, about 1.4 million assignments each, plus finance, DMA, CE+, DSPT and "
                        + "reference files); medians of %d repetitions, each run a separate process through "
                        + "`bin/nhs-digital`.%n%n",
                command, date, Runtime.getRuntime().availableProcessors(), memoryGib(), heap, codeVersion, inputRows,
                months, repetitions.size()));
        md.append("| Measure | Target | Median | Repetitions | Met |\n|---|---|---|---|---|\n");
        row(md, "Full build from an empty lakehouse", "≤ 240 s", full, BenchCommand.PipelineTimings::full,
                full <= FULL_BUILD_TARGET_S);
        row(md, "Nightly run with nothing new (reports NOTHING_TO_DO)", "≤ 20 s", noop,
                BenchCommand.PipelineTimings::noop, noop <= NOOP_TARGET_S);
        row(md, String.format(Locale.ROOT, "Run after one new month lands (%.0f%% of the full build)", 100 * month / full),
                "≤ 20% of full", month, BenchCommand.PipelineTimings::newMonth, month <= NEW_MONTH_TARGET_SHARE * full);
        row(md, "Reporting stage alone (`run --rebuild`: silver, every table, pack, notebooks)", "—", reporting,
                BenchCommand.PipelineTimings::reporting, true);
        md.append(String.format(Locale.ROOT, "| Peak resident memory, any run | ≤ 4096 MiB | %d MiB | | %s |%n",
                peakRssMib(), peakRssMib() >= 0 && peakRssMib() <= PEAK_RSS_TARGET_MIB ? "yes" : "**no**"));
        md.append(String.format(Locale.ROOT, "| Spark / DuckDB, reporting queries below | ≤ 5× | %.1f× (%.2f s / %.2f s) | | %s |%n%n",
                ratio, sparkReporting(), duckdbReporting(), ratio <= PEER_RATIO_TARGET ? "yes" : "**no**"));
        md.append("## Spark and DuckDB on the same queries and data\n\n");
        md.append("Both engines read the lakehouse's bronze and restricted tables exported once as Parquet, run the "
                + "text of `sql/` (DuckDB's rewrites: `DuckDbDialect`), warm, in one process; medians of the "
                + "repetitions, each timed to the last row fetched. Every result was compared value by value "
                + "before timing (numbers to 1e-9 relative).\n\n");
        md.append("| Query | SQL | Rows | Spark s | DuckDB s | Spark / DuckDB | Largest relative difference |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (PeerComparison.Timing t : peer) {
            md.append(String.format(Locale.ROOT, "| %s%s | `sql/%s` | %,d | %.2f | %.2f | %.1f× | %.1e |%n",
                    t.query().description(), t.query().reporting() ? "" : " (not in the ratio)",
                    t.query().sqlFile(), t.rows(), t.sparkSeconds(), t.duckdbSeconds(), t.ratio(),
                    t.maxRelativeDifference()));
        }
        md.append("\n## Where the full build's time goes (last repetition)\n\n| Step | Seconds |\n|---|---|\n");
        profile(repetitions.get(repetitions.size() - 1).full())
                .forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        return md.toString();
    }

    private void row(StringBuilder md, String what, String target, double median,
                     Function<BenchCommand.PipelineTimings, TimedProcess.Result> which, boolean met) {
        StringBuilder each = new StringBuilder();
        for (BenchCommand.PipelineTimings t : repetitions) {
            each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", which.apply(t).seconds()));
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f s | %s | %s |%n", what, target, median, each,
                met ? "yes" : "**no**"));
    }

    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("results.md"), markdown());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(folder.resolve("results.json").toFile(), json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double memoryGib() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.round(sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0;
        }
        return -1;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
