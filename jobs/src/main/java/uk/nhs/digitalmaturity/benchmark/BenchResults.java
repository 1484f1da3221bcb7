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
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.model.ModelRunner;
import uk.nhs.digitalmaturity.notebooks.ChartData;
import uk.nhs.digitalmaturity.notebooks.ChartRenderer;

/**
 * The benchmark's results: the targets, each a ratio within this one bench run, the medians of the
 * repetitions, the same runs over 6, 12 and 24 months of history, the baseline code measured beside this code,
 * the peer comparison, and where the full build's, the new-month run's and the next day's time goes (from their
 * progress lines).
 * Written as {@code results.md} for people, {@code results.json} for tools and {@code history-series.png}.
 */
final class BenchResults {
    static final double NEW_MONTH_SHARE_TARGET = 0.15;
    static final double NOOP_SHARE_TARGET = 0.06;
    static final double PEER_RATIO_TARGET = 4;
    static final double BASELINE_FULL_BUILD_TARGET = 0.75;
    static final long PEAK_RSS_TARGET_MIB = 4096;
    /** Flat with history: a run after the longer history takes at most this times the run after the shorter. */
    static final double FLAT_WITH_HISTORY_TARGET = 1.15;
    static final int FLAT_SHORT_MONTHS = 12;
    static final int FLAT_LONG_MONTHS = 24;
    static final String CHART = "history-series.png";

    /** A progress line: a step, what it did, and its seconds in brackets. */
    private static final Pattern STEP = Pattern.compile("^(\\S+)\\s+(\\S+).*\\[(\\d+(?:\\.\\d+)?) s\\]$");
    /**
     * The build line of a table rebuilt: {@code build  <table>  N rows (version V)  [s]}, or for a table rebuilt
     * a month at a time {@code N rows (version V; period 2020-03 recomputed)}.
     */
    private static final Pattern REBUILT = Pattern.compile(
            "^build\\s+(\\S+)\\s+(\\d+) rows \\(version (\\d+)(?:; [^)]*)?\\)\\s+\\[(\\d+(?:\\.\\d+)?) s\\]$");
    private static final String BUILD_REBUILT = "build: tables rebuilt (" + ModelRunner.AT_ONCE + " at a time)";
    private static final String BUILD_UP_TO_DATE = "tables up to date: checked, not rebuilt (not build time)";
    /** A table that reads the date, computed again because only the date moved, that kept its version. */
    private static final String BUILD_SAME_ROWS = "build: tables computed again for the new date, the same rows kept";
    private static final String SAME_ROWS = "the same rows)";

    /** Full build from an empty lakehouse, the no-op rerun, and the run after the next month lands. */
    record Cycle(TimedProcess.Result full, TimedProcess.Result noop, TimedProcess.Result newMonth) {
        List<TimedProcess.Result> all() {
            return List.of(full, noop, newMonth);
        }
    }

    /** One point of the history series: a cycle on a landing of {@code months} staff-level months. */
    record HistoryPoint(int months, long inputRows, Cycle runs) {
    }

    /** The baseline's cycle, run by another commit's launcher on the same landing as the repetitions. */
    record Baseline(String codeVersion, Cycle runs) {
    }

    /** One target: what is measured, its limit, the measured text, and whether it is met (null: not measured). */
    record Target(String key, String measure, String limit, String measured, Boolean met) {
        String metText() {
            return met == null ? measured : met ? "yes" : "**no**";
        }
    }

    /**
     * What the targets are judged on: medians of this code's repetitions, the largest peak RSS of this code's
     * runs (-1 unknown), the baseline's full build and the history series' runs by months (empty: not measured).
     */
    record Figures(double fullBuild, double noop, double newMonth, double sparkReporting, double duckdbReporting,
                   long peakRssMib, OptionalDouble baselineFullBuild, Map<Integer, Double> seriesNewMonth,
                   Map<Integer, Double> seriesNoop) {
    }

    /** A table rebuilt by a run: its rows, Delta version and the seconds its build line carries. */
    record TableBuild(String table, long rows, long version, double seconds) {
    }

