package uk.nhs.digitalmaturity.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.model.ModelRunner;

/** The benchmark's pure logic: targets, results keys, run profiles, --history; no process, no Spark. */
class BenchResultsTest {
    private static final String REBUILT = "build: tables rebuilt (" + ModelRunner.AT_ONCE + " at a time)";

    /** A new-month run's output as the pipeline prints it (ModelRunner, PipelineRun, BronzeIngest), 60 s in all. */
    static final String NEW_MONTH_OUTPUT = String.join("\n",
            "run    r20261124-0a1b2c3d4e5f (execution 2) as at 2026-11-24: 251 landing file(s), 1 new  [9.8 s]",
            "ingest workforce_staff          1 new file(s): 1400000 rows valid, 0 quarantined  [14.2 s]",
            "silver silver.org_map                              stored for later runs  [3.1 s]",
            "25/11/24 10:00:01 WARN SomeSparkClass: a log line the profile ignores",
            "build  reporting.dma_scores                      up to date (version 1, 230 rows)  [0.4 s]",
            "build  reporting.informatics_workforce           3560 rows (version 2; period 2020-03 recomputed)  [12.5 s]",
            "build  reporting.cyber_status                    up to date (version 1, 227 rows)  [0.2 s]",
            "build  reporting.workforce_summary               17000 rows (version 2)  [6.0 s]",
            "publish publication/2026-11-24                    28 files  [5.5 s]",
            "notebooks notebooks/2026-11-24                    12 notebooks  [1.5 s]",
            "done   r20261124-0a1b2c3d4e5f: 1 new file(s), 2 table(s) rebuilt  [0.3 s]",
            "");

    /**
     * The next day's run: nothing new, the silver stage finding its stored views current, one table that reads the
     * date computed again and kept (the same rows), one rebuilt, that day's pack.
     */
    static final String NEXT_DAY_OUTPUT = String.join("\n",
            "run    r20261125-0a1b2c3d4e5f (execution 1) as at 2026-11-25: 252 landing file(s), 0 new  [9.0 s]",
            "silver dma_answers                               up to date (stored by an earlier run)  [7.0 s]",
            "silver finance_folded                            up to date (stored by an earlier run)  [0.5 s]",
            "build  reporting.dma_scores                      up to date (version 1, 230 rows)  [0.3 s]",
            "build  reporting.dspt_follow_up                  up to date (version 1, 1 rows; computed again as at "
                    + "2026-11-25: the same rows)  [4.0 s]",
            "build  reporting.cyber_summary                   4 rows (version 2)  [3.5 s]",
            "publish publication/2026-11-25                    28 files  [15.0 s]",
            "notebooks notebooks/2026-11-25                    12 notebooks  [1.0 s]",
            "done   r20261125-0a1b2c3d4e5f: 0 file(s) ingested, 1 table(s) rebuilt  [0.5 s]",
            "");

    static TimedProcess.Result result(double seconds, long rssMib, long read, String output) {
        return new TimedProcess.Result(0, seconds, OptionalLong.of(rssMib), OptionalLong.of(read), output);
    }

    static TimedProcess.Result result(double seconds) {
        return result(seconds, 3000, 1_000_000L, "");
    }

