package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.publish.LeakScan;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * Cyber Essentials Plus, DSPT per trust, the publication pack and the leak scan, on {@code fixtures/basic}.
 * CE+ assessments in the fixture (score = 100 x pass / (pass + fail)):
 * A1 RAA 2017-03-01 2/3 = 66.667; A2 RBB 2017-06-01 2/2 = 100; A3 RAA 2018-02-01 3/4 = 75;
 * A4 RCC 2019-01-10 2/4 = 50; A7 RDD 2017-09-04 2/2 = 100 (one requirement not tested); and in the 2020-03-02
 * snapshot A5 REE 2020-02-01 4/5 = 80, A6 RBB 2020-01-15 2/3 = 66.667. RDD closed on 2018-04-01 (merged into RBB);
 * the other four trusts are open throughout. A7 is an assessment of a trust that later closed: it counts while RDD
 * is open and at no date after (issue 12, paragraph 2.15), neither for RDD nor for its successor RBB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CyberAndPublicationTest {
    private final SparkSession spark = SharedSpark.get();
    private final Path landing = Repo.fixture("basic");
    @TempDir
    static Path temp;
    private Path first;
    private Path second;

    @BeforeAll
    void runTwice() {
        // The suite's run of the fixture, and a second run of the same inputs into an empty lakehouse.
        first = FixtureLakehouse.of("basic");
        second = temp.resolve("second");
        CliResult run = Cli.pipeline(landing, second);
        assertEquals(ExitCodes.OK, run.exitCode(), run.printed());
    }

    private static Dataset<Row> table(Path lake, String relative) {
        return SharedSpark.table(lake, relative);
    }

    @Test
    void cyberSummaryTakesTheLatestAssessmentOnOrBeforeEachDate() {
        Map<String, Row> byDate = new HashMap<>();
        table(first, "reporting/cyber_summary").collectAsList().forEach(r -> byDate.put(r.getAs("as_at").toString(), r));
        assertEquals(4, byDate.size(), "reporting date and three comparison dates");
        // 2017-05-12 (WannaCry): five trusts open, only A1 done: 66.667, none passed.
        Row wannacry = byDate.get("2017-05-12");
        assertEquals(5L, (long) wannacry.getAs("trusts_in_scope"));
        assertEquals(1L, (long) wannacry.getAs("trusts_assessed"));
        assertEquals(200.0 / 3, (double) wannacry.getAs("mean_score_pct"), 1e-9);
        assertEquals(0L, (long) wannacry.getAs("trusts_passed"));
        // 2017-12-31: RDD is still open (5 in scope): A1 66.667, A2 100 and A7 100; mean (200/3 + 200) / 3 = 800/9
        // = 88.889, median 100, two passed.
        Row late2017 = byDate.get("2017-12-31");
        assertEquals(5L, (long) late2017.getAs("trusts_in_scope"));
        assertEquals(3L, (long) late2017.getAs("trusts_assessed"));
        assertEquals(800.0 / 9, (double) late2017.getAs("mean_score_pct"), 1e-9);
        assertEquals(100.0, (double) late2017.getAs("median_score_pct"), 1e-9);
        assertEquals(2L, (long) late2017.getAs("trusts_passed"));
        // 2020-02-29: RDD closed on 2018-04-01 (4 in scope), so its A7 no longer counts; current A3 75, A6 66.667,
        // A4 50, A5 80. (Counting A7 too, as every assessment on or before the date, would give 5 assessed, mean
        // (75 + 200/3 + 50 + 80 + 100) / 5 = 74.333, median 75 and one passed.)
        Row feb2020 = byDate.get("2020-02-29");
        assertEquals(4L, (long) feb2020.getAs("trusts_in_scope"));
        assertEquals(4L, (long) feb2020.getAs("trusts_assessed"));
        assertEquals((75 + 200.0 / 3 + 50 + 80) / 4, (double) feb2020.getAs("mean_score_pct"), 1e-9);
        assertEquals((75 + 200.0 / 3) / 2, (double) feb2020.getAs("median_score_pct"), 1e-9);
        assertEquals(0L, (long) feb2020.getAs("trusts_passed"), "A2's 100 was superseded by A6; A7's RDD has closed");
        Row reporting = byDate.get("2026-11-24");
        assertEquals("REPORTING_DATE", reporting.getAs("date_role"));
        assertEquals(4L, (long) reporting.getAs("trusts_in_scope"));
        assertEquals(4L, (long) reporting.getAs("trusts_assessed"), "RDD's assessment counts at no date after 2018-04-01");
        assertEquals(0L, (long) reporting.getAs("trusts_passed"));
    }

    @Test
    void anAssessmentOfATrustThatClosedIsNotCountedAtALaterDate() {
        // Issue 12, paragraph 2.15: RDD (assessed A7 = 100 on 2017-09-04) closed on 2018-04-01 and merged into RBB.
        // Counting every assessment on or before a date would put 5 assessed trusts against 4 in scope at
        // 2020-02-29 and at the reporting date; no date may have more trusts assessed than in scope.
        for (Row r : table(first, "reporting/cyber_summary").collectAsList()) {
            assertTrue((long) r.getAs("trusts_assessed") <= (long) r.getAs("trusts_in_scope"), r.toString());
        }
        Row a7 = table(first, "restricted/ceplus_trust_results").filter("assessment_id = 'A7'").head();
        assertEquals("RDD", a7.getAs("org_code"), "the assessment stays with the organisation assessed");
        assertTrue((boolean) a7.getAs("is_current"), "still RDD's latest assessment");
        assertFalse((boolean) a7.getAs("in_scope_at_as_at"), "but RDD is not open at the reporting date");
        // At 2020-02-29 the 100 band is empty: A7's 100 does not count, and A2's 100 was superseded by A6.
        Row band100 = table(first, "reporting/cyber_score_distribution")
                .filter("as_at = DATE'2020-02-29' AND band = '100'").head();
        assertEquals(0L, (long) band100.getAs("trusts"));
        // At 2017-12-31 RDD was open: A2 and A7 are both in the 100 band.
        Row band100In2017 = table(first, "reporting/cyber_score_distribution")
                .filter("as_at = DATE'2017-12-31' AND band = '100'").head();
        assertEquals(2L, (long) band100In2017.getAs("trusts"));
    }

    @Test
    void restrictedResultsKnowTheCurrentAssessmentAndTheFailedRequirements() {
        Map<String, Row> byId = new HashMap<>();
        table(first, "restricted/ceplus_trust_results").collectAsList().forEach(r -> byId.put(r.getAs("assessment_id"), r));
        assertEquals(7, byId.size());
        assertTrue((boolean) byId.get("A3").getAs("in_scope_at_as_at"), "RAA is open at the reporting date");
        assertFalse((boolean) byId.get("A1").getAs("is_current"));
        assertTrue((boolean) byId.get("A3").getAs("is_current"));
        assertEquals("R4", byId.get("A3").getAs("failed_requirements"));
        assertEquals("R1;R2", byId.get("A4").getAs("failed_requirements"));
        assertTrue((boolean) byId.get("A2").getAs("passed"));
        assertEquals(1L, (long) byId.get("A1").getAs("requirements_not_tested"));
    }

    @Test
    void scoreDistributionCountsEachTrustOnceInItsBand() {
        Map<String, Long> feb2020 = new HashMap<>();
        table(first, "reporting/cyber_score_distribution").filter("as_at = DATE'2020-02-29'").collectAsList()
                .forEach(r -> feb2020.put(r.getAs("band"), r.getAs("trusts")));
        assertEquals(11, feb2020.size());
        assertEquals(1L, feb2020.get("50-59"));
        assertEquals(1L, feb2020.get("60-69"));
        assertEquals(1L, feb2020.get("70-79"));
        assertEquals(1L, feb2020.get("80-89"));
        assertEquals(0L, feb2020.get("100"));
    }

    @Test
    void dsptTrustYearsListTheYearsNotMet() {
        Map<String, Row> byOrg = new HashMap<>();
        table(first, "reporting/dspt_trust_years").collectAsList().forEach(r -> byOrg.put(r.getAs("org_code"), r));
        assertEquals("", byOrg.get("RAA").getAs("years_not_met"));
        assertEquals("2019-20", byOrg.get("RCC").getAs("years_not_met"), "not met in 2019-20 after exceeding in 2018-19");
        assertEquals("2019-20", byOrg.get("RBB").getAs("years_not_met"), "its 2018-19 plan was superseded by met");
        assertEquals("2018-19", byOrg.get("REE").getAs("years_not_published"));
    }

    @Test
    void dsptFollowUpFollowsTheTrustsNotMetByTheFirstDate() {
        // Default pair, 2018-19 at 2019-06-17 and 2019-09-30. Open on 2019-06-17: RAA, RBB, RCC, REE (RDD closed
        // 2018-04-01). At 06-17: RAA STANDARDS_MET, RCC STANDARDS_EXCEEDED (met); RBB PLAN_AGREED (returned, not
        // met); REE NOT_PUBLISHED (no returned status: counted apart, not followed). At 09-30: RBB STANDARDS_MET
        // dated 2019-09-30 itself (on or before: met). Still not met 0 of 1 = 0%.
        List<Row> rows = table(first, "reporting/dspt_follow_up").collectAsList();
        assertEquals(1, rows.size(), rows.toString());
        Row r = rows.get(0);
        assertEquals(4L, (long) r.getAs("trusts_in_scope"));
        assertEquals(1L, (long) r.getAs("trusts_not_met_first"));
        assertEquals(1L, (long) r.getAs("trusts_no_status_first"));
        assertEquals(0L, (long) r.getAs("trusts_still_not_met_second"));
        assertEquals(1L, (long) r.getAs("trusts_met_by_second"));
        assertEquals(0L, (long) r.getAs("trusts_closed_between"));
        assertEquals(0.0, (double) r.getAs("still_not_met_pct"), 1e-9);
    }

    @Test
    void thePackIsByteIdenticalAcrossRunsAndItsManifestVerifies() throws IOException {
        Path packA = first.resolve("publication/2026-11-24");
        Path packB = second.resolve("publication/2026-11-24");
        List<String> names;
        try (Stream<Path> files = Files.list(packA)) { // hidden files included: a .crc would show up here
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("cyber_score_distribution.csv", "cyber_summary.csv", "data-dictionary.csv",
                "dspt_summary.csv", "dspt_trust_years.csv", "manifest.json").stream()
                .filter(n -> names.contains(n)).count(), 6L, names.toString());
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(packA.resolve(name)), Files.readAllBytes(packB.resolve(name)), name);
        }
        JsonNode manifest = new ObjectMapper().readTree(packA.resolve("manifest.json").toFile());
        assertTrue(manifest.get("run_id").asText().startsWith("r20261124-"));
        int checked = 0;
        for (JsonNode f : manifest.get("files")) {
            assertEquals(f.get("sha256").asText(),
                    Sha256.hex(Files.readAllBytes(packA.resolve(f.get("file").asText()))));
            checked++;
        }
        assertEquals(names.size() - 1, checked, "every file but the manifest is hashed");
        assertFalse(names.contains("ceplus_trust_results.csv"), "restricted tables are never published");
    }

    @Test
    void thePackIsRoundedAsPublished() throws IOException {
        List<String> lines = Files.readAllLines(first.resolve("publication/2026-11-24/cyber_summary.csv"));
        assertEquals("as_at,date_role,trusts_in_scope,trusts_assessed,mean_score_pct,median_score_pct,trusts_passed,assessed_pct",
                lines.get(0));
        // 2020-02-29: mean 67.917 -> 68, median 70.833 -> 71, 4 of 4 assessed -> 100
        assertEquals("2020-02-29,COMPARISON,4,4,68,71,0,100", lines.get(3));
        String dictionary = Files.readString(first.resolve("publication/2026-11-24/data-dictionary.csv"));
        assertTrue(dictionary.contains("cyber_summary,mean_score_pct,double,pct,rounded half up to a whole number,"), dictionary);
    }

    @Test
    void nothingRestrictedReachesReportingOrThePack() {
        LeakScan scan = new LeakScan(spark, new uk.nhs.digitalmaturity.storage.Lakehouse(first.toUri().toString()));
        Map<String, Dataset<Row>> tables = new HashMap<>();
        try (Stream<Path> dirs = Files.list(first.resolve("reporting"))) {
            dirs.forEach(d -> tables.put(d.getFileName().toString(), spark.read().format("delta").load(d.toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), scan.scanTables(tables));
        assertEquals(List.of(), scan.scanFolder(first.resolve("publication").toString()));
    }

    @Test
    void theLeakScanCatchesARestrictedColumnOrValueDeliberatelyAdded() throws IOException {
        LeakScan scan = new LeakScan(spark, new uk.nhs.digitalmaturity.storage.Lakehouse(first.toUri().toString()));
        Dataset<Row> scores = table(first, "restricted/ceplus_trust_results");
        // A reporting table that gained the trust-level CE+ score under an innocent name (A1 to A7: 7 rows)
        Dataset<Row> renamed = scores.selectExpr("org_code", "ceplus_score_pct AS readiness");
        Dataset<Row> withColumn = table(first, "reporting/dspt_trust_years").withColumn("assessment_id",
                org.apache.spark.sql.functions.lit("A1"));
        List<String> findings = scan.scanTables(Map.of("reporting.bad_scores", renamed, "reporting.bad_ids", withColumn));
        assertTrue(findings.stream().anyMatch(f -> f.contains("bad_scores: column readiness equals the trust's own CE+ score in 7 of 7 row(s)")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("bad_ids: has restricted column assessment_id")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("bad_ids: column assessment_id holds 4 restricted identifier")),
                findings.toString());
        // One trust's figure equal to its CE+ score by coincidence (a percentile of 2/3) is not a leak.
        Dataset<Row> coincidence = spark.sql("SELECT * FROM VALUES ('RAA', 200.0D / 3), ('RBB', 12.5D), "
                + "('RCC', 1.0D), ('REE', 3.0D) AS t(org_code, percentile)");
        assertEquals(List.of(), scan.scanTables(Map.of("reporting.fine", coincidence)));
        Path folder = Files.createDirectories(temp.resolve("leaky-pack"));
        Files.writeString(folder.resolve("x.csv"), "org_code,value\nRAA,A3\n");
        assertEquals(1, scan.scanFolder(folder.toString()).size());
    }
}