    private final List<BenchCommand.PipelineTimings> repetitions;
    private final List<PeerComparison.Timing> peer;
    private final long inputRows;
    private final int months;
    private final String codeVersion;
    private final LocalDate date;
    private final String command;
    private final String heap;
    private final List<HistoryPoint> series;
    private final Baseline baseline;

    /** {@code baseline} is null when none was measured; {@code series} empty when the series was off. */
    BenchResults(List<BenchCommand.PipelineTimings> repetitions, List<PeerComparison.Timing> peer, long inputRows,
                 int months, String codeVersion, LocalDate date, String command, String heap,
                 List<HistoryPoint> series, Baseline baseline) {
        this.repetitions = repetitions;
        this.peer = peer;
        this.inputRows = inputRows;
        this.months = months;
        this.codeVersion = codeVersion;
        this.date = date;
        this.command = command;
        this.heap = heap;
        this.series = series;
        this.baseline = baseline;
    }

    double median(Function<BenchCommand.PipelineTimings, TimedProcess.Result> which) {
        return Medians.of(repetitions.stream().mapToDouble(t -> which.apply(t).seconds()).toArray());
    }

    /** The median bytes read, or empty where any repetition's is unknown. */
    OptionalLong medianRead(Function<BenchCommand.PipelineTimings, TimedProcess.Result> which) {
        if (repetitions.stream().anyMatch(t -> which.apply(t).bytesRead().isEmpty())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(Medians.of(repetitions.stream()
                .mapToDouble(t -> which.apply(t).bytesRead().getAsLong()).toArray())));
    }

    /** The largest peak RSS of this code's runs, the history series' included; -1 where unknown. */
    long peakRssMib() {
        return Stream.concat(repetitions.stream().flatMap(t -> t.all().stream()),
                        series.stream().flatMap(p -> p.runs().all().stream()))
                .mapToLong(r -> r.peakRssMib().orElse(-1)).max().orElse(-1);
    }

    double sparkReporting() {
        return peer.stream().filter(t -> t.query().reporting()).mapToDouble(PeerComparison.Timing::sparkSeconds).sum();
    }

    double duckdbReporting() {
        return peer.stream().filter(t -> t.query().reporting()).mapToDouble(PeerComparison.Timing::duckdbSeconds).sum();
    }

    Figures figures() {
        Map<Integer, Double> newMonth = new TreeMap<>();
        Map<Integer, Double> noop = new TreeMap<>();
        for (HistoryPoint p : series) {
            newMonth.put(p.months(), p.runs().newMonth().seconds());
            noop.put(p.months(), p.runs().noop().seconds());
        }
        return new Figures(median(BenchCommand.PipelineTimings::full), median(BenchCommand.PipelineTimings::noop),
                median(BenchCommand.PipelineTimings::newMonth), sparkReporting(), duckdbReporting(), peakRssMib(),
                baseline == null ? OptionalDouble.empty() : OptionalDouble.of(baseline.runs().full().seconds()),
                newMonth, noop);
    }