    @Test
    void targetsAreRatiosWithinTheRun() {
        // new month 28 / 200 = 14% ≤ 15%; no-op 13 / 200 = 6.5% > 6%; Spark 8 / DuckDB 2 = 4.0 ≤ 4;
        // 200 > 0.75 × 250 = 187.5; 3675 ≤ 4096; new month 70 / 60 = 1.17 > 1.15; no-op 11 / 10 = 1.10 ≤ 1.15
        BenchResults.Figures f = new BenchResults.Figures(200, 13, 28, 8, 2, 3675, OptionalDouble.of(250),
                Map.of(6, 50.0, 12, 60.0, 24, 70.0), Map.of(6, 9.0, 12, 10.0, 24, 11.0));
        Map<String, BenchResults.Target> t = byKey(BenchResults.targets(f));
        assertEquals(List.of("new_month_share", "noop_share", "spark_duckdb_ratio", "full_build_vs_baseline",
                "peak_rss", "flat_new_month", "flat_noop"), List.copyOf(t.keySet()));
        assertEquals(true, t.get("new_month_share").met());
        assertEquals("14.0% (28.0 s / 200.0 s)", t.get("new_month_share").measured());
        assertEquals(false, t.get("noop_share").met());
        assertEquals("6.5% (13.0 s / 200.0 s)", t.get("noop_share").measured());
        assertEquals(true, t.get("spark_duckdb_ratio").met());
        assertEquals("4.0× (8.00 s / 2.00 s)", t.get("spark_duckdb_ratio").measured());
        assertEquals(false, t.get("full_build_vs_baseline").met());
        assertEquals("0.80× (200.0 s / 250.0 s)", t.get("full_build_vs_baseline").measured());
        assertEquals(true, t.get("peak_rss").met());
        assertEquals(false, t.get("flat_new_month").met());
        assertEquals("1.17× (70.0 s / 60.0 s)", t.get("flat_new_month").measured());
        assertEquals(true, t.get("flat_noop").met());
        assertEquals("1.10× (11.0 s / 10.0 s)", t.get("flat_noop").measured());
        assertEquals("**no**", t.get("noop_share").metText());
        assertEquals("yes", t.get("flat_noop").metText());
    }

    @Test
    void targetsNotMeasuredAreNeitherMetNorMissed() {
        // 140 ≤ 0.75 × 200 = 150 with a baseline; none without; the series lacks 24 months; no /proc
        BenchResults.Figures without = new BenchResults.Figures(140, 5, 20, 3, 1, -1, OptionalDouble.empty(),
                Map.of(6, 50.0, 12, 60.0), Map.of(6, 9.0, 12, 10.0));
        Map<String, BenchResults.Target> t = byKey(BenchResults.targets(without));
        assertNull(t.get("full_build_vs_baseline").met());
        assertEquals("no baseline measured", t.get("full_build_vs_baseline").metText());
        assertNull(t.get("peak_rss").met());
        assertNull(t.get("flat_new_month").met());
        assertNull(t.get("flat_noop").met());
        assertEquals(true, t.get("spark_duckdb_ratio").met()); // 3 / 1 = 3 ≤ 4
        assertEquals(true, t.get("new_month_share").met()); // 20 / 140 = 14.3% ≤ 15%
        assertEquals(true, t.get("noop_share").met()); // 5 / 140 = 3.6% ≤ 6%
    }

    private static Map<String, BenchResults.Target> byKey(List<BenchResults.Target> targets) {
        return targets.stream().collect(Collectors.toMap(BenchResults.Target::key, x -> x, (a, b) -> a,
                LinkedHashMap::new));
    }

    @Test
    void newMonthProfileKeepsUpToDateTablesOutOfTheBuild() {
        TimedProcess.Result run = result(60.0, 3500, 2_000_000_000L, NEW_MONTH_OUTPUT);
        // steps: 9.8 + 14.2 + 3.1 + 0.4 + 12.5 + 0.2 + 6.0 + 5.5 + 1.5 + 0.3 = 53.5 s; 60 - 53.5 = 6.5 s before and after
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put(REBUILT, 18.5); // 12.5 + 6.0
        expected.put("ingest workforce_staff", 14.2);
        expected.put("start: JVM, Spark, landing scan, ledgers", 9.8);
        expected.put("publish", 5.5);
        expected.put("silver", 3.1);
        expected.put("notebooks", 1.5);
        expected.put("tables up to date: checked, not rebuilt (not build time)", 0.6); // 0.4 + 0.2
        expected.put("done", 0.3);
        expected.put("JVM start before the first line, and exit", 6.5);
        Map<String, Double> profile = BenchResults.profile(run);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(profile.keySet()));
        assertEquals(expected, profile);

