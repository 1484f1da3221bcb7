package uk.nhs.digitalmaturity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.testing.ResultRows.assertClose;
import static uk.nhs.digitalmaturity.testing.ResultRows.byKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The organisations date ({@code run --organisations-as-at}, issue 12 correction 4): trust-level tables fold
 * predecessors into successors, and decide which trusts are current, as at that date, while the run still reads
 * every snapshot up to its as-at date. Fixture {@code fixtures/orgdate}, every number worked by hand below.
 *
 * <h2>The fixture (one organisations snapshot, 2020-06-01, visible to every run as at 2026-11-24)</h2>
 *
 * <pre>
 * RAA acute, RBB acute   merge into the new RCC on 2019-04-01 (RCC opens that day; RAA and RBB close)
 * RDD mental health      acquired by REE (mental health, continues) on 2019-10-01
 * RGG community          merged into RFF (acute) on 2016-04-01: folded at every organisations date below
 * RHH specialist         opens 2019-04-01 with no predecessor: no return, no December 2018 workforce
 *
 * Deflators 100 every year (real = nominal: the prices are not under test). Returns, IT capex (CAP_IT_HW) in
 * £k every year with a return, 2013-14 to 2018-19 unless said:
 *   RAA 60   RBB 120   RDD 30   REE 90   RGG 20 (2013-14..2015-16)   RFF 40 (2016-17..2018-19)
 *   total operating expenditure (£k): RAA 30,000  RBB 40,000  RDD 10,000  REE 20,000  RGG 5,000  RFF 25,000
 * Published workforce 2018-12 (FTE): RAA 300 + 100 = 400   RBB 450 + 150 = 600   RDD 300   REE 600   RFF 500
 * </pre>
 *
 * <h2>Figure 7 by hand (window 2013-14..2018-19, FTE at 2018-12; average = window sum / years with a return)</h2>
 *
 * <pre>
 * Organisations as at 2019-03-31 (before both mergers): current RAA, RBB, RDD, REE, RFF (RCC and RHH not yet open)
 *   RAA  6 x 60,000  = 360,000 / 6 = 60,000  / 400 = £150
 *   RBB  6 x 120,000 = 720,000 / 6 = 120,000 / 600 = £200
 *   RDD  6 x 30,000  = 180,000 / 6 = 30,000  / 300 = £100
 *   REE  6 x 90,000  = 540,000 / 6 = 90,000  / 600 = £150
 *   RFF  3 x 20,000 (RGG) + 3 x 40,000 = 180,000 / 6 = 30,000 / 500 = £60
 *   rank: RBB 1, RAA and REE 2 (tie), RDD 4, RFF 5. No exclusions (RHH is not yet a trust).
 * Organisations as at 2019-06-30 (after the first merger, before the second): RCC, RDD, REE, RFF, RHH
 *   RCC  per year 60 + 120 = 180k: 1,080,000 / 6 = 180,000 / (400 + 600) = £180  (not the mean of 150 and 200)
 *   RDD £100, REE £150, RFF £60 as above; RHH excluded: NO_RETURN_IN_WINDOW and NO_WORKFORCE_AT_REFERENCE
 * Organisations as at the reporting date 2026-11-24 (the default): RCC, REE, RFF, RHH
 *   RCC £180 as above
 *   REE  per year 30 + 90 = 120k: 720,000 / 6 = 120,000 / (300 + 600) = £133.333.. (= 400/3)
 *   RFF £60; RHH excluded for both reasons
 * </pre>
 *
 * <h2>Other trust-level tables</h2>
 *
 * <pre>
 * trust_scorecard: the same trusts as Figure 7 and its exclusions. Sector percentile of IT capex per FTE
 *   (100 x percent_rank within the sector, ascending): 2019-03-31 ACUTE RFF 0, RAA 50, RBB 100; MENTAL_HEALTH
 *   RDD 0, REE 100. Default: ACUTE RFF 0, RCC 100; MENTAL_HEALTH REE 0; RHH (excluded) empty.
 * it_spend_share 2018-19 trust rows: 2019-03-31 RAA 60,000 / 30,000,000 = 0.2%, RBB, RDD, REE, RFF, each current;
 *   default RCC 180,000 / 70,000,000 = 0.257142857..%, REE 120,000 / 30,000,000 = 0.4%, RFF.
 * informatics_workforce 2018-12 trust rows (published layout: total FTE only): 2019-03-31 RAA 400, RBB 600,
 *   RDD 300, REE 600, RFF 500; default RCC 1000, REE 900, RFF 500.
 * </pre>
 *
 * <h2>DSPT follow-up (reporting.dspt_follow_up, paragraph 2.11), toolkit year 2018-19</h2>
 *
 * <pre>
 * dspt_status.csv, snapshot 2019-06-03: RAA STANDARDS_NOT_MET 2019-03-01, RCC PLAN_AGREED 2019-04-15,
 *   RDD STANDARDS_NOT_MET 2019-03-31, REE STANDARDS_EXCEEDED 2019-03-20, RFF STANDARDS_MET 2019-05-20;
 * snapshot 2020-06-01: RCC STANDARDS_MET 2019-07-01, RDD APPROACHING_STANDARDS 2019-03-31 (replaces the same dated
 *   status), REE PLAN_AGREED 2019-11-30, RHH STANDARDS_MET 2019-08-01 but for 2019-20 (another year).
 * "Not met" at a date: the latest status on or before it is a returned assessment that did not pass (as
 * dspt_trust_years); a trust with no returned status by then is counted apart (no status) and not followed.
 * Open on 2019-04-30 and on 2019-06-17: RCC, RDD, REE, RFF, RHH (RAA and RBB closed 2019-04-01; RGG 2016) = 5.
 *   RCC  PLAN_AGREED (04-15): not met       at 09-30 STANDARDS_MET (07-01): met by the second date
 *   RDD  APPROACHING_STANDARDS (03-31)      at 09-30 the same: still not met; closed 2019-10-01 (into REE)
 *   REE  STANDARDS_EXCEEDED: met (its later PLAN_AGREED of 11-30 is after both dates; taking only the latest
 *        status, as dspt_summary does, would call it not met)
 *   RFF  no status by 04-30 (STANDARDS_MET 05-20 is after it): no status at 04-30; met at 06-17
 *   RHH  no 2018-19 status at all: no status at either first date
 * Default pair 2019-06-17 / 2019-09-30: not met 2 (RCC, RDD), no status 1 (RHH), still not met 1 (RDD), met by
 *   the second date 1 (RCC), closed between 0; still not met 1 / 2 = 50%.
 * Pair 2019-04-30 / 2019-09-30 (a run with a configuration file): not met 2, no status 2 (RFF, RHH); 1 still, 1 met.
 * Pair 2019-04-30 / 2019-10-31: RDD closed on 2019-10-01, between the dates: it is counted in
 *   trusts_closed_between, not followed into REE; still not met 0, met 1 (RCC), closed 1; 0 / 2 = 0%.
 * Pair 2019-04-30 / 2027-01-31: the second date is after the as-at date 2026-11-24, so no row.
 * <h2>reporting.organisation_counts (paragraph 2.4): trusts open at each organisation_count_dates date</h2>
 *
 * <p>Not folded and not moved by the organisations date: open on D = opened on or before D, not closed and not
 * succeeded by D. Type and sector as the fixture's one snapshot records them. Share = trusts / all trusts at D.
 *
 * <pre>
 * Default run (organisation_count_dates ["2019-03-31"]):
 *   2019-03-31: RAA FT acute, RBB FT acute, REE FT mental health, RDD NHS mental health, RFF NHS acute = 5.
 *     Not RGG (closed and merged into RFF on 2016-04-01), not RCC or RHH (open 2019-04-01, after the date).
 *     FOUNDATION_TRUST ACUTE 2 (of 3 FT, 5 in all: 40%, FT 60%); MENTAL_HEALTH 1 (20%)
 *     NHS_TRUST        ACUTE 1 (of 2 NHS trusts: 20%, NHS 40%); MENTAL_HEALTH 1 (20%)
 * The 2019-06-30 run also passes --config with organisation_count_dates ["2016-03-31", "2019-06-30",
 * "2027-01-01"]:
 *   2016-03-31: RAA, RBB, REE FT; RDD, RFF, RGG NHS (RGG closes and merges on 2016-04-01, the day after) = 6.
 *     FT ACUTE 2 (of 3 FT, 6 in all: 33.3..%, FT 50%); FT MENTAL_HEALTH 1 (16.6..%)
 *     NHS ACUTE 1, NHS COMMUNITY 1, NHS MENTAL_HEALTH 1 (16.6..% each; 3 NHS trusts, 50%)
 *   2019-06-30: RCC FT acute, REE FT mental health; RDD NHS mental health (until 2019-10-01), RFF NHS acute,
 *     RHH NHS specialist = 5. Not RAA or RBB (closed 2019-04-01, merged into RCC).
 *     FT ACUTE 1, FT MENTAL_HEALTH 1 (of 2 FT: 20% each, FT 40%)
 *     NHS ACUTE 1, NHS MENTAL_HEALTH 1, NHS SPECIALIST 1 (of 3 NHS trusts: 20% each, NHS 60%)
 *   2027-01-01: after the as-at date 2026-11-24: no rows (a run does not see the future).
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationsDatePipelineTest {
    private static final String FIXTURE = "orgdate";

    @TempDir
    static Path temp;
    private Path defaultRun;
    private FixtureLakehouse.Copy copy;
    /** Table -> rows, for the default run and the runs with organisations as at 2019-03-31 and 2019-06-30. */
    private Map<String, List<Row>> asAtReportingDate;
    private Map<String, List<Row>> before;
    private Map<String, List<Row>> between;
    private String manifestParametersBefore;
    private Map<String, String> runParametersBefore;
    private Map<String, String> runParametersDefault;
    private CliResult sameAsDefault;
    /** reporting.dspt_follow_up of a run whose configuration adds two pairs of dates to the default one. */
    private List<Row> followUpConfigured;

    @BeforeAll
    void runAtThreeOrganisationsDates() throws IOException {
        defaultRun = FixtureLakehouse.of(FIXTURE);
        asAtReportingDate = readAll(defaultRun);
        runParametersDefault = lastRunParameters(defaultRun);
        // The copy ingests nothing: each run below only rebuilds the trust-level tables.
        copy = FixtureLakehouse.copy(FIXTURE, temp.resolve("copy"));
        CliResult first = copy.run("--organisations-as-at", "2019-03-31");
        assertEquals(ExitCodes.OK, first.exitCode(), first.printed());
        before = readAll(copy.lakehouse());
        runParametersBefore = lastRunParameters(copy.lakehouse());
        manifestParametersBefore = new ObjectMapper().readTree(copy.lakehouse()
                .resolve("publication/" + AsAt.FIXTURES + "/manifest.json").toFile()).get("parameters").asText();
        Path countDates = java.nio.file.Files.writeString(temp.resolve("count-dates.yaml"),
                "organisation_count_dates: [\"2016-03-31\", \"2019-06-30\", \"2027-01-01\"]\n");
        CliResult second = copy.run("--organisations-as-at", "2019-06-30", "--config", countDates.toString());
        assertEquals(ExitCodes.OK, second.exitCode(), second.printed());
        between = readAll(copy.lakehouse());
        // The as-at date itself, named: the same parameters as the default, so the same run id.
        sameAsDefault = FixtureLakehouse.copy(FIXTURE, temp.resolve("same")).run("--organisations-as-at", AsAt.FIXTURES);
        Path config = temp.resolve("follow-up.yaml");
        java.nio.file.Files.writeString(config, String.join("\n",
                "dspt_follow_up:",
                "  - {dspt_year: \"2018-19\", first_date: \"2019-04-30\", second_date: \"2019-09-30\"}",
                "  - {dspt_year: \"2018-19\", first_date: \"2019-04-30\", second_date: \"2019-10-31\"}",
                "  - {dspt_year: \"2018-19\", first_date: \"2019-04-30\", second_date: \"2027-01-31\"}", ""));
        FixtureLakehouse.Copy followUp = FixtureLakehouse.copy(FIXTURE, temp.resolve("follow-up"));
        CliResult configured = followUp.run("--config", config.toString());
        assertEquals(ExitCodes.OK, configured.exitCode(), configured.printed());
        followUpConfigured = SharedSpark.table(followUp.lakehouse(), "reporting/dspt_follow_up")
                .orderBy("second_date").collectAsList();
    }

    private static Map<String, List<Row>> readAll(Path lakehouse) {
        Map<String, List<Row>> tables = new TreeMap<>();
        for (String t : List.of("it_capex_per_fte", "it_capex_per_fte_exclusions", "trust_scorecard",
                "it_spend_share", "informatics_workforce", "organisation_counts")) {
            tables.put(t, SharedSpark.table(lakehouse, "reporting/" + t).collectAsList());
        }
        return tables;
    }

    private static Map<String, String> lastRunParameters(Path lakehouse) {
        Row last = SharedSpark.table(lakehouse, "ops/runs").orderBy(col("started_at").desc()).limit(1)
                .select("parameters").head();
        return new TreeMap<>(last.<String, String>getJavaMap(0));
    }

    private static Map<String, Row> byOrg(List<Row> rows) {
        return byKey(rows, "org_code");
    }

    private static Map<String, Row> trustRows(List<Row> rows, String yearColumn, String year) {
        return byOrg(rows.stream().filter(r -> "TRUST".equals(r.getAs("scope")) && year.equals(r.getAs(yearColumn)))
                .toList());
    }

    private static Map<String, List<String>> exclusions(List<Row> rows) {
        Map<String, List<String>> m = new TreeMap<>();
        rows.forEach(r -> m.computeIfAbsent(r.getAs("org_code"), k -> new java.util.ArrayList<>()).add(r.getAs("reason")));
        m.values().forEach(java.util.Collections::sort);
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Figure 7

    @Test
    void beforeTheMergersTheMergingTrustsAreSeparateFigure7Rows() {
        Map<String, Row> rows = byOrg(before.get("it_capex_per_fte"));
        assertEquals(List.of("RAA", "RBB", "RDD", "REE", "RFF"), List.copyOf(rows.keySet()));
        String[][] expected = {
            // org, average annual IT capex, FTE, per FTE, rank, codes folded in
            {"RAA", "60000", "400", "150", "2", "RAA"},
            {"RBB", "120000", "600", "200", "1", "RBB"},
            {"RDD", "30000", "300", "100", "4", "RDD"},
            {"REE", "90000", "600", "150", "2", "REE"},
            {"RFF", "30000", "500", "60", "5", "RFF,RGG"},
        };
        for (String[] e : expected) {
            Row r = rows.get(e[0]);
            assertClose(e[1], r.getAs("avg_annual_it_capex_gbp"), e[0] + " average");
            assertClose(e[2], r.getAs("fte"), e[0] + " FTE");
            assertClose(e[3], r.getAs("it_capex_per_fte_gbp"), e[0] + " per FTE");
            assertEquals(Integer.parseInt(e[4]), ((Number) r.getAs("rank")).intValue(), e[0] + " rank");
            assertEquals(e[5], r.getAs("finance_org_codes"), e[0] + " codes folded in");
            assertEquals(6, ((Number) r.getAs("years_with_returns")).intValue(), e[0] + " years");
        }
        assertEquals("Alder Hospitals NHS Foundation Trust", rows.get("RAA").getAs("org_name"));
        // RHH opens on 2019-04-01: not yet a trust, so not an exclusion either.
        assertEquals(Map.of(), exclusions(before.get("it_capex_per_fte_exclusions")));
    }

    @Test
    void afterTheMergersTheyAreOneRowWithTheSum() {
        Map<String, Row> rows = byOrg(asAtReportingDate.get("it_capex_per_fte"));
        assertEquals(List.of("RCC", "REE", "RFF"), List.copyOf(rows.keySet()));
        Row rcc = rows.get("RCC");
        assertClose("180000", rcc.getAs("avg_annual_it_capex_gbp"), "RCC average");
        assertClose("1000", rcc.getAs("fte"), "RCC FTE");
        assertClose("180", rcc.getAs("it_capex_per_fte_gbp"), "RCC per FTE: 1,080,000 / 6 / 1000");
        assertEquals("RAA,RBB", rcc.getAs("finance_org_codes"));
        assertEquals("RAA,RBB", rcc.getAs("workforce_org_codes"));
        Row ree = rows.get("REE");
        assertClose("120000", ree.getAs("avg_annual_it_capex_gbp"), "REE average");
        assertClose("900", ree.getAs("fte"), "REE FTE");
        assertClose(BigDecimal.valueOf(400).divide(BigDecimal.valueOf(3), MathContext.DECIMAL128),
                ree.getAs("it_capex_per_fte_gbp"), "REE per FTE: 720,000 / 6 / 900");
        assertEquals("RDD,REE", ree.getAs("finance_org_codes"));
        assertClose("60", rows.get("RFF").getAs("it_capex_per_fte_gbp"), "RFF per FTE");
        assertEquals(Map.of("RHH", List.of("NO_RETURN_IN_WINDOW", "NO_WORKFORCE_AT_REFERENCE")),
                exclusions(asAtReportingDate.get("it_capex_per_fte_exclusions")));
    }

    @Test
    void betweenTheMergersOnlyTheFirstIsFolded() {
        Map<String, Row> rows = byOrg(between.get("it_capex_per_fte"));
        assertEquals(List.of("RCC", "RDD", "REE", "RFF"), List.copyOf(rows.keySet()));
        assertClose("180", rows.get("RCC").getAs("it_capex_per_fte_gbp"), "RCC per FTE");
        assertClose("100", rows.get("RDD").getAs("it_capex_per_fte_gbp"), "RDD per FTE");
        assertClose("150", rows.get("REE").getAs("it_capex_per_fte_gbp"), "REE per FTE");
        assertEquals(Map.of("RHH", List.of("NO_RETURN_IN_WINDOW", "NO_WORKFORCE_AT_REFERENCE")),
                exclusions(between.get("it_capex_per_fte_exclusions")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Every trust-level table follows the organisations date

    @Test
    void theScorecardHasTheTrustsOfTheOrganisationsDate() {
        Map<String, Row> b = byOrg(before.get("trust_scorecard"));
        assertEquals(List.of("RAA", "RBB", "RDD", "REE", "RFF"), List.copyOf(b.keySet()));
        assertClose("150", b.get("RAA").getAs("it_capex_per_fte_gbp"), "RAA per FTE");
        assertClose("50", b.get("RAA").getAs("it_capex_per_fte_sector_percentile"), "RAA among ACUTE RFF, RAA, RBB");
        assertClose("100", b.get("RBB").getAs("it_capex_per_fte_sector_percentile"), "RBB");
        assertClose("0", b.get("RFF").getAs("it_capex_per_fte_sector_percentile"), "RFF");
        assertClose("100", b.get("REE").getAs("it_capex_per_fte_sector_percentile"), "REE among RDD, REE");

        Map<String, Row> d = byOrg(asAtReportingDate.get("trust_scorecard"));
        assertEquals(List.of("RCC", "REE", "RFF", "RHH"), List.copyOf(d.keySet()));
        assertClose("180", d.get("RCC").getAs("it_capex_per_fte_gbp"), "RCC per FTE");
        assertClose("100", d.get("RCC").getAs("it_capex_per_fte_sector_percentile"), "RCC among ACUTE RFF, RCC");
        assertClose("0", d.get("REE").getAs("it_capex_per_fte_sector_percentile"), "REE alone");
        assertNull(d.get("RHH").getAs("it_capex_per_fte_gbp"), "RHH is excluded from Figure 7");
    }

    @Test
    void trustByYearTablesFoldAtTheOrganisationsDate() {
        Map<String, Row> b = trustRows(before.get("it_spend_share"), "fin_year", "2018-19");
        assertEquals(List.of("RAA", "RBB", "RDD", "REE", "RFF"), List.copyOf(b.keySet()));
        assertClose("60000", b.get("RAA").getAs("it_capex_gbp"), "RAA 2018-19 IT capex");
        assertClose("0.2", b.get("RAA").getAs("it_share_pct"), "RAA 60,000 / 30,000,000");
        assertTrue(b.values().stream().allMatch(r -> Boolean.TRUE.equals(r.getAs("current_trust"))));
        Map<String, Row> d = trustRows(asAtReportingDate.get("it_spend_share"), "fin_year", "2018-19");
        assertEquals(List.of("RCC", "REE", "RFF"), List.copyOf(d.keySet()));
        assertClose("180000", d.get("RCC").getAs("it_capex_gbp"), "RCC = RAA 60,000 + RBB 120,000");
        assertClose("0.4", d.get("REE").getAs("it_share_pct"), "REE 120,000 / 30,000,000");

        Map<String, Row> wb = trustRows(before.get("informatics_workforce"), "period", "2018-12");
        assertEquals(List.of("RAA", "RBB", "RDD", "REE", "RFF"), List.copyOf(wb.keySet()));
        assertClose("400", wb.get("RAA").getAs("total_fte"), "RAA 300 + 100");
        Map<String, Row> wd = trustRows(asAtReportingDate.get("informatics_workforce"), "period", "2018-12");
        assertEquals(List.of("RCC", "REE", "RFF"), List.copyOf(wd.keySet()));
        assertClose("1000", wd.get("RCC").getAs("total_fte"), "RCC = RAA 400 + RBB 600");
        assertClose("900", wd.get("REE").getAs("total_fte"), "REE = RDD 300 + REE 600");
    }

    // ---------------------------------------------------------------------------------------------------------
    // DSPT follow-up: the statuses at two dates, over every snapshot

    private static void assertFollowUp(Row r, String first, String second, long notMet, long noStatus, long still,
                                       long met, long closed, double pct) {
        assertEquals("2018-19", r.getAs("dspt_year"));
        assertEquals(first, r.getAs("first_date").toString());
        assertEquals(second, r.getAs("second_date").toString());
        assertEquals(5L, (long) r.getAs("trusts_in_scope"), "RCC, RDD, REE, RFF, RHH open on " + first);
        assertEquals(notMet, (long) r.getAs("trusts_not_met_first"), "not met by " + first);
        assertEquals(noStatus, (long) r.getAs("trusts_no_status_first"), "no status by " + first);
        assertEquals(still, (long) r.getAs("trusts_still_not_met_second"), "still not met by " + second);
        assertEquals(met, (long) r.getAs("trusts_met_by_second"), "met by " + second);
        assertEquals(closed, (long) r.getAs("trusts_closed_between"), "closed between the dates");
        assertEquals(pct, (double) r.getAs("still_not_met_pct"), 1e-9);
    }

    @Test
    void dsptFollowUpCountsTrustsNotMetAtTheFirstDateAndStillNotMetAtTheSecond() {
        List<Row> rows = SharedSpark.table(defaultRun, "reporting/dspt_follow_up").collectAsList();
        assertEquals(1, rows.size(), "the default configuration has one pair: " + rows);
        // RCC and RDD not met (RHH without a status, not followed); RDD still not, RCC met; 1 / 2 = 50%
        assertFollowUp(rows.get(0), "2019-06-17", "2019-09-30", 2, 1, 1, 1, 0, 50.0);
    }

    @Test
    void dsptFollowUpCountsATrustThatClosedBetweenTheDatesApartAndNeverUsesAFutureDate() {
        assertEquals(2, followUpConfigured.size(), "the pair ending 2027-01-31 is after the as-at date: "
                + followUpConfigured);
        // at 2019-04-30 RFF has no status yet either: 2 without one, the same 2 not met
        assertFollowUp(followUpConfigured.get(0), "2019-04-30", "2019-09-30", 2, 2, 1, 1, 0, 50.0);
        // RDD closed on 2019-10-01 (acquired by REE): counted apart, not as still not met nor through REE; 0 / 2
        assertFollowUp(followUpConfigured.get(1), "2019-04-30", "2019-10-31", 2, 2, 0, 1, 1, 0.0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // reporting.organisation_counts (paragraph 2.4)

    /** as_at_date, org_type, sector, trusts, org_type_trusts, trusts_at_date, share_pct, org_type_share_pct. */
    private static void assertCounts(List<Row> rows, String[][] expected) {
        Map<String, Row> byKey = byKey(rows, "as_at_date", "org_type", "sector");
        List<String> keys = new java.util.ArrayList<>();
        for (String[] e : expected) {
            keys.add(e[0] + "/" + e[1] + "/" + e[2]);
        }
        assertEquals(keys.stream().sorted().toList(), List.copyOf(byKey.keySet()));
        for (String[] e : expected) {
            String key = e[0] + "/" + e[1] + "/" + e[2];
            Row r = byKey.get(key);
            assertEquals(Long.parseLong(e[3]), ((Number) r.getAs("trusts")).longValue(), key + " trusts");
            assertEquals(Long.parseLong(e[4]), ((Number) r.getAs("org_type_trusts")).longValue(), key + " of the type");
            assertEquals(Long.parseLong(e[5]), ((Number) r.getAs("trusts_at_date")).longValue(), key + " at the date");
            assertEquals(Double.parseDouble(e[6]), ((Number) r.getAs("share_pct")).doubleValue(), 1e-9, key + " share");
            assertEquals(Double.parseDouble(e[7]), ((Number) r.getAs("org_type_share_pct")).doubleValue(), 1e-9,
                    key + " type share");
        }
    }

    @Test
    void organisationCountsAt31March2019LeaveOutTheClosedAndTheNotYetOpen() {
        assertCounts(asAtReportingDate.get("organisation_counts"), new String[][] {
            {"2019-03-31", "FOUNDATION_TRUST", "ACUTE", "2", "3", "5", "40", "60"},
            {"2019-03-31", "FOUNDATION_TRUST", "MENTAL_HEALTH", "1", "3", "5", "20", "60"},
            {"2019-03-31", "NHS_TRUST", "ACUTE", "1", "2", "5", "20", "40"},
            {"2019-03-31", "NHS_TRUST", "MENTAL_HEALTH", "1", "2", "5", "20", "40"},
        });
        // the organisations date does not move them: the 2019-03-31 organisations run counts the same
        assertCounts(before.get("organisation_counts"), new String[][] {
            {"2019-03-31", "FOUNDATION_TRUST", "ACUTE", "2", "3", "5", "40", "60"},
            {"2019-03-31", "FOUNDATION_TRUST", "MENTAL_HEALTH", "1", "3", "5", "20", "60"},
            {"2019-03-31", "NHS_TRUST", "ACUTE", "1", "2", "5", "20", "40"},
            {"2019-03-31", "NHS_TRUST", "MENTAL_HEALTH", "1", "2", "5", "20", "40"},
        });
    }

    @Test
    void organisationCountsAtConfiguredDatesSkipADateAfterTheAsAtDate() {
        String sixth = Double.toString(100.0 / 6);
        String third = Double.toString(100.0 / 3);
        assertCounts(between.get("organisation_counts"), new String[][] {
            {"2016-03-31", "FOUNDATION_TRUST", "ACUTE", "2", "3", "6", third, "50"},
            {"2016-03-31", "FOUNDATION_TRUST", "MENTAL_HEALTH", "1", "3", "6", sixth, "50"},
            {"2016-03-31", "NHS_TRUST", "ACUTE", "1", "3", "6", sixth, "50"},
            {"2016-03-31", "NHS_TRUST", "COMMUNITY", "1", "3", "6", sixth, "50"},
            {"2016-03-31", "NHS_TRUST", "MENTAL_HEALTH", "1", "3", "6", sixth, "50"},
            {"2019-06-30", "FOUNDATION_TRUST", "ACUTE", "1", "2", "5", "20", "40"},
            {"2019-06-30", "FOUNDATION_TRUST", "MENTAL_HEALTH", "1", "2", "5", "20", "40"},
            {"2019-06-30", "NHS_TRUST", "ACUTE", "1", "3", "5", "20", "60"},
            {"2019-06-30", "NHS_TRUST", "MENTAL_HEALTH", "1", "3", "5", "20", "60"},
            {"2019-06-30", "NHS_TRUST", "SPECIALIST", "1", "3", "5", "20", "60"},
        });
        assertEquals("2016-03-31,2019-06-30,2027-01-01", lastRunParameters(copy.lakehouse())
                .get("organisation_count_dates"), "recorded as configured, the later date included");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The run records it

    @Test
    void theOrganisationsDateIsARecordedParameter() {
        assertEquals("2019-03-31", runParametersBefore.get("organisations_as_at"), runParametersBefore.toString());
        assertEquals(AsAt.FIXTURES, runParametersBefore.get("as_at"), "snapshots are still read up to the as-at date");
        assertEquals(AsAt.FIXTURES, runParametersDefault.get("organisations_as_at"), "default: the as-at date");
        assertTrue(manifestParametersBefore.contains("organisations_as_at=2019-03-31"), manifestParametersBefore);
    }

    @Test
    void namingTheAsAtDateIsTheDefaultRun() {
        assertEquals(ExitCodes.OK, sameAsDefault.exitCode(), sameAsDefault.printed());
        assertTrue(sameAsDefault.out().contains("nothing new"), sameAsDefault.out());
    }

    @Test
    void anotherOrganisationsDateIsAnotherRun() {
        String defaultId = SharedSpark.table(defaultRun, "ops/runs").select("run_id").head().getString(0);
        List<String> ids = SharedSpark.table(copy.lakehouse(), "ops/runs").select("run_id").distinct()
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        assertEquals(3, ids.size(), "default, 2019-03-31 and 2019-06-30: " + ids);
        assertTrue(ids.contains(defaultId));
        ids.forEach(id -> assertTrue(id.startsWith("r20261124-"), id));
    }

    @Test
    void anOrganisationsDateAfterTheAsAtDateOrNotADateIsAUsageError() {
        CliResult later = Cli.run("run", "--as-at", "2019-06-30", "--organisations-as-at", "2019-07-01");
        assertEquals(ExitCodes.USAGE, later.exitCode());
        assertTrue(later.err().contains("organisations_as_at 2019-07-01 is after the reporting date 2019-06-30"),
                later.err());
        assertEquals(ExitCodes.USAGE, Cli.run("run", "--organisations-as-at", "31/03/2019").exitCode());
    }
}