    /** The targets, each a ratio within one bench run (and peak memory), judged on {@code f}. */
    static List<Target> targets(Figures f) {
        List<Target> t = new ArrayList<>();
        t.add(new Target("new_month_share", "Run after one new month lands, against the full build",
                "≤ 15% of the full build", share(f.newMonth(), f.fullBuild()),
                f.newMonth() <= NEW_MONTH_SHARE_TARGET * f.fullBuild()));
        t.add(new Target("noop_share", "Nightly run with nothing new (NOTHING_TO_DO), against the full build",
                "≤ 6% of the full build", share(f.noop(), f.fullBuild()),
                f.noop() <= NOOP_SHARE_TARGET * f.fullBuild()));
        double peer = f.sparkReporting() / f.duckdbReporting();
        t.add(new Target("spark_duckdb_ratio", "Spark / DuckDB, the reporting queries below", "≤ 4×",
                String.format(Locale.ROOT, "%.1f× (%.2f s / %.2f s)", peer, f.sparkReporting(), f.duckdbReporting()),
                peer <= PEER_RATIO_TARGET));
        if (f.baselineFullBuild().isPresent()) {
            double base = f.baselineFullBuild().getAsDouble();
            t.add(new Target("full_build_vs_baseline", "Full build against the baseline's, same run",
                    "≤ 0.75× the baseline", ratio(f.fullBuild(), base),
                    f.fullBuild() <= BASELINE_FULL_BUILD_TARGET * base));
        } else {
            t.add(new Target("full_build_vs_baseline", "Full build against the baseline's, same run",
                    "≤ 0.75× the baseline", "no baseline measured", null));
        }
        t.add(new Target("peak_rss", "Peak resident memory, any run of this code", "≤ 4096 MiB",
                f.peakRssMib() < 0 ? "not measured (no /proc)" : f.peakRssMib() + " MiB",
                f.peakRssMib() < 0 ? null : f.peakRssMib() <= PEAK_RSS_TARGET_MIB));
        t.add(flat("flat_new_month", "New month after 24 months of history, against after 12", f.seriesNewMonth()));
        t.add(flat("flat_noop", "No-op after 24 months of history, against after 12", f.seriesNoop()));
        return t;
    }

    private static Target flat(String key, String measure, Map<Integer, Double> byMonths) {
        Double shorter = byMonths.get(FLAT_SHORT_MONTHS);
        Double longer = byMonths.get(FLAT_LONG_MONTHS);
        if (shorter == null || longer == null) {
            return new Target(key, measure, "≤ 1.15×", "not measured (--history needs 12 and 24)", null);
        }
        return new Target(key, measure, "≤ 1.15×", ratio(longer, shorter), longer <= FLAT_WITH_HISTORY_TARGET * shorter);
    }

