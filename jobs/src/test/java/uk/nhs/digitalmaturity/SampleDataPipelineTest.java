package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.publish.LeakScan;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The whole pipeline on the committed sample landing zone. Expected numbers are the published ones of
 * {@code ../shared/nao-figures.md} (rounded as published), not the code's own output.
 */
class SampleDataPipelineTest {

    @Test
    void everySampleRowIsAccountedForAndNoneIsQuarantined() throws IOException {
        Path landing = Repo.root().resolve("sample-data");
        for (Source source : Source.values()) {
            long inFiles;
            try (Stream<Path> walk = Files.walk(landing.resolve(source.folder()))) {
                inFiles = walk.filter(p -> p.getFileName().toString().equals(source.fileName()))
                        .mapToLong(Landings::dataRows).sum();
            }
            long valid = SampleLakehouse.table(source.zone().database() + "/" + source.table()).count();
            long quarantined = SampleLakehouse.table("restricted/quarantine").filter("source = '" + source.table() + "'").count();
            assertEquals(inFiles, valid + quarantined, source.table());
            assertEquals(0, quarantined, source.table() + ": the sample data keeps the contract");
            assertEquals(inFiles, SampleLakehouse.table("ops/ingested_files").filter("source = '" + source.table() + "'")
                    .selectExpr("coalesce(sum(valid_rows), 0)").head().getLong(0), source.table() + " ledger");
        }
    }

    @Test
    void runsListsTheSampleRun() {
        String runId = SampleLakehouse.table("ops/runs").select("run_id").head().getString(0);
        CliResult runs = Cli.run("runs", "--lakehouse", SampleLakehouse.get().toString());
        assertEquals(ExitCodes.OK, runs.exitCode(), runs.summary());
        // one line per execution: the sample run, SUCCEEDED, as at the sample date
        String line = runs.out().lines().filter(l -> l.contains(runId)).findFirst().orElseThrow(() ->
                new AssertionError(runs.out()));
        assertTrue(line.contains("SUCCEEDED") && line.contains(AsAt.SAMPLE), line);
    }

    @Test
    void organisationCountsAt31March2019Are150FoundationTrustsOf227() {
        // NAO paragraph 2.4 / summary 1: at 31 March 2019, 150 of the 227 trusts were foundation trusts ("over
        // 220" in all). The default organisation_count_dates is ["2019-03-31"]; 227 - 150 = 77 NHS trusts;
        // 150 / 227 = 66.08% -> 66, 77 / 227 = 33.92% -> 34.
        List<Row> rows = SampleLakehouse.table("reporting/organisation_counts").collectAsList();
        assertFalse(rows.isEmpty());
        long ft = 0;
        long nhs = 0;
        for (Row r : rows) {
            assertEquals("2019-03-31", String.valueOf((Object) r.getAs("as_at_date")), "the only configured date");
            assertEquals(227L, (long) r.getAs("trusts_at_date"));
            long trusts = r.getAs("trusts");
            if ("FOUNDATION_TRUST".equals(r.getAs("org_type"))) {
                ft += trusts;
                assertEquals(150L, (long) r.getAs("org_type_trusts"));
                assertEquals(66, Math.round((double) r.getAs("org_type_share_pct")));
            } else {
                assertEquals("NHS_TRUST", r.getAs("org_type"));
                nhs += trusts;
                assertEquals(77L, (long) r.getAs("org_type_trusts"));
                assertEquals(34, Math.round((double) r.getAs("org_type_share_pct")));
            }
            assertEquals(100.0 * trusts / 227, (double) r.getAs("share_pct"), 1e-9);
        }
        assertEquals(150L, ft, "the rows of the foundation trusts add up to 150");
        assertEquals(77L, nhs, "and of the NHS trusts to 77");
    }

