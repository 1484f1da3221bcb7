package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The foundation end to end on the hand-built fixture {@code fixtures/basic}: five trusts (RDD merged into
 * RBB), DSPT statuses in two snapshots (the second changes RBB's 2018-19 status to met and adds 2019-20),
 * and bad rows of each kind in finance and workforce. Every expected number below is worked out by hand
 * from the fixture files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FoundationPipelineTest {
    private final SparkSession spark = SharedSpark.get();
    private final Path landing = Repo.fixture("basic");
    @TempDir
    static Path temp;
    private Path lakehouse;

    @BeforeAll
    void runOnce() {
        lakehouse = FixtureLakehouse.of("basic");
    }

    /** A table of a lakehouse, read by path (tests run several lakehouses; the catalog points at the last). */
    private static Dataset<Row> table(Path lake, String relative) {
        return SharedSpark.table(lake, relative);
    }

    /** A copy of the suite's run of the fixture, which a test may change. */
    private static FixtureLakehouse.Copy copyOfBase(String name) {
        return FixtureLakehouse.copy("basic", temp.resolve(name));
    }

    private Map<String, Row> dspt(Path lake) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : table(lake, "reporting/dspt_summary").collectAsList()) {
            rows.put(r.getAs("dspt_year") + "/" + r.getAs("status"), r);
        }
        return rows;
    }

    @Test
    void dsptSummaryCountsTheLatestStatusPerTrustAndYear() {
        Map<String, Row> rows = dspt(lakehouse);
        // 2018-19: RAA met, RBB plan agreed then met (later snapshot), RCC exceeded, REE not published.
        Row met1819 = rows.get("2018-19/STANDARDS_MET");
        assertEquals(2L, (long) met1819.getAs("trusts"));
        assertEquals(4L, (long) met1819.getAs("trusts_listed"));
        assertEquals(3L, (long) met1819.getAs("trusts_returned"));
        assertEquals(3L, (long) met1819.getAs("trusts_passed"));
        assertEquals(100.0, (double) met1819.getAs("passed_pct"), 1e-12);
        assertEquals(50.0, (double) met1819.getAs("share_pct"), 1e-12);
        assertEquals(0L, (long) rows.get("2018-19/PLAN_AGREED").getAs("trusts"));
        // 2019-20: RAA met, RBB and REE interim, RCC not met: 1 of 4 passed.
        Row met1920 = rows.get("2019-20/STANDARDS_MET");
        assertEquals(4L, (long) met1920.getAs("trusts_returned"));
        assertEquals(1L, (long) met1920.getAs("trusts_passed"));
        assertEquals(25.0, (double) met1920.getAs("passed_pct"), 1e-12);
        assertEquals(2L, (long) rows.get("2019-20/INTERIM_SUBMITTED").getAs("trusts"));
        assertEquals(16, rows.size(), "2 years x 8 statuses, zero rows included");
    }

    @Test
    void everyLandingRowIsInBronzeOrInQuarantine() throws IOException {
        for (Source source : Source.values()) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(landing)) {
                files = walk.filter(p -> p.getFileName().toString().equals(source.fileName())
                        && p.getParent().getParent().getFileName().toString().equals(source.folder())).toList();
            }
            long inFiles = files.stream().mapToLong(Landings::dataRows).sum();
            long valid = table(lakehouse, source.zone().database() + "/" + source.table()).count();
            long quarantined = table(lakehouse, "restricted/quarantine")
                    .filter("source = '" + source.table() + "'").count();
            assertEquals(inFiles, valid + quarantined, source.table() + ": rows in files = bronze + quarantine");
        }
        assertEquals(4L, table(lakehouse, "bronze/finance_returns").count());
    }

    @Test
    void eachBadRowIsQuarantinedWithItsRule() {
        Map<String, String> rules = new HashMap<>();
        for (Row r : table(lakehouse, "restricted/quarantine").select("source", "row_number", "rule").collectAsList()) {
            rules.put(r.getString(0) + ":" + r.getLong(1), r.getString(2));
        }
        assertEquals(Map.of(
                "finance_returns:5", "INVALID_TYPE",      // value_k = abc
                "finance_returns:6", "UNKNOWN_ORG",       // RZZ is no organisation
                "finance_returns:7", "BAD_FIN_YEAR",      // 2017-19
                "finance_returns:8", "DUPLICATE_KEY",     // RCC 2017-18 CAP_IT_HW twice
                "finance_returns:9", "DUPLICATE_KEY",
                "workforce_org:5", "OUT_OF_RANGE"),       // fte = -3
                rules);
        Row raw = table(lakehouse, "restricted/quarantine").filter("rule = 'INVALID_TYPE'")
                .select("raw_line", "detail").head();
        assertEquals("RBB,2017-18,CAP_IT_HW,abc", raw.getString(0));
        assertEquals("value_k is not a decimal number with at most 6 decimal places", raw.getString(1));
    }

    @Test
    void extraColumnsAreKeptAndTheByteOrderMarkAndColumnOrderDoNotMatter() {
        Row doctors = table(lakehouse, "bronze/workforce_org").filter("org_code = 'RAA' AND _row_number = 3")
                .selectExpr("extra_columns['nationality']").head();
        assertEquals("Irish", doctors.getString(0));
        // The deflator file starts with a BOM and has header " INDEX" in another case.
        assertEquals(0, new java.math.BigDecimal("91.93").compareTo(table(lakehouse, "bronze/deflators")
                .filter("fin_year = '2013-14'").select("index").head().getDecimal(0)));
    }

    @Test
    void aSecondRunWithNothingNewDoesNothing() {
        Path lakehouse = copyOfBase("again").lakehouse();
        long executions = table(lakehouse, "ops/runs").count();
        long before = DeltaTable.forPath(spark, lakehouse.resolve("reporting/dspt_summary").toString())
                .history().count();
        assertEquals(ExitCodes.OK, Cli.pipeline(landing, lakehouse).exitCode());
        long after = DeltaTable.forPath(spark, lakehouse.resolve("reporting/dspt_summary").toString())
                .history().count();
        assertEquals(before, after, "no new commit on a reporting table");
        Row last = table(lakehouse, "ops/runs").orderBy(org.apache.spark.sql.functions.col("started_at").desc())
                .select("status", "execution", "run_id").head();
        assertEquals("NOTHING_TO_DO", last.getString(0));
        assertEquals(executions + 1, table(lakehouse, "ops/runs").count());
        Row first = table(lakehouse, "ops/runs").filter("execution = 1").select("run_id").head();
        assertEquals(first.getString(0), last.getString(2), "same inputs and parameters: the same run id");
        assertTrue(last.getInt(1) >= 2);
    }

    /**
     * The documented nightly run has no --as-at: it runs as at today, so the date moves every night. With nothing
     * new, only the five tables that read the date itself are computed again (ModelCatalog#showsTheReportingDate,
     * worked out from sql/ in ReportingDateReadersTest); the rest, and the stored silver views, are left as they
     * are. Of the five, the fixture's assessments and organisations are all older than either date, so only the
     * two that publish the date as a column (cyber_summary, cyber_score_distribution: as_at) get new rows and a
     * new version; the other three come out the same and keep theirs, and so the pack keeps every other file from
     * the day before. What it publishes is what a rebuild of every table as at that day publishes, byte for byte.
     */
    @Test
    void theNextDayWithNothingNewRebuildsOnlyTheTablesThatReadTheDateAndPublishesWhatARebuildWould() {
        Path lakehouse = copyOfBase("next-day").lakehouse();
        Map<String, Long> before = uk.nhs.digitalmaturity.testing.DeltaVersions.of(lakehouse);
        CliResult nextDay = Cli.pipelineAsAt("2026-11-25", landing, lakehouse, "--no-notebooks");
        assertEquals(ExitCodes.OK, nextDay.exitCode(), nextDay.err());
        List<String> rebuilt = table(lakehouse, "ops/runs").orderBy(org.apache.spark.sql.functions.col("started_at")
                        .desc()).limit(1).selectExpr("explode(outputs) AS o").where("o.recomputed")
                .selectExpr("o.table").orderBy("table").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(List.of("reporting.cyber_score_distribution", "reporting.cyber_summary"), rebuilt);
        for (String same : List.of("restricted.ceplus_trust_results", "reporting.dspt_follow_up",
                "reporting.organisation_counts")) {
            assertTrue(nextDay.out().lines().anyMatch(l -> l.contains(same) && l.contains("computed again as at "
                    + "2026-11-25: the same rows")), same + " computed again, found the same:\n" + nextDay.out());
        }
        Map<String, Long> after = uk.nhs.digitalmaturity.testing.DeltaVersions.of(lakehouse);
        before.forEach((table, version) -> {
            if (!table.startsWith("ops") && !table.startsWith("reporting/cyber_")) {
                assertEquals(version, after.get(table), table + " keeps its version");
            }
        });
        // finance_folded stays; this fixture has no survey, and an empty stored view holds no row to carry its
        // fingerprint, so dma_answers (empty) is computed again every run
        assertTrue(nextDay.out().lines().anyMatch(l -> l.startsWith("silver finance_folded")
                && l.contains("up to date (stored by an earlier run)")), "the stored view stays:\n" + nextDay.out());
        assertTrue(nextDay.out().contains("(24 unchanged, kept from the last pack)"), nextDay.out()); // 26 less the two

        Path pack = lakehouse.resolve("publication/2026-11-25");
        Path incremental = temp.resolve("next-day-pack");
        Landings.copy(pack, incremental);
        CliResult rebuild = Cli.pipelineAsAt("2026-11-25", landing, lakehouse, "--no-notebooks", "--rebuild");
        assertEquals(ExitCodes.OK, rebuild.exitCode(), rebuild.err());
        uk.nhs.digitalmaturity.testing.Packs.assertIdentical(pack, incremental);
    }

    /**
     * An organisations date fixed on the new day, after the last run's date: no run with these parameters could
     * have been as at the last run's date, so the date tables are not taken as changed by the date alone; they
     * are committed as computed. (Asking what their fingerprint would have been then used to stop the run.)
     */
    @Test
    void anOrganisationsDateFixedAfterTheLastRunsDateStillRuns() {
        Path lakehouse = copyOfBase("next-day-fixed-organisations").lakehouse();
        CliResult nextDay = Cli.pipelineAsAt("2026-11-25", landing, lakehouse, "--no-notebooks",
                "--organisations-as-at", "2026-11-25");
        assertEquals(ExitCodes.OK, nextDay.exitCode(), nextDay.err());
        assertTrue(!nextDay.out().contains("the same rows"), nextDay.out());
    }

    @Test
    void runRecordsAndDeltaCommitsCarryTheRunAndItsInputs() {
        Row run = table(lakehouse, "ops/runs").filter("execution = 1").selectExpr("run_id", "status", "size(inputs)",
                "size(outputs)", "quarantined['finance_returns']").head();
        assertEquals("SUCCEEDED", run.getString(1));
        assertEquals(10, run.getInt(2), "ten landing files");
        assertEquals(new uk.nhs.digitalmaturity.model.ModelCatalog(uk.nhs.digitalmaturity.model.stats.JavaModels.all()).models().size(),
                run.getInt(3), "every output table is in the run record");
        assertEquals(5L, run.getLong(4));
        String metadata = DeltaTable.forPath(spark, lakehouse.resolve("bronze/finance_returns").toString())
                .history(1).select("userMetadata").head().getString(0);
        assertTrue(metadata.contains(run.getString(0)), metadata);
        Row detail = DeltaTable.forPath(spark, lakehouse.resolve("reporting/dspt_summary").toString())
                .detail().select("properties", "description").head();
        Map<String, String> props = detail.getJavaMap(0);
        assertEquals("interval 2557 days", props.get("delta.logRetentionDuration"));
        assertEquals("interval 2557 days", props.get("delta.deletedFileRetentionDuration"));
        assertEquals("false", props.get("delta.enableDeletionVectors"));
        assertTrue(detail.getString(1).contains("paragraph 2.11"));
        String comment = table(lakehouse, "reporting/dspt_summary").schema().apply("passed_pct").getComment().get();
        assertTrue(comment.contains("trusts_returned"), comment);
    }

    @Test
    void anEarlierAsAtIgnoresLaterSnapshots() {
        // Bronze already holds every snapshot: a run as at an earlier date must not read the later ones.
        Path early = copyOfBase("early").lakehouse();
        assertEquals(ExitCodes.OK, Cli.pipelineAsAt("2019-12-31", landing, early).exitCode());
        Map<String, Row> rows = dspt(early);
        // The 2020-03-02 snapshot is not visible: RBB is still PLAN_AGREED and there is no 2019-20.
        assertEquals(2L, (long) rows.get("2018-19/STANDARDS_MET").getAs("trusts_passed"));
        assertEquals(1L, (long) rows.get("2018-19/PLAN_AGREED").getAs("trusts"));
        assertNull(rows.get("2019-20/STANDARDS_MET"));
        List<String> read = table(early, "ops/runs").filter("as_at = DATE'2019-12-31'")
                .selectExpr("explode(inputs) AS i").selectExpr("i.source_file")
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(8, read.size());
        assertTrue(read.stream().noneMatch(f -> f.contains("2020-03-02")), read.toString());
    }

    @Test
    void aSuccessorCycleStopsTheRunNamingTheCodes() throws IOException {
        FixtureLakehouse.Copy copy = copyOfBase("cycle");
        Files.createDirectories(copy.landing().resolve("organisations/2019-07-01"));
        Files.writeString(copy.landing().resolve("organisations/2019-07-01/successors.csv"),
                "predecessor_code,successor_code,effective_date\nRBB,RCC,2019-07-01\nRCC,RBB,2019-07-01\n");
        CliResult run = Cli.pipeline(copy.landing(), copy.lakehouse());
        assertEquals(ExitCodes.CONTRACT_VIOLATION, run.exitCode());
        assertTrue(run.err().contains("successor cycle RBB -> RCC -> RBB"), run.err());
        assertTrue(run.err().contains("organisations/2019-07-01/successors.csv"), run.err());
    }

    @Test
    void aChangedLandingFileStopsTheRun() throws IOException {
        FixtureLakehouse.Copy copy = copyOfBase("changed");
        Files.writeString(copy.landing().resolve("deflators/2019-06-03/gdp_deflators.csv"), "\n2019-20,101.5\n",
                StandardOpenOption.APPEND);
        CliResult run = Cli.pipeline(copy.landing(), copy.lakehouse());
        assertEquals(ExitCodes.CONTRACT_VIOLATION, run.exitCode());
        assertTrue(run.err().contains("deflators/2019-06-03/gdp_deflators.csv: changed since run"), run.err());
        // one line, no stack trace (the bad-file corpus, issue 17, asserts the same of every refused file)
        org.junit.jupiter.api.Assertions.assertFalse(run.printed().contains("\tat "), run.printed());
    }

    @Test
    void anIngestedFileIsReadAgainOnlyWhenTouchedOrWhenAskedTo() throws IOException {
        FixtureLakehouse.Copy copy = copyOfBase("touched");
        String relative = "deflators/2019-06-03/gdp_deflators.csv";
        // Every file of the copy has a new modification time: read again, same checksums, nothing new.
        CliResult touched = Cli.pipeline(copy.landing(), copy.lakehouse());
        assertEquals(ExitCodes.OK, touched.exitCode());
        assertTrue(touched.out().contains("nothing new"), touched.out());
        // Different bytes of the same length, with the size and modification time the ledger recorded (the
        // original file's): the run trusts the ledger, and only --verify-checksums can tell.
        Path deflators = copy.landing().resolve(relative);
        Files.writeString(deflators, Files.readString(deflators).replace("91.93", "91.94"));
        Files.setLastModifiedTime(deflators, Files.getLastModifiedTime(landing.resolve(relative)));
        assertEquals(ExitCodes.OK, Cli.pipeline(copy.landing(), copy.lakehouse()).exitCode());
        CliResult verified = Cli.pipeline(copy.landing(), copy.lakehouse(), "--verify-checksums");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, verified.exitCode());
        assertTrue(verified.err().contains(relative + ": changed since run"), verified.err());
    }

    @Test
    void aMissingDeflatorYearStopsTheRun() {
        FixtureLakehouse.Copy copy = copyOfBase("deflator");
        CliResult run = Cli.pipeline(copy.landing(), copy.lakehouse(), "--window-start", "2012-13");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, run.exitCode());
        assertTrue(run.err().contains("no GDP deflator for 2012-13"), run.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, Cli.run("run", "--as-at", "yesterday").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("run", "--price-base-year", "2018-20").exitCode());
    }
}