        assertEquals(List.of(new BenchResults.TableBuild("reporting.informatics_workforce", 3560, 2, 12.5),
                        new BenchResults.TableBuild("reporting.workforce_summary", 17000, 2, 6.0)),
                BenchResults.rebuiltTables(run));
        assertEquals(2, BenchResults.upToDateTables(run));
    }

    @Test
    void nextDayProfileGivesTheSilverStageAndTheTablesComputedAgainTheirOwnLines() {
        TimedProcess.Result run = result(42.0, 2500, 1L, NEXT_DAY_OUTPUT);
        // steps: 9.0 + 7.0 + 0.5 + 0.3 + 4.0 + 3.5 + 15.0 + 1.0 + 0.5 = 40.8 s; 42 - 40.8 = 1.2 s before and after
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("publish", 15.0);
        expected.put("start: JVM, Spark, landing scan, ledgers", 9.0);
        expected.put("silver", 7.5); // 7.0 + 0.5: the stored views' checks, not the tables'
        expected.put("build: tables computed again for the new date, the same rows kept", 4.0);
        expected.put(REBUILT, 3.5);
        expected.put("notebooks", 1.0);
        expected.put("done", 0.5);
        expected.put("tables up to date: checked, not rebuilt (not build time)", 0.3);
        expected.put("JVM start before the first line, and exit", 1.2);
        Map<String, Double> profile = BenchResults.profile(run);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(profile.keySet()));
        assertEquals(expected, profile);
        assertEquals(List.of(new BenchResults.TableBuild("reporting.cyber_summary", 4, 2, 3.5)),
                BenchResults.rebuiltTables(run));
        assertEquals(1, BenchResults.upToDateTables(run));
        assertEquals(1, BenchResults.sameRowsTables(run));
    }

    @Test
    void jsonKeepsEveryKeyAndAddsTheSeriesAndTheBaseline() {
        BenchResults with = results(true);
        Map<String, Object> j = with.json();
        // every key of the results.json published before issue 15, in its order
        List<String> before = List.of("full_build_s", "noop_run_s", "new_month_run_s", "reporting_stage_s",
                "spark_reporting_queries_s", "duckdb_reporting_s", "spark_duckdb_ratio", "peak_rss_mib", "input_rows",
                "staff_level_months", "cores", "memory_gib", "driver_heap", "repeats", "date", "code_version",
                "command", "runs", "peer_queries", "full_build_profile_s");
        List<String> keys = new ArrayList<>(j.keySet());
        keys.retainAll(before);
        assertEquals(before, keys);
        for (String added : List.of("history_series", "baseline", "new_month_profile_s", "targets",
                "full_build_read_bytes", "noop_read_bytes", "new_month_read_bytes", "new_month_rebuilt_tables")) {
            assertTrue(j.containsKey(added), added);
        }
        // medians of 3 repetitions: full 190, 200, 210 -> 200; new month 30, 28, 26 -> 28; next day 44, 40, 42 -> 42
        assertEquals(200.0, j.get("full_build_s"));
        assertEquals(28.0, j.get("new_month_run_s"));
        assertEquals(42.0, j.get("next_day_run_s"));
        assertEquals(List.of("reporting.cyber_summary"), j.get("next_day_rebuilt_tables"));
        assertEquals(3_000_000_000L, j.get("new_month_read_bytes"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) j.get("history_series");
        assertEquals(List.of(6, 12, 24), series.stream().map(s -> s.get("history_months")).toList());
        for (Map<String, Object> s : series) {
            assertTrue(s.keySet().containsAll(List.of("history_months", "new_month_run_s", "noop_run_s",
                    "full_build_s", "new_month_read_bytes", "noop_read_bytes")), s.keySet().toString());
        }
        assertEquals(70.0, series.get(2).get("new_month_run_s"));
        assertEquals(24_000_000L, series.get(2).get("noop_read_bytes"));

        @SuppressWarnings("unchecked")
        Map<String, Object> baseline = (Map<String, Object>) j.get("baseline");
        assertEquals("0.1.0 (commit 0123abc)", baseline.get("code_version"));
        assertEquals(250.0, baseline.get("full_build_s"));
        assertEquals(15.0, baseline.get("noop_run_s"));
        assertEquals(90.0, baseline.get("new_month_run_s"));

        @SuppressWarnings("unchecked")
        Map<String, Double> profile = (Map<String, Double>) j.get("new_month_profile_s");
        assertEquals(18.5, profile.get(REBUILT));

        Map<String, Object> without = results(false).json();
        assertTrue(without.containsKey("baseline"));
        assertNull(without.get("baseline"));
        assertEquals(List.of(), without.get("history_series"));
        String md = results(false).markdown();
        assertTrue(md.contains("| no baseline measured |"), md);
    }

    @Test
    void markdownHasTheNewSections() {
        String md = results(true).markdown();
        for (String heading : List.of("## Targets", "## Before and after (same machine, same run)",
                "## History length", "## Where the new-month run's time goes (last repetition)",
                "### Tables the new-month run rebuilt (2)", "](history-series.png)")) {
            assertTrue(md.contains(heading), heading);
        }
        assertTrue(md.contains("| 24 | 1,500 | 400.0 s | 11.0 s | 70.0 s |"), md);
        assertTrue(md.contains("| Full build | 250.0 s | 200.0 s | 0.80× |"), md);
        // the next day: median 42 s of a 200 s full build is 21%; its own section names the table it rebuilt
        assertTrue(md.contains("as at today: the tables that read the date, that day's pack; 21% of the full build) "
                + "| 42.0 s | 44.0, 40.0, 42.0 |"), md);
        assertTrue(md.contains("42.0 s in all; it rebuilt 1 table(s) (reporting.cyber_summary), computed 1 again "
                + "and kept their versions (the same rows), and found 1 up to date."), md);
        assertTrue(md.contains("| publish | 15.0 |"), md);
    }

    @Test
    void historyChartIsTheSameBytesEveryTime() throws Exception {
        List<BenchResults.HistoryPoint> series = series();
        byte[] png = BenchResults.historyChart(series);
        assertArrayEquals(png, BenchResults.historyChart(series));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(900, image.getWidth());
        assertEquals(520, image.getHeight());
    }

    @Test
    void historyOption() {
        assertEquals(List.of(6, 12, 24), BenchCommand.parseHistory("6,12,24"));
        assertEquals(List.of(6, 24), BenchCommand.parseHistory(" 24, 6,6"));
        assertEquals(List.of(), BenchCommand.parseHistory(""));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseHistory("0"));
        assertThrows(IllegalArgumentException.class, () -> BenchCommand.parseHistory("6,x"));
    }

    private static List<BenchResults.HistoryPoint> series() {
        return List.of(
                point(6, 500, 120, 9, 50, 9_000_000L),
                point(12, 1000, 200, 10, 60, 10_000_000L),
                point(24, 1500, 400, 11, 70, 24_000_000L));
    }

    private static BenchResults.HistoryPoint point(int months, long rows, double full, double noop, double month,
                                                   long noopRead) {
        return new BenchResults.HistoryPoint(months, rows, new BenchResults.Cycle(result(full),
                result(noop, 2000, noopRead, ""), result(month)));
    }

    private static BenchResults results(boolean everything) {
        List<BenchCommand.PipelineTimings> reps = List.of(
                new BenchCommand.PipelineTimings(result(190), result(13), result(30, 3000, 3_100_000_000L, ""),
                        result(44), result(80)),
                new BenchCommand.PipelineTimings(result(200), result(12), result(28, 3000, 3_000_000_000L, ""),
                        result(40), result(85)),
                new BenchCommand.PipelineTimings(result(210), result(14),
                        result(26, 3600, 2_900_000_000L, NEW_MONTH_OUTPUT), result(42, 2500, 1L, NEXT_DAY_OUTPUT),
                        result(90)));
        PeerComparison.Query query = new PeerComparison.Query("q", "A query", "reporting/q.sql", "k", true);
        List<PeerComparison.Timing> peer = List.of(new PeerComparison.Timing(query, 8, 2, 10, 0));
        BenchResults.Baseline baseline = new BenchResults.Baseline("0.1.0 (commit 0123abc)",
                new BenchResults.Cycle(result(250), result(15), result(90)));
        return new BenchResults(reps, peer, 1000, 12, "0.1.0+code.abc@def", LocalDate.of(2026, 11, 24), "bench/run",
                "3g", everything ? series() : List.of(), everything ? baseline : null);
    }
}