    @Test
    void dsptTwentyNineteenTwentyMatchesParagraph211() throws IOException {
        // NAO 2.11: 223 trusts returned an assessment for 2019-20; 62 (28%) passed the full assessment.
        Row met = SampleLakehouse.table("reporting/dspt_summary")
                .filter("dspt_year = '2019-20' AND status = 'STANDARDS_MET'").head();
        assertEquals(223L, (long) met.getAs("trusts_returned"));
        assertEquals(62L, (long) met.getAs("trusts_passed"));
        assertEquals(28, Math.round((double) met.getAs("passed_pct")));
        // 2018-19 at the reporting date: the latest statuses, after the 43 plans met by September 2019 (the 100
        // of June 2019 are in dspt_follow_up)
        long notMet = SampleLakehouse.table("reporting/dspt_summary")
                .filter("dspt_year = '2018-19' AND status IN ('PLAN_AGREED', 'STANDARDS_NOT_MET')")
                .selectExpr("sum(trusts)").head().getLong(0);
        assertEquals(57L, notMet);
        List<String> published = Files.readAllLines(SampleLakehouse.publication().resolve("dspt_summary.csv"));
        // 2019-20 lists the 223 trusts open on 2 March 2020, all of which returned; 55 / 223 = 24.7% -> 25
        assertEquals("2019-20,STANDARDS_MET,2,55,25,223,223,62,28",
                published.stream().filter(l -> l.startsWith("2019-20,STANDARDS_MET,")).findFirst().orElseThrow());
    }

    @Test
    void dsptFollowUpMatchesParagraph211() {
        // NAO 2.11: 100 trusts had not met the 2018-19 standard by April 2019 (the year-end position NHS Digital
        // published on 17 June 2019: 92 plan agreed + 8 not met), and 57 of these were still not compliant by
        // September 2019 (default pair: 2019-06-17 and 2019-09-30).
        Row r = SampleLakehouse.table("reporting/dspt_follow_up")
                .filter("dspt_year = '2018-19' AND first_date = DATE'2019-06-17' AND second_date = DATE'2019-09-30'")
                .head();
        assertEquals(100L, (long) r.getAs("trusts_not_met_first"));
        assertEquals(57L, (long) r.getAs("trusts_still_not_met_second"));
        assertEquals(43L, (long) r.getAs("trusts_met_by_second"));
        assertEquals(0L, (long) r.getAs("trusts_closed_between"));
    }

    @Test
    void gpSurveyMatchesParagraph121() {
        // NAO 1.21, the 2019-20 GP survey of 6,648 practices: remote access 44%, records completely digitised 13%,
        // telephone / video consultations for patients 90% / 5% and for nursing homes 70% / 2%, other providers
        // access the practice's records 57%, the practice accesses theirs 42%, shares with social care 23%,
        // accesses social care systems 17% (published as whole per cents).
        Map<String, Long> published = Map.of("GP01", 44L, "GP02", 13L, "GP03", 90L, "GP04", 5L, "GP05", 70L,
                "GP06", 2L, "GP07", 57L, "GP08", 42L, "GP09", 23L, "GP10", 17L);
        List<Row> capability = SampleLakehouse.table("reporting/gp_digital_maturity")
                .filter("survey_year = '2019-20' AND answer_code IN ('YES', 'COMPLETELY')").collectAsList();
        assertEquals(published.keySet(), capability.stream().map(r -> r.<String>getAs("question_id"))
                .collect(java.util.stream.Collectors.toSet()));
        for (Row r : capability) {
            String q = r.getAs("question_id");
            assertEquals(published.get(q), Math.round(r.<Double>getAs("share_pct")), q);
            assertEquals(6648L, (long) r.getAs("practices_responding"), q);
        }
    }

    @Test
    void gpDsptMatchesParagraph211() {
        // NAO 2.11: "6,648 [GP practices] had completed the assessment by April 2020, and all reported at least meeting
        // the standards" (default gp_dspt_dates: 30 April 2020).
        Row r = SampleLakehouse.table("reporting/gp_dspt_summary")
                .filter("as_at_date = DATE'2020-04-30' AND dspt_year = '2019-20'").head();
        assertEquals(6648L, (long) r.getAs("practices_completed"));
        assertEquals(6648L, (long) r.getAs("practices_meeting"));
        assertEquals(100.0, r.<Double>getAs("meeting_pct"), 1e-9);
    }

