package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.runrecord.RunRecord;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.LakehouseLock;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.DeltaVersions;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * {@code runs} and {@code export --run} on a copy of the {@code finance} fixture's run (the first run, as at the
 * fixtures' date) and a second run as at a later date that reads a resubmission: RQN's 2019-20 IT capital
 * expenditure, 50 k in the fixture, resubmitted as 150 k in a new snapshot. Worked by hand from the fixture
 * files: 2019-20 additions are RNR's 400 k and RQN's 50 k, {@code £450,000} in the first run, {@code £550,000}
 * in the second; in 2018-19 prices (deflator 128 / 131.072 = 0.9765625) {@code 439,453.125} and
 * {@code 537,109.375}; two trusts reporting either way.
 */
class RunsAndExportTest {
    private static final String SECOND_AS_AT = "2026-12-01";
    /** Landing files of the fixture: deflators 1, finance 4, organisations 2, workforce 5. */
    private static final int FIXTURE_FILES = 12;
    @TempDir
    static Path temp;
    private static FixtureLakehouse.Copy copy;
    private static String first;
    private static String second;
    /** it_capex_by_year's Delta version after the first run, from the log's file names (not from ops.runs). */
    private static long firstVersion;

    private final SparkSession spark = SharedSpark.get();

    @BeforeAll
    static void twoRuns() throws IOException {
        copy = FixtureLakehouse.copy("finance", temp.resolve("two-runs"));
        first = SharedSpark.table(copy.lakehouse(), "ops/runs").select("run_id").head().getString(0);
        firstVersion = DeltaVersions.of(copy.lakehouse()).get("reporting/it_capex_by_year");
        Path resubmitted = copy.landing().resolve("finance/2026-11-30/finance_returns.csv");
        Files.createDirectories(resubmitted.getParent());
        Files.writeString(resubmitted, "org_code,fin_year,sub_code,value_k\nRQN,2019-20,CAP_IT_HW,150\n"
                + "RQN,2019-20,OPEX_TOTAL,30000\n");
        CliResult run = Cli.pipelineAsAt(SECOND_AS_AT, copy.landing(), copy.lakehouse(), "--no-notebooks");
        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        second = SharedSpark.table(copy.lakehouse(), "ops/runs").filter("as_at = '" + SECOND_AS_AT + "'")
                .select("run_id").head().getString(0);
        assertNotEquals(first, second, "a new snapshot is a new run id");
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(text)).getRecords();
    }

    private static CliResult runs(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("runs", "--lakehouse", copy.lakehouse().toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private CliResult export(String runId, String table, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("export", "--lakehouse", copy.lakehouse().toString(),
                "--run", runId, "--table", table, "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void exportOfTheFirstRunGivesTheFirstRunsRowsNotTheLatest() throws IOException {
        Path firstCsv = temp.resolve("first.csv");
        CliResult exported = export(first, "reporting.it_capex_by_year", firstCsv);
        assertEquals(ExitCodes.OK, exported.exitCode(), exported.summary());
        assertTrue(exported.out().contains("Delta version " + firstVersion + ", 7 rows -> "), exported.out());
        Map<String, CSVRecord> years = byYear(csv(Files.readString(firstCsv, StandardCharsets.UTF_8)));
        assertEquals(7, years.size(), "2013-14 to 2019-20");
        assertEquals("450000", years.get("2019-20").get("it_capex_nominal_gbp"));
        assertEquals("439453.125", years.get("2019-20").get("it_capex_real_gbp"));
        assertEquals("2", years.get("2019-20").get("trusts_reporting"));
        assertEquals("2055000", years.get("2013-14").get("it_capex_nominal_gbp"), "a year the resubmission leaves");

        Path secondCsv = temp.resolve("second.csv");
        assertEquals(ExitCodes.OK, export(second, "reporting.it_capex_by_year", secondCsv).exitCode());
        CSVRecord latest = byYear(csv(Files.readString(secondCsv, StandardCharsets.UTF_8))).get("2019-20");
        assertEquals("550000", latest.get("it_capex_nominal_gbp"), "the second run reads RQN's 150 k");
        assertEquals("537109.375", latest.get("it_capex_real_gbp"));

        Path parquet = temp.resolve("first.parquet");
        CliResult asParquet = export(first, "reporting.it_capex_by_year", parquet, "--format", "parquet");
        assertEquals(ExitCodes.OK, asParquet.exitCode(), asParquet.summary());
        assertTrue(Files.isRegularFile(parquet), "one file, not a folder");
        Row y = spark.read().parquet(parquet.toString()).filter("fin_year = '2019-20'").head();
        assertEquals(0, new java.math.BigDecimal("450000").compareTo(y.getAs("it_capex_nominal_gbp")));
        try (var beside = Files.list(temp)) {
            assertEquals(List.of(), beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "nothing staged left beside the files");
        }
    }

    private static Map<String, CSVRecord> byYear(List<CSVRecord> records) {
        Map<String, CSVRecord> m = new java.util.TreeMap<>();
        records.forEach(r -> m.put(r.get("fin_year"), r));
        return m;
    }

    @Test
    void exportRefusesOtherTablesUnknownRunsAndAnExistingFile() throws IOException {
        Path out = temp.resolve("refused.csv");
        CliResult restricted = export(first, "restricted.workforce_staff_fte", out);
        assertEquals(ExitCodes.USAGE, restricted.exitCode(), restricted.summary());
        assertTrue(restricted.err().contains("reporting.* tables only, not restricted.workforce_staff_fte"),
                restricted.err());
        assertEquals(ExitCodes.USAGE, export(first, "bronze.finance_returns", out).exitCode());
        assertEquals(ExitCodes.USAGE, export(first, "reporting.../restricted/quarantine", out).exitCode());
        assertFalse(Files.exists(out));

        CliResult unknown = export("r20000101-000000000000", "reporting.it_capex_by_year", out);
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.summary());
        assertTrue(unknown.err().contains("no run r20000101-000000000000"), unknown.err());

        Files.writeString(out, "keep me\n");
        CliResult exists = export(first, "reporting.it_capex_by_year", out);
        assertEquals(ExitCodes.USAGE, exists.exitCode(), exists.summary());
        assertTrue(exists.err().contains("--force"), exists.err());
        assertEquals("keep me\n", Files.readString(out));
        assertEquals(ExitCodes.OK, export(first, "reporting.it_capex_by_year", out, "--force").exitCode());
        assertTrue(Files.readString(out).startsWith("fin_year,it_capex_nominal_gbp,"), Files.readString(out));
    }

    @Test
    void runsListsBothRunsNewestFirstAndShowsOneWhole() throws IOException {
        List<CSVRecord> listed = csv(runs("--format", "csv").out());
        assertEquals(2, listed.size(), "the fixture's run and the second");
        assertEquals(second, listed.get(0).get("run_id"), "newest first");
        assertEquals(SECOND_AS_AT, listed.get(0).get("as_at"));
        assertEquals("SUCCEEDED", listed.get(0).get("status"));
        assertEquals("1", listed.get(0).get("files_ingested"), "the resubmission only");
        assertEquals("0", listed.get(0).get("exit_code"));
        assertEquals(first, listed.get(1).get("run_id"));
        assertEquals("SUCCEEDED", listed.get(1).get("status"));
        assertEquals(String.valueOf(FIXTURE_FILES), listed.get(1).get("files_ingested"));
        assertTrue(listed.get(1).get("started_utc").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                listed.get(1).get("started_utc"));
        assertEquals(1, csv(runs("--format", "csv", "--limit", "1").out()).size());

        CliResult whole = runs(first);
        assertEquals(ExitCodes.OK, whole.exitCode(), whole.summary());
        Path returns = copy.landing().resolve("finance/2019-06-03/finance_returns.csv");
        String inputLine = whole.out().lines().filter(l -> l.contains("finance/2019-06-03/finance_returns.csv"))
                .findFirst().orElseThrow();
        assertTrue(inputLine.contains(Sha256.hex(Files.readAllBytes(returns))), inputLine);
        assertTrue(inputLine.matches(".*\\|\\s*" + Landings.dataRows(returns) + "\\s*\\|.*"), inputLine);
        String outputLine = whole.out().lines().filter(l -> l.contains("reporting.it_capex_by_year"))
                .findFirst().orElseThrow();
        assertTrue(outputLine.matches("\\|reporting.it_capex_by_year\\s*\\|\\s*" + firstVersion + "\\s*\\|\\s*7\\s*\\|.*"),
                outputLine);
        assertTrue(whole.out().lines().anyMatch(l -> l.matches("\\|price_base_year\\s*\\|2018-19\\s*\\|")), whole.out());
        assertTrue(whole.out().lines().anyMatch(l -> l.matches("\\|as_at\\s*\\|2026-11-24\\s*\\|")), whole.out());
        // the pack it published: the CSV of it_capex_by_year with its 7 rows (one per year, 2013-14 to 2019-20)
        assertTrue(whole.out().lines().anyMatch(l -> l.matches("\\|it_capex_by_year.csv\\s*\\|[0-9a-f]{64}\\|\\s*7\\s*\\|")),
                whole.out());

        CliResult unknown = runs("r20000101-000000000000");
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.summary());
        assertTrue(unknown.err().contains("no run r20000101-000000000000"), unknown.err());
    }

    @Test
    void aRunningRowIsShownRunningOnlyWhileItsProcessHoldsTheLock() throws IOException {
        FixtureLakehouse.Copy own = FixtureLakehouse.copy("finance", temp.resolve("running"));
        Lakehouse lakehouse = Lakehouse.at(spark, own.lakehouse().toString());
        PipelineConfig config = PipelineConfig.load(null);
        RunLedger ledger = new RunLedger(spark, lakehouse, new DeltaTables(spark, config.logRetention(),
                config.deletedFileRetention()));
        String runId = "r20261201-0123456789ab";
        LakehouseLock held = LakehouseLock.acquire(spark.sparkContext().hadoopConfiguration(), lakehouse.root(),
                "run (test)", Duration.ZERO);
        try {
            held.runId(runId);
            ledger.write(RunRecord.builder(new RunRecord.Identity(runId, 1, "run", Map.of(), LocalDate.of(2026, 12, 1),
                    "0.1.0", "abc", "landing", lakehouse.root(), Instant.now())).running());
            CSVRecord live = csv(Cli.run("runs", "--lakehouse", own.lakehouse().toString(), "--format", "csv").out())
                    .get(0);
            assertEquals(runId, live.get("run_id"));
            assertEquals("RUNNING", live.get("status"), "its process (this one) holds the lock");
        } finally {
            held.close();
        }
        CSVRecord dead = csv(Cli.run("runs", "--lakehouse", own.lakehouse().toString(), "--format", "csv").out()).get(0);
        assertEquals(runId, dead.get("run_id"));
        assertEquals("RUNNING (no live process: died?)", dead.get("status"));
        assertEquals("", dead.get("exit_code"));
    }
}