    private static String share(double part, double whole) {
        return String.format(Locale.ROOT, "%.1f%% (%.1f s / %.1f s)", 100 * part / whole, part, whole);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f× (%.1f s / %.1f s)", a / b, a, b);
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("full_build_s", round(median(BenchCommand.PipelineTimings::full)));
        j.put("noop_run_s", round(median(BenchCommand.PipelineTimings::noop)));
        j.put("new_month_run_s", round(median(BenchCommand.PipelineTimings::newMonth)));
        j.put("reporting_stage_s", round(median(BenchCommand.PipelineTimings::reporting)));
        j.put("next_day_run_s", round(median(BenchCommand.PipelineTimings::nextDay)));
        j.put("spark_reporting_queries_s", round(sparkReporting()));
        j.put("duckdb_reporting_s", round(duckdbReporting()));
        j.put("spark_duckdb_ratio", round(sparkReporting() / duckdbReporting()));
        j.put("peak_rss_mib", peakRssMib());
        j.put("full_build_read_bytes", orNull(medianRead(BenchCommand.PipelineTimings::full)));
        j.put("noop_read_bytes", orNull(medianRead(BenchCommand.PipelineTimings::noop)));
        j.put("new_month_read_bytes", orNull(medianRead(BenchCommand.PipelineTimings::newMonth)));
        j.put("next_day_read_bytes", orNull(medianRead(BenchCommand.PipelineTimings::nextDay)));
        j.put("reporting_stage_read_bytes", orNull(medianRead(BenchCommand.PipelineTimings::reporting)));
        j.put("input_rows", inputRows);
        j.put("staff_level_months", months);
        j.put("cores", Runtime.getRuntime().availableProcessors());
        j.put("memory_gib", memoryGib());
        j.put("driver_heap", heap);
        j.put("repeats", repetitions.size());
        j.put("date", date.toString());
        j.put("code_version", codeVersion);
        j.put("command", command);
        List<Map<String, Object>> goals = new ArrayList<>();
        for (Target t : targets(figures())) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("target", t.key());
            g.put("limit", t.limit());
            g.put("measured", t.measured());
            g.put("met", t.met());
            goals.add(g);
        }
        j.put("targets", goals);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < repetitions.size(); i++) {
            BenchCommand.PipelineTimings t = repetitions.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("repetition", i + 1);
            r.put("full_build_s", round(t.full().seconds()));
            r.put("noop_run_s", round(t.noop().seconds()));
            r.put("new_month_run_s", round(t.newMonth().seconds()));
            r.put("reporting_stage_s", round(t.reporting().seconds()));
            r.put("next_day_run_s", round(t.nextDay().seconds()));
            r.put("peak_rss_mib", t.all().stream().mapToLong(x -> x.peakRssMib().orElse(-1)).max().orElse(-1));
            r.put("full_build_read_bytes", orNull(t.full().bytesRead()));
            r.put("noop_read_bytes", orNull(t.noop().bytesRead()));
            r.put("new_month_read_bytes", orNull(t.newMonth().bytesRead()));
            r.put("next_day_read_bytes", orNull(t.nextDay().bytesRead()));
            r.put("reporting_stage_read_bytes", orNull(t.reporting().bytesRead()));
            runs.add(r);
        }
        j.put("runs", runs);
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryPoint p : series) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("history_months", p.months());
            h.put("input_rows", p.inputRows());
            h.put("full_build_s", round(p.runs().full().seconds()));
            h.put("noop_run_s", round(p.runs().noop().seconds()));
            h.put("new_month_run_s", round(p.runs().newMonth().seconds()));
            h.put("full_build_read_bytes", orNull(p.runs().full().bytesRead()));
            h.put("noop_read_bytes", orNull(p.runs().noop().bytesRead()));
            h.put("new_month_read_bytes", orNull(p.runs().newMonth().bytesRead()));
            h.put("peak_rss_mib", peak(p.runs()));
            history.add(h);
        }
        j.put("history_series", history);
        if (baseline == null) {
            j.put("baseline", null);
        } else {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("code_version", baseline.codeVersion());
            b.put("full_build_s", round(baseline.runs().full().seconds()));
            b.put("noop_run_s", round(baseline.runs().noop().seconds()));
            b.put("new_month_run_s", round(baseline.runs().newMonth().seconds()));
            b.put("full_build_read_bytes", orNull(baseline.runs().full().bytesRead()));
            b.put("noop_read_bytes", orNull(baseline.runs().noop().bytesRead()));
            b.put("new_month_read_bytes", orNull(baseline.runs().newMonth().bytesRead()));
            b.put("peak_rss_mib", peak(baseline.runs()));
            j.put("baseline", b);
        }
        List<PeerComparison.Timing> queries = peer;
        List<Map<String, Object>> peerQueries = new ArrayList<>();
        for (PeerComparison.Timing t : queries) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("query", t.query().name());
            q.put("sql", "sql/" + t.query().sqlFile());
            q.put("reporting_stage", t.query().reporting());
            q.put("rows", t.rows());
            q.put("spark_s", round(t.sparkSeconds()));
            q.put("duckdb_s", round(t.duckdbSeconds()));
            q.put("ratio", round(t.ratio()));
            q.put("max_relative_difference", t.maxRelativeDifference());
            peerQueries.add(q);
        }
        j.put("peer_queries", peerQueries);
        BenchCommand.PipelineTimings last = repetitions.get(repetitions.size() - 1);
        j.put("full_build_profile_s", profile(last.full()));
        j.put("new_month_profile_s", profile(last.newMonth()));
        List<Map<String, Object>> rebuilt = new ArrayList<>();
        for (TableBuild b : rebuiltTables(last.newMonth())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("table", b.table());
            r.put("rows", b.rows());
            r.put("version", b.version());
            r.put("line_s", b.seconds());
            rebuilt.add(r);
        }
        j.put("new_month_rebuilt_tables", rebuilt);
        j.put("next_day_profile_s", profile(last.nextDay()));
        j.put("next_day_rebuilt_tables", rebuiltTables(last.nextDay()).stream().map(TableBuild::table).toList());
        return j;
    }

    /**
     * Seconds per stage of one run, from its progress lines, largest first; the rest is JVM start and exit.
     * Tables are built several at a time, so a build line's seconds are the gap since the previous line, not
     * that table's cost: the rebuilt tables are reported as a whole, and the lines of tables found up to date
     * (fingerprint and Delta version unchanged, nothing built) apart from them.
     */
    static Map<String, Double> profile(TimedProcess.Result run) {
        Map<String, Double> stages = new TreeMap<>();
        double steps = 0;
        for (String line : run.output().split("\n")) {
            String text = line.strip();
            Matcher m = STEP.matcher(text);
            if (m.matches()) {
                double s = Double.parseDouble(m.group(3));
                String stage = switch (m.group(1)) {
                    case "ingest" -> "ingest " + m.group(2);
                    case "build" -> buildKind(text);
                    case "run" -> "start: JVM, Spark, landing scan, ledgers";
                    default -> m.group(1);
                };
                stages.merge(stage, s, Double::sum);
                steps += s;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        stages.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), round(e.getValue())));
        out.put("JVM start before the first line, and exit", round(Math.max(0, run.seconds() - steps)));
        return out;
    }

    /** The tables a run rebuilt, in the order of their build lines. */
    static List<TableBuild> rebuiltTables(TimedProcess.Result run) {
        List<TableBuild> tables = new ArrayList<>();
        for (String line : run.output().split("\n")) {
            Matcher m = REBUILT.matcher(line.strip());
            if (m.matches()) {
                tables.add(new TableBuild(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Double.parseDouble(m.group(4))));
            }
        }
        return tables;
    }

    /** What a build line reports: a table rebuilt, found up to date, or computed again and kept (the same rows). */
    private static String buildKind(String buildLine) {
        return buildLine.contains(SAME_ROWS) ? BUILD_SAME_ROWS
                : buildLine.contains(" up to date ") ? BUILD_UP_TO_DATE : BUILD_REBUILT;
    }

    private static long buildLines(TimedProcess.Result run, String kind) {
        return run.output().lines().map(String::strip)
                .filter(l -> l.startsWith("build ") && buildKind(l).equals(kind)).count();
    }

    /** Build lines of tables found up to date (checked, not computed). */
    static long upToDateTables(TimedProcess.Result run) {
        return buildLines(run, BUILD_UP_TO_DATE);
    }

    /** Build lines of tables computed again for a new date that kept their version (the same rows). */
    static long sameRowsTables(TimedProcess.Result run) {
        return buildLines(run, BUILD_SAME_ROWS);
    }

    String markdown() {
        double full = median(BenchCommand.PipelineTimings::full);
        double noop = median(BenchCommand.PipelineTimings::noop);
        double month = median(BenchCommand.PipelineTimings::newMonth);
        StringBuilder md = new StringBuilder();
        md.append("# National-scale benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Produced by `%s` on %s: %d cores, %s GiB memory, driver heap %s "
                        + "(the launcher's default), code %s. Input: %,d landing rows (%d months of staff-level "
                        + "workforce, about 1.4 million assignments each, plus finance, DMA, CE+, DSPT and "
                        + "reference files); medians of %d repetitions, each run a separate process through "
                        + "`bin/nhs-digital`. \"Read\" is what the process read (`rchar` of `/proc/<pid>/io`, "
                        + "page-cache hits included), sampled every 100 ms until it exits.%n%n",
                command, date, Runtime.getRuntime().availableProcessors(), memoryGib(), heap, codeVersion, inputRows,
                months, repetitions.size()));
        md.append("## Targets\n\nEach is a ratio within this one bench run (same machine, same load), except peak "
                + "memory.\n\n| Target | Limit | Measured | Met |\n|---|---|---|---|\n");
        for (Target t : targets(figures())) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", t.measure(), t.limit(),
                    t.met() == null ? "—" : t.measured(), t.metText()));
        }
        md.append("\n## Timings (information, not targets)\n\n"
                + "| Run | Median | Repetitions | Read (median) | Peak RSS (largest) |\n|---|---|---|---|---|\n");
        timing(md, "Full build from an empty lakehouse", BenchCommand.PipelineTimings::full);
        timing(md, "Nightly run with nothing new (reports NOTHING_TO_DO)", BenchCommand.PipelineTimings::noop);
        timing(md, String.format(Locale.ROOT, "Run after one new month lands (%.0f%% of the full build)",
                100 * month / full), BenchCommand.PipelineTimings::newMonth);
        timing(md, String.format(Locale.ROOT, "The next day, nothing new (`--as-at` a day later, as a nightly run "
                        + "as at today: the tables that read the date, that day's pack; %.0f%% of the full build)",
                100 * median(BenchCommand.PipelineTimings::nextDay) / full), BenchCommand.PipelineTimings::nextDay);
        timing(md, "Reporting stage alone (`run --rebuild`: silver, every table, pack, notebooks)",
                BenchCommand.PipelineTimings::reporting);
        md.append('\n');
        beforeAndAfter(md, full, noop, month);
        history(md);
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
        BenchCommand.PipelineTimings last = repetitions.get(repetitions.size() - 1);
        md.append("\n## Where the full build's time goes (last repetition)\n\n| Step | Seconds |\n|---|---|\n");
        profile(last.full()).forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        md.append("\n## Where the new-month run's time goes (last repetition)\n\n");
        md.append(String.format(Locale.ROOT, "%.1f s in all. Tables are built %d at a time, so a build line's "
                        + "seconds are the time since the previous progress line, not that table's own cost; the "
                        + "lines of the %d tables found up to date are counted apart from the build.%n%n",
                last.newMonth().seconds(), ModelRunner.AT_ONCE, upToDateTables(last.newMonth())));
        md.append("| Step | Seconds |\n|---|---|\n");
        profile(last.newMonth()).forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        List<TableBuild> rebuilt = rebuiltTables(last.newMonth());
        md.append(String.format(Locale.ROOT, "%n### Tables the new-month run rebuilt (%d)%n%n", rebuilt.size()));
        if (rebuilt.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| Table | Rows | Version | Seconds on its line |\n|---|---|---|---|\n");
            for (TableBuild b : rebuilt) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f |%n", b.table(), b.rows(), b.version(),
                        b.seconds()));
            }
        }
        List<TableBuild> nextDay = rebuiltTables(last.nextDay());
        md.append(String.format(Locale.ROOT, "%n## The next day's run (last repetition)%n%n%.1f s in all; it "
                        + "rebuilt %d table(s)%s, computed %d again and kept their versions (the same rows), and "
                        + "found %d up to date.%n", last.nextDay().seconds(), nextDay.size(),
                nextDay.isEmpty() ? "" : " (" + String.join(", ", nextDay.stream().map(TableBuild::table).toList())
                        + ")", sameRowsTables(last.nextDay()), upToDateTables(last.nextDay())));
        md.append("\n| Step | Seconds |\n|---|---|\n");
        profile(last.nextDay()).forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", k, v)));
        return md.toString();
    }

    private void beforeAndAfter(StringBuilder md, double full, double noop, double month) {
        md.append("## Before and after (same machine, same run)\n\n");
        if (baseline == null) {
            md.append("No baseline measured in this run: `--baseline-launcher` names the `bin/nhs-digital` of a "
                    + "clone of the old commit.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "The baseline is code %s, one repetition (empty lakehouse, full build, "
                        + "no-op, new month) through its own launcher and in its own work folder, on the same "
                        + "generated landing with %d staff-level months, within this bench run; this code is the "
                        + "median of the %d repetitions above (code %s).%n%n", baseline.codeVersion(), months,
                repetitions.size(), codeVersion));
        md.append("| Run | Baseline | This code | This code / baseline | Read, baseline | Read, this code |\n"
                + "|---|---|---|---|---|---|\n");
        Cycle b = baseline.runs();
        compare(md, "Full build", b.full(), full, medianRead(BenchCommand.PipelineTimings::full));
        compare(md, "No-op run", b.noop(), noop, medianRead(BenchCommand.PipelineTimings::noop));
        compare(md, "New-month run", b.newMonth(), month, medianRead(BenchCommand.PipelineTimings::newMonth));
        md.append(String.format(Locale.ROOT, "| Peak RSS | %s | %s | | | |%n%n", mib(peak(b)), mib(peakRssMib())));
    }

    private static void compare(StringBuilder md, String what, TimedProcess.Result base, double now,
                                OptionalLong nowRead) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.2f× | %s | %s |%n", what, base.seconds(), now,
                now / base.seconds(), bytes(base.bytesRead()), bytes(nowRead)));
    }

    private void history(StringBuilder md) {
        md.append("## History length\n\n");
        if (series.isEmpty()) {
            md.append("Not measured in this run (`--history` was empty).\n\n");
            return;
        }
        md.append("The same cycle once for each history length, each from an empty lakehouse in its own work "
                + "folder, on the same generated landing: the full build with that many staff-level months, the "
                + "no-op run, then the next month lands and the new-month run. The targets above want the new "
                + "month and the no-op flat: after 24 months at most 1.15× what they take after 12.\n\n");
        md.append("| Staff-level months | Input rows | Full build | No-op | New month | Read, no-op | Read, new month "
                + "| Peak RSS |\n|---|---|---|---|---|---|---|---|\n");
        for (HistoryPoint p : series) {
            Cycle c = p.runs();
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.1f s | %.1f s | %.1f s | %s | %s | %s |%n",
                    p.months(), p.inputRows(), c.full().seconds(), c.noop().seconds(), c.newMonth().seconds(),
                    bytes(c.noop().bytesRead()), bytes(c.newMonth().bytesRead()), mib(peak(c))));
        }
        md.append("\n![Seconds of the full build, the no-op run and the new-month run against months of history]("
                + CHART + ")\n\n");
    }

    private void timing(StringBuilder md, String what, Function<BenchCommand.PipelineTimings, TimedProcess.Result> which) {
        StringBuilder each = new StringBuilder();
        for (BenchCommand.PipelineTimings t : repetitions) {
            each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", which.apply(t).seconds()));
        }
        long peak = repetitions.stream().mapToLong(t -> which.apply(t).peakRssMib().orElse(-1)).max().orElse(-1);
        md.append(String.format(Locale.ROOT, "| %s | %.1f s | %s | %s | %s |%n", what, median(which), each,
                bytes(medianRead(which)), mib(peak)));
    }

    /** The history series as a chart: seconds of each run against months of history, the same bytes every time. */
    static byte[] historyChart(List<HistoryPoint> series) {
        List<String> categories = series.stream().map(p -> p.months() + " months").toList();
        List<ChartData.Series> lines = List.of(
                new ChartData.Series("Full build", series.stream().map(p -> p.runs().full().seconds()).toList()),
                new ChartData.Series("New month", series.stream().map(p -> p.runs().newMonth().seconds()).toList()),
                new ChartData.Series("No-op", series.stream().map(p -> p.runs().noop().seconds()).toList()));
        return ChartRenderer.png(new ChartData(ChartData.GROUPED, "Run time against months of history",
                "One repetition per history length, each from an empty lakehouse; wall seconds of each process",
                "Staff-level months in the lakehouse", "Seconds", categories, lines, List.of(), null, null, "0.0"));
    }

    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("results.md"), markdown());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(folder.resolve("results.json").toFile(), json());
            Path chart = folder.resolve(CHART);
            if (series.isEmpty()) {
                Files.deleteIfExists(chart); // an older run's chart would contradict results.md
            } else {
                Files.write(chart, historyChart(series));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long peak(Cycle c) {
        return c.all().stream().mapToLong(r -> r.peakRssMib().orElse(-1)).max().orElse(-1);
    }

    private static String mib(long mib) {
        return mib < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", mib);
    }

    private static String bytes(OptionalLong bytes) {
        return bytes.isEmpty() ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes.getAsLong() / (1024.0 * 1024));
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
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