    @Test
    void cyberEssentialsPlusMatchesParagraph215() {
        Map<String, Row> byDate = new HashMap<>();
        SampleLakehouse.table("reporting/cyber_summary").collectAsList().forEach(r -> byDate.put(r.getAs("as_at").toString(), r));
        // At the time of WannaCry: 88 trusts assessed, none passed.
        assertEquals(88L, (long) byDate.get("2017-05-12").getAs("trusts_assessed"));
        assertEquals(0L, (long) byDate.get("2017-05-12").getAs("trusts_passed"));
        // By February 2020: 204 assessed, average score 63%, one trust scored 100%.
        Row feb2020 = byDate.get("2020-02-29");
        assertEquals(204L, (long) feb2020.getAs("trusts_assessed"));
        assertEquals(63, Math.round((double) feb2020.getAs("mean_score_pct")));
        assertEquals(1L, (long) feb2020.getAs("trusts_passed"));
        // About 50% in late 2017.
        assertEquals(50, Math.round((double) byDate.get("2017-12-31").getAs("mean_score_pct")));
        // Only trusts open on the date count (issue 12): 234 English trusts open at WannaCry; 223 on 29 February
        // 2020 (RJD, RY1 and R1E, which had stopped operating, are closed by 2018); at the reporting date 218 are
        // open and the five assessed trusts that closed on 1 April 2020 (RDD, RQ8, RC1, RA3, RYK;
        // sample-data/PROVENANCE.md) no longer count, so 204 - 5 = 199 are assessed.
        assertEquals(234L, (long) byDate.get("2017-05-12").getAs("trusts_in_scope"));
        assertEquals(223L, (long) feb2020.getAs("trusts_in_scope"));
        Row reporting = byDate.get("2026-11-24");
        assertEquals(218L, (long) reporting.getAs("trusts_in_scope"));
        assertEquals(199L, (long) reporting.getAs("trusts_assessed"));
    }

    @Test
    void noStaffIdentifierOrTrustLevelCyberResultIsPublishedOrLogged() throws IOException {
        LeakScan scan = new LeakScan(SharedSpark.get(), new uk.nhs.digitalmaturity.storage.Lakehouse(SampleLakehouse.get().toUri().toString()));
        Map<String, org.apache.spark.sql.Dataset<Row>> tables = new HashMap<>();
        try (Stream<Path> dirs = Files.list(SampleLakehouse.get().resolve("reporting"))) {
            dirs.forEach(d -> tables.put(d.getFileName().toString(), SharedSpark.get().read().format("delta").load(d.toString())));
        }
        SharedSpark.get().read().format("delta").load(SampleLakehouse.get().resolve("restricted/workforce_staff").toString())
                .createOrReplaceTempView("sample_staff");
        assertEquals(List.of(), scan.scanTables(tables));
        assertEquals(List.of(), scan.scanFolder(SampleLakehouse.publication().toString()));
        String log = SampleLakehouse.log();
        for (Row r : SharedSpark.get().sql("SELECT person_id, assignment_id FROM sample_staff LIMIT 500").collectAsList()) {
            assertFalse(log.contains(r.getString(0)), "a person_id was logged");
            assertFalse(log.contains("," + r.getString(1) + ","), "an assignment_id was logged");
        }
        assertFalse(log.toLowerCase().contains("person_id"), log);
    }

    @Test
    void theScorecardHasOneRowPerCurrentTrustAndOnlyPublishableFigures() throws IOException {
        // Current trusts, worked out from the latest organisations file: open (no close date) and not a
        // predecessor in the latest successors file.
        Path orgs = Repo.root().resolve("sample-data/organisations/2020-04-01");
        java.util.Set<String> predecessors = new java.util.HashSet<>();
        for (String line : Files.readAllLines(orgs.resolve("successors.csv")).subList(1, Files.readAllLines(orgs.resolve("successors.csv")).size())) {
            predecessors.add(line.split(",")[0]);
        }
        long current = Files.readAllLines(orgs.resolve("organisations.csv")).stream().skip(1)
                .map(l -> l.split(",", -1))
                .filter(f -> f[f.length - 1].isEmpty() && !predecessors.contains(f[0]))
                .count();
        org.apache.spark.sql.Dataset<Row> scorecard = SampleLakehouse.table("reporting/trust_scorecard");
        assertEquals(current, scorecard.count());
        for (String column : scorecard.columns()) {
            assertFalse(column.contains("ceplus") || column.contains("cyber"), column);
        }
        // A trust's figures are the ones of the tables they come from.
        Row rth = scorecard.filter("org_code = 'RTH'").head();
        Row fte = SampleLakehouse.table("reporting/it_capex_per_fte").filter("org_code = 'RTH'").head();
        assertEquals(0, ((java.math.BigDecimal) fte.getAs("it_capex_per_fte_gbp"))
                .compareTo((java.math.BigDecimal) rth.getAs("it_capex_per_fte_gbp")));
        Row readiness = SampleLakehouse.table("reporting/dma_theme_scores")
                .filter("org_code = 'RTH' AND survey_year = '2017' AND theme = 'READINESS'").head();
        assertEquals(readiness.<Object>getAs("band"), rth.getAs("readiness_band"));
        assertEquals("2017", rth.getAs("dma_survey_year"));
        assertEquals("2019-20", rth.getAs("latest_dspt_year"));
    }
}
