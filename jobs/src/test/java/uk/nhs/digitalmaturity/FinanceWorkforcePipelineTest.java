package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.testing.ResultRows.assertClose;
import static uk.nhs.digitalmaturity.testing.ResultRows.byKey;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The finance and workforce half of the report (Figures 6 and 7, paragraphs 3.9, 3.12 and 3.13) end to end on the
 * hand-built fixture {@code fixtures/finance}. Every expected number is worked out by hand below, from the fixture
 * files, and asserted to 1e-9.
 *
 * <h2>The fixture (as at 2026-11-24: every snapshot visible)</h2>
 *
 * <pre>
 * organisations   RXA -> RXB (2015-04-01) -> RXC (2017-04-01)    merger chain of three; RXC is current
 *                 RMD  acute, no 2015-16 return, staff-level workforce only at 2018-12
 *                 REE  mental health, 2017-18 CAP_IT_HW resubmitted 5 -> 7 (snapshot 2019-09-30); both layouts
 *                 RNG  community, disposals (CAP_IT_DISP, measure IT_CAPEX_DISPOSALS), one of them large: 2016-17
 *                      disposes of 2000 k against 150 k of additions, more than its whole window's net spend
 *                 RSP  acute, 2014-15 return with total operating expenditure and buildings only (no IT line)
 *                 RNW  specialist, workforce for 2018-11 and 2019-01 but not 2018-12
 *                 RNR  ambulance, December 2018 workforce, returns only for 2019-20 (outside the window)
 *                 RQN  specialist, opened 2019-04-01: no return in the window and no December 2018 workforce
 *                 RCL  acute, closed 2017-04-01 without a successor: not current, keeps its own rows
 *
 * deflators (file base 2015-16 = 100, NOT the run's base 2018-19), and the factor index(base) / index(year):
 *   year      index      factor to 2018-19 prices = 128 / index     factor to 2015-16 prices = 100 / index
 *   2012-13   78.125     1.6384                                      1.28
 *   2013-14   80         1.6                                         1.25
 *   2014-15   81.92      1.5625                                      1.220703125
 *   2015-16   100        1.28                                        1
 *   2016-17   102.4      1.25                                        0.9765625
 *   2017-18   125        1.024                                       0.8
 *   2018-19   128        1                                           0.78125
 *   2019-20   131.072    0.9765625                                   0.762939453125
 * </pre>
 *
 * <h2>Figure 7 by hand (window 2013-14 to 2018-19, 2018-19 prices, FTE at 2018-12), IT capex in £k</h2>
 *
 * <pre>
 * RXC (RXA + RXB + RXC folded):
 *   2013-14  RXA 100 + RXB 400       = 500  x 1.6    =  800
 *   2014-15  RXA 80+20 + RXB 300     = 400  x 1.5625 =  625
 *   2015-16  RXB 600 + 150           = 750  x 1.28   =  960
 *   2016-17  RXB 500                 = 500  x 1.25   =  625
 *   2017-18  RXC 900 + 100           = 1000 x 1.024  = 1024
 *   2018-19  RXC 1200                = 1200 x 1      = 1200      sum 5234 k = £5,234,000, 6 years
 *   avg = 5,234,000 / 6 = £872,333.33..; FTE 2018-12 (published, summed over nationality) =
 *   600 + 50 + 2000 + 250 + 600 = 3500; per FTE = 5,234,000 / 6 / 3500 = 5234/21 = £249.238095238095..
 * RMD (no 2015-16): 2.0 x 1.6 + 1.6 x 1.5625 + 2.4 x 1.25 + 2.5 x 1.024 + (3.0 + 0.5) x 1
 *   = 3.2 + 2.5 + 3.0 + 2.56 + 3.5 = 14.76 k = £14,760 over 5 years (not 6): avg £2,952;
 *   FTE = staff-level 1 + 1 + 1 + 1 + 0.5 + 0.8 + 0.6 + 0.1 = 6.0; per FTE = £492
 * REE (2017-18 is the resubmitted 7, not 5 and not 5 + 7):
 *   3 x 1.6 + 3 x 1.5625 + 4 x 1.28 + 4 x 1.25 + 7 x 1.024 + 6 x 1
 *   = 4.8 + 4.6875 + 5.12 + 5 + 7.168 + 6 = 32.7755 k = £32,775.50; avg /6 = £5,462.58333..;
 *   FTE = staff-level 10.0 (the published 10.5 is only reconciled); per FTE = 65551/120 = £546.258333333..
 * RNG (gross additions: the disposals -100, -2000 and -50 are IT_CAPEX_DISPOSALS and are not netted in):
 *   (300+50) x 1.6 + 200 x 1.5625 + 250 x 1.28 + 150 x 1.25 + 400 x 1.024 + 500 x 1
 *   = 560 + 312.5 + 320 + 187.5 + 409.6 + 500 = 2289.6 k; avg /6 = £381,600;
 *   FTE 700 + 300 + 200 = 1200; per FTE = 381,600 / 1200 = £318
 *   (Net of disposals, the old definition: 560 + 312.5 + (250-100) x 1.28 + (150-2000) x 1.25 + 409.6
 *   + (500-50) = 560 + 312.5 + 192 - 2312.5 + 409.6 + 450 = -388.4 k: a negative bar of -£53.94 per FTE.)
 * RSP (2014-15 has a return but no IT line: it counts as a year, with zero IT capex):
 *   600 x 1.6 + 0 + 700 x 1.28 + 800 x 1.25 + 1000 x 1.024 + 1250 x 1 = 960 + 0 + 896 + 1000 + 1024 + 1250
 *   = 5130 k; avg /6 = £855,000; FTE 3000 + 1200 + 800 = 5000; per FTE = £171
 * Exclusions: RNW NO_WORKFORCE_AT_REFERENCE; RNR NO_RETURN_IN_WINDOW; RQN both. RXA, RXB (folded) and RCL
 * (closed, no successor) are not current and appear in neither table.
 * Rank (1 = highest): REE 546.26, RMD 492, RNG 318, RXC 249.24, RSP 171.
 * Percentile = 100 x PERCENT_RANK ascending = 100 x (trusts strictly lower) / (5 - 1): RSP 0, RXC 25, RNG 50,
 * RMD 75, REE 100.
 * </pre>
 *
 * <h2>Variation by hand (R_7: h = (n - 1)p + 1)</h2>
 *
 * <pre>
 * National, sorted: 171, 5234/21, 318, 492, 65551/120 (n = 5, h = 4p + 1)
 *   p10: h = 1.4: 171 + 0.4 (5234/21 - 171) = 21241/105 = 202.295238095238..
 *   p25: h = 2: 5234/21 = 249.238095..    median: h = 3: 318    p75: h = 4: 492
 *   p90: h = 4.6: 492 + 0.6 (65551/120 - 492) = 104911/200 = 524.555
 *   mean = (171 + 249.238095.. + 318 + 492 + 546.258333..) / 5 = 1776.496428571.. / 5 = 497419/1400
 *        = 355.299285714286
 *   deviations from the mean: -184.299285.., -106.061190.., -37.299285.., 136.700714.., 190.959047..;
 *   squares 33966.227.. + 11248.976.. + 1391.237.. + 18687.085.. + 36465.358.. = 101758.883..;
 *   sample sd = sqrt(101758.883.. / 4) = 159.498340672103; cv = 159.498340672103 / 355.299285714286
 *   = 0.448912640934; p90 / p10 = 524.555 / 202.295238.. = 2.593017042512
 * ACUTE: 171, 5234/21, 492 (n = 3, h = 2p + 1): p10 = 171 + 0.2 (249.238095.. - 171) = 186.647619047619;
 *   median 249.238095..; p90 = 249.238095.. + 0.8 (492 - 249.238095..) = 443.447619047619; mean 304.079365079365;
 *   sd 167.379579573950
 * MENTAL_HEALTH and COMMUNITY: one trust each: every percentile is its value (COMMUNITY: RNG's 318, not a
 *   negative value), sd and cv null, p90 / p10 = 1.
 * </pre>
 *
 * <h2>Figure 6 by hand (every submitting organisation, IT_CAPEX lines = gross additions, £k)</h2>
 *
 * <pre>
 *   2013-14  RXA 100, RXB 400, RMD 2, REE 3, RNG 350, RSP 600, RNW 100, RCL 500 = 2055    8 orgs  x 1.6    = 3288
 *   2014-15  RXA 100, RXB 300, RMD 1.6, REE 3, RNG 200, RNW 100, RCL 500      = 1204.6  7 orgs  x 1.5625 = 1882.1875
 *   2015-16  RXB 750, REE 4, RNG 250, RSP 700, RNW 100, RCL 500               = 2304    6 orgs  x 1.28   = 2949.12
 *   2016-17  RXB 500, RMD 2.4, REE 4, RNG 150, RSP 800, RNW 100, RCL 500      = 2056.4  7 orgs  x 1.25   = 2570.5
 *   2017-18  RXC 1000, RMD 2.5, REE 7, RNG 400, RSP 1000, RNW 100             = 2509.5  6 orgs  x 1.024  = 2569.728
 *   2018-19  RXC 1200, RMD 3.5, REE 6, RNG 500, RSP 1250, RNW 100             = 3059.5  6 orgs  x 1      = 3059.5
 *   2019-20  RNR 400, RQN 50                                                   = 450     2 orgs  x 0.9765625 = 439.453125
 * Disposals beside them (IT_CAPEX_DISPOSALS, RNG only, sign as returned): 2015-16 -100 x 1.28 = -128;
 *   2016-17 -2000 x 1.25 = -2500; 2018-19 -50 x 1 = -50; every other year 0 with no organisation.
 *   (Net of disposals, the old definition, 2016-17 would be 2056.4 - 2000 = 56.4 k: Figure 6 would show a
 *   collapse in 2016-17 that is one trust selling assets, not a fall in investment.)
 * </pre>
 *
 * <h2>IT capex as a share of total operating expenditure and of operating income, £k</h2>
 *
 * <pre>
 * Of total operating expenditure, national (trusts with IT capex and expenditure):
 *   2013-14  IT 2055 / TOE (RXC 250000 + RMD 100 + REE 1500 + RNG 80000 + RSP 400000 + RNW 50000 + RCL 300000
 *            = 1,081,600) = 0.189996301775%, 7 trusts
 *   2014-15  RSP has no IT line: left out of both sums. IT 1204.6 / TOE (257000 + 100 + 1500 + 82000 + 50000
 *            + 300000 = 690,600) = 0.174428033594%, 6 trusts
 *   2018-19  RNW has no TOE line: left out. IT 3059.5 - 100 = 2959.5 (RNG's 500 gross, not 450 net)
 *            / TOE (310000 + 50 + 1500 + 90000 + 450000 = 851,550) = 0.347542716223%, 5 trusts
 *   Trust rows: RMD 2017-18 2.5 / 50 = 5%; RMD 2018-19 3.5 / 50 = 7%; RNG 2016-17 150 / 86000
 *   = 0.174418604651% (net of its 2000 k disposal it would be -1850 / 86000 = -2.15%).
 * Of operating income (turnover, the base of the 5% ambition), national (trusts with IT capex and income):
 *   2013-14  no trust returned income: no income share, 0 trusts
 *   2017-18  RXC 1000 / 305000 and RMD 2.5 / 62.5: 1002.5 / 305,062.5 = 0.328621184184%, 2 trusts
 *   2018-19  RXC 1200 / 320000, RMD 3.5 / 70, REE 6 / 1600, RNG 500 / 92000, RNW 100 / 50000 (RNW is in the income
 *            share but not the expenditure share; RSP returned no income and is in the expenditure share only):
 *            IT 1200 + 3.5 + 6 + 500 + 100 = 1809.5 / income 320000 + 70 + 1600 + 92000 + 50000 = 463,670
 *            = 0.390256001035%, 5 trusts
 *   Trust rows: RXC 2018-19 1200 / 320000 = 0.375%; RNW 2018-19 100 / 50000 = 0.2% (and no expenditure share);
 *   RMD 2017-18 2.5 / 62.5 = 4%: capital alone does not reach 5% of turnover, although it is 5% of expenditure
 *   (the old flag compared the expenditure share and said it met the ambition); RMD 2018-19 3.5 / 70 = 5%
 *   exactly: capital alone reaches the ambition.
 * </pre>
 *
 * <h2>Informatics workforce by hand</h2>
 *
 * <pre>
 *   2018-12  RMD staff-level 6.0, informatics Y1A 1.0 + Y1B 0.5 = 1.5 (25%); REE staff-level 10.0, informatics
 *            Y1C 0.4 (4%); RXC 3500, RNG 1200, RSP 5000, RNR 3000 published (informatics null).
 *            National: total 12,716 (all six trusts); informatics 1.9 over the staff-level trusts' 16.0 FTE
 *            = 11.875%. Coverage: trusts_covered 2 (RMD, REE) of trusts_total 6; fte_covered_pct =
 *            100 x 16 / 12716 = 1600/12716 = 0.125825731362..%.
 *   2019-03  REE staff-level 10.5, informatics 0.5 + 0.4 = 0.9 (8.571428..%); RMD published only 6.25
 *            (informatics null, not zero); RXC 3550. National total 3566.75, informatics 0.9 / 10.5.
 *            Coverage: 1 (REE) of 3; fte_covered_pct = 100 x 10.5 / 3566.75 = 0.294385645195..%.
 *   2016-12  RXB's 400 + 50 + 2500 + 350 = 3300 is reported under RXC (folded); RCL 4000 under its own code;
 *            RSP 4800. No staff-level data: 0 of 3 trusts covered, fte_covered_pct 0 (not null: nothing covered).
 *   Reconciliation: 2018-12 REE 10.0 - 10.5 = -0.5 (-4.7619..%); 2019-03 REE 10.5 - 10.0 = +0.5 (+5%).
 * </pre>
 *
 * <h2>Changing the parameters</h2>
 *
 * <pre>
 * --price-base-year 2015-16: every factor becomes 100 / index = (128 / index) x (100 / 128), so every real value
 *   and every per-FTE value is the 2018-19-prices value x 100 / 128 = 0.78125, and nominal values do not move:
 *   RXC 5234/21 x 0.78125 = 65425/336 = 194.717261904762; RMD 492 x 0.78125 = 384.375;
 *   REE 65551/120 x 0.78125 = 327755/768 = 426.764322916667; RNG 318 x 0.78125 = 248.4375;
 *   RSP 171 x 0.78125 = 133.59375. Figure 6 real 2013-14 = 2,055,000 x 1.25 = 2,568,750; 2018-19
 *   3,059,500 x 0.78125 = 2,390,234.375.
 * --window-start 2015-16 (window 2015-16 to 2018-19, 2018-19 prices):
 *   RXC (960 + 625 + 1024 + 1200) / 4 = 952.25 k / 3500 = 3809/14 = 272.071428571429
 *   RMD years 2016-17, 2017-18, 2018-19 only (3): (3.0 + 2.56 + 3.5) / 3 = 3.02 k / 6 = 1510/3 = 503.333333333333
 *   REE (5.12 + 5 + 7.168 + 6) / 4 = 5.822 k / 10 = 582.2
 *   RNG (320 + 187.5 + 409.6 + 500) / 4 = 354.275 k / 1200 = 14171/48 = 295.229166666667
 *   RSP (896 + 1000 + 1024 + 1250) / 4 = 1042.5 k / 5000 = 208.5
 *   Rank: REE, RMD, RNG, RXC, RSP.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinanceWorkforcePipelineTest {
    private static final List<String> TABLES = List.of("it_capex_per_fte", "it_capex_per_fte_exclusions",
            "it_capex_by_year", "it_spend_share", "informatics_workforce", "workforce_reconciliation",
            "it_capex_per_fte_variation");

    private final SparkSession spark = SharedSpark.get();
    private final Path landing = Repo.fixture("finance");
    @TempDir
    static Path temp;
    private Path lakehouse;
    /** Table name -> rows, for the default parameters, the 2015-16 price base and the shorter window. */
    private Map<String, List<Row>> base;
    private Map<String, List<Row>> rebased;
    private Map<String, List<Row>> shorterWindow;
    private String variationComment;

    @BeforeAll
    void runThreeTimes() {
        // One lakehouse, three parameter sets in turn: the second and third runs ingest nothing and only rebuild.
        lakehouse = temp.resolve("lakehouse");
        assertEquals(ExitCodes.OK, run());
        base = readAll();
        variationComment = DeltaTable.forPath(spark, lakehouse.resolve("reporting/it_capex_per_fte_variation")
                .toString()).detail().select("description").head().getString(0);
        assertEquals(ExitCodes.OK, run("--price-base-year", "2015-16"));
        rebased = readAll();
        assertEquals(ExitCodes.OK, run("--window-start", "2015-16"));
        shorterWindow = readAll();
    }

    private int run(String... more) {
        return Cli.pipeline(landing, lakehouse, more).exitCode();
    }

    private Map<String, List<Row>> readAll() {
        Map<String, List<Row>> tables = new LinkedHashMap<>();
        for (String t : TABLES) {
            tables.put(t, spark.read().format("delta").load(lakehouse.resolve("reporting").resolve(t).toString())
                    .collectAsList());
        }
        return tables;
    }

    private static BigDecimal fraction(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL128);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Figure 7

    @Test
    void itCapexPerFteMatchesTheHandCalculation() {
        Map<String, Row> rows = byKey(base.get("it_capex_per_fte"), "org_code");
        assertEquals(Set.of("RXC", "RMD", "REE", "RNG", "RSP"), rows.keySet());

        Row rxc = rows.get("RXC");
        assertEquals(6L, ((Number) rxc.getAs("years_with_returns")).longValue());
        assertClose(fraction(5_234_000, 6), rxc.getAs("avg_annual_it_capex_gbp"), "RXC average");
        assertClose("3500", rxc.getAs("fte"), "RXC FTE");
        assertClose(fraction(5234, 21), rxc.getAs("it_capex_per_fte_gbp"), "RXC per FTE");
        assertClose("5234000", rxc.getAs("it_capex_real_window_gbp"), "RXC real sum");
        assertEquals("RXA,RXB,RXC", rxc.getAs("finance_org_codes"), "the chain of three is folded into RXC");
        assertEquals("Crown Health NHS Foundation Trust", rxc.getAs("org_name"));
        assertEquals("ACUTE", rxc.getAs("sector"));
        assertEquals("FOUNDATION_TRUST", rxc.getAs("org_type"));
        assertEquals("PUBLISHED", rxc.getAs("fte_source"));

        Row rmd = rows.get("RMD");
        assertEquals(5L, ((Number) rmd.getAs("years_with_returns")).longValue(), "no 2015-16 return");
        assertEquals("2013-14,2014-15,2016-17,2017-18,2018-19", rmd.getAs("years_with_returns_list"));
        assertClose("2952", rmd.getAs("avg_annual_it_capex_gbp"), "RMD average over 5 years");
        assertClose("6", rmd.getAs("fte"), "RMD staff-level FTE");
        assertEquals("STAFF_LEVEL", rmd.getAs("fte_source"));
        assertClose("492", rmd.getAs("it_capex_per_fte_gbp"), "RMD per FTE");

        Row ree = rows.get("REE");
        assertClose(fraction(65_551, 12), ree.getAs("avg_annual_it_capex_gbp"), "REE average (resubmitted 7)");
        assertClose("10", ree.getAs("fte"), "REE: staff-level 10.0 wins over published 10.5");
        assertClose(fraction(65_551, 120), ree.getAs("it_capex_per_fte_gbp"), "REE per FTE");

        Row rng = rows.get("RNG");
        assertClose("2289600", rng.getAs("it_capex_real_window_gbp"), "RNG real sum of gross additions");
        assertClose("381600", rng.getAs("avg_annual_it_capex_gbp"), "RNG average");
        assertClose("318", rng.getAs("it_capex_per_fte_gbp"), "RNG per FTE");

        Row rsp = rows.get("RSP");
        assertEquals(6L, ((Number) rsp.getAs("years_with_returns")).longValue(),
                "2014-15 counts: a return with no IT line is a year with a return");
        assertClose("855000", rsp.getAs("avg_annual_it_capex_gbp"), "RSP average");
        assertClose("171", rsp.getAs("it_capex_per_fte_gbp"), "RSP per FTE");

        Map<String, Integer> rank = new TreeMap<>();
        Map<String, Double> percentile = new TreeMap<>();
        rows.forEach((k, r) -> {
            rank.put(k, r.getAs("rank"));
            percentile.put(k, r.getAs("percentile"));
        });
        assertEquals(Map.of("REE", 1, "RMD", 2, "RNG", 3, "RXC", 4, "RSP", 5), rank);
        assertEquals(Map.of("RSP", 0.0, "RXC", 25.0, "RNG", 50.0, "RMD", 75.0, "REE", 100.0), percentile);
        rows.values().forEach(r -> {
            assertEquals("2018-19", r.getAs("price_base_year"));
            assertEquals("2018-12", r.getAs("reference_period"));
        });
    }

    @Test
    void exclusionsListEveryCurrentTrustLeftOutAndWhy() {
        Set<String> reasons = new TreeSet<>();
        for (Row r : base.get("it_capex_per_fte_exclusions")) {
            reasons.add(r.getAs("org_code") + " " + r.getAs("reason"));
        }
        assertEquals(Set.of("RNW NO_WORKFORCE_AT_REFERENCE", "RNR NO_RETURN_IN_WINDOW",
                "RQN NO_WORKFORCE_AT_REFERENCE", "RQN NO_RETURN_IN_WINDOW"), reasons);
        Row rnr = byKey(base.get("it_capex_per_fte_exclusions"), "org_code", "reason").get("RNR/NO_RETURN_IN_WINDOW");
        assertClose("3000", rnr.getAs("fte"), "RNR has December 2018 workforce");
        assertEquals(0L, ((Number) rnr.getAs("years_with_returns")).longValue());
    }

    @Test
    void predecessorsAndClosedTrustsAreNeitherIncludedNorExcluded() {
        Set<String> everywhere = new TreeSet<>();
        base.get("it_capex_per_fte").forEach(r -> everywhere.add(r.getAs("org_code")));
        base.get("it_capex_per_fte_exclusions").forEach(r -> everywhere.add(r.getAs("org_code")));
        assertEquals(Set.of("RXC", "RMD", "REE", "RNG", "RSP", "RNW", "RNR", "RQN"), everywhere,
                "exactly the current trusts: RXA and RXB are folded into RXC, RCL closed without a successor");
    }

    @Test
    void variationIsTheR7DistributionOfThePerFteValues() {
        Map<String, Row> rows = byKey(base.get("it_capex_per_fte_variation"), "reporting_unit");
        assertEquals(Set.of("ENGLAND", "ACUTE", "MENTAL_HEALTH", "COMMUNITY"), rows.keySet());
        Row n = rows.get("ENGLAND");
        assertEquals("NATIONAL", n.getAs("scope"));
        assertNull(n.getAs("sector"));
        assertEquals(5L, (long) n.getAs("trusts"));
        assertEquals(171.0, (double) n.getAs("min_gbp"), 1e-9);
        assertEquals(21241.0 / 105, (double) n.getAs("p10_gbp"), 1e-9);
        assertEquals(5234.0 / 21, (double) n.getAs("p25_gbp"), 1e-9);
        assertEquals(318.0, (double) n.getAs("median_gbp"), 1e-9);
        assertEquals(492.0, (double) n.getAs("p75_gbp"), 1e-9);
        assertEquals(524.555, (double) n.getAs("p90_gbp"), 1e-9);
        assertEquals(65551.0 / 120, (double) n.getAs("max_gbp"), 1e-9);
        assertEquals(497419.0 / 1400, (double) n.getAs("mean_gbp"), 1e-9);
        assertEquals(159.498340672103, (double) n.getAs("standard_deviation_gbp"), 1e-9);
        assertEquals(0.448912640934, (double) n.getAs("coefficient_of_variation"), 1e-9);
        assertEquals(524.555 / (21241.0 / 105), (double) n.getAs("p90_p10_ratio"), 1e-9);
        assertTrue(((String) n.getAs("percentile_method")).contains("R_7"));

        Row acute = rows.get("ACUTE");
        assertEquals(3L, (long) acute.getAs("trusts"));
        assertEquals(186.647619047619, (double) acute.getAs("p10_gbp"), 1e-9);
        assertEquals(5234.0 / 21, (double) acute.getAs("median_gbp"), 1e-9);
        assertEquals(443.447619047619, (double) acute.getAs("p90_gbp"), 1e-9);
        assertEquals(304.079365079365, (double) acute.getAs("mean_gbp"), 1e-9);
        assertEquals(167.379579573950, (double) acute.getAs("standard_deviation_gbp"), 1e-9);

        Row mh = rows.get("MENTAL_HEALTH");
        assertEquals(1L, (long) mh.getAs("trusts"));
        assertEquals(65551.0 / 120, (double) mh.getAs("p10_gbp"), 1e-9);
        assertNull(mh.getAs("standard_deviation_gbp"));
        assertNull(mh.getAs("coefficient_of_variation"));
        assertEquals(1.0, (double) mh.getAs("p90_p10_ratio"), 1e-12);
        assertEquals(318.0, (double) rows.get("COMMUNITY").getAs("min_gbp"), 1e-9, "RNG alone, gross additions");

        assertTrue(variationComment.contains("R_7") && variationComment.contains("PERCENTILE.INC"),
                "the table comment states the percentile definition: " + variationComment);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Figure 6

    @Test
    void itCapexByYearIsNationalNominalAndRealWithTrustsReporting() {
        Map<String, Row> rows = byKey(base.get("it_capex_by_year"), "fin_year");
        Object[][] expected = {
            // year, nominal £, real £ (2018-19 prices), submitting organisations with an IT line
            {"2013-14", "2055000", "3288000", 8L},
            {"2014-15", "1204600", "1882187.5", 7L},
            {"2015-16", "2304000", "2949120", 6L},
            {"2016-17", "2056400", "2570500", 7L},
            {"2017-18", "2509500", "2569728", 6L},
            {"2018-19", "3059500", "3059500", 6L},
            {"2019-20", "450000", "439453.125", 2L},
        };
        assertEquals(expected.length, rows.size());
        for (Object[] e : expected) {
            Row r = rows.get((String) e[0]);
            assertClose((String) e[1], r.getAs("it_capex_nominal_gbp"), e[0] + " nominal");
            assertClose((String) e[2], r.getAs("it_capex_real_gbp"), e[0] + " real");
            assertEquals(e[3], r.getAs("trusts_reporting"), e[0] + " trusts reporting");
        }
        assertClose("1.6", rows.get("2013-14").getAs("price_factor"), "rebased factor 128 / 80");
        assertTrue((boolean) rows.get("2018-19").getAs("in_window"));
        assertFalse((boolean) rows.get("2019-20").getAs("in_window"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Paragraph 3.9

    @Test
    void itSpendShareNationallyAndPerTrust() {
        Map<String, Row> rows = byKey(base.get("it_spend_share"), "fin_year", "reporting_unit");
        Row n1314 = rows.get("2013-14/ENGLAND");
        assertEquals("NATIONAL", n1314.getAs("scope"));
        assertNull(n1314.getAs("org_code"));
        assertClose("2055000", n1314.getAs("it_capex_gbp"), "2013-14 national IT");
        assertClose("1081600000", n1314.getAs("total_operating_expenditure_gbp"), "2013-14 national TOE");
        assertEquals(100.0 * 2055 / 1_081_600, (double) n1314.getAs("it_share_pct"), 1e-9);
        assertEquals(7L, (long) n1314.getAs("trusts_in_national"));

        Row n1415 = rows.get("2014-15/ENGLAND");
        assertClose("690600000", n1415.getAs("total_operating_expenditure_gbp"), "RSP (no IT line) left out");
        assertEquals(100.0 * 1204.6 / 690_600, (double) n1415.getAs("it_share_pct"), 1e-9);
        assertEquals(6L, (long) n1415.getAs("trusts_in_national"));

        Row n1819 = rows.get("2018-19/ENGLAND");
        assertClose("2959500", n1819.getAs("it_capex_gbp"), "RNW (no TOE line) left out; RNG's 500 gross");
        assertClose("851550000", n1819.getAs("total_operating_expenditure_gbp"), "2018-19 national TOE");
        assertEquals(100.0 * 2959.5 / 851_550, (double) n1819.getAs("it_share_pct"), 1e-9);
        assertEquals(5L, (long) n1819.getAs("trusts_in_national"));

        Row rxc1314 = rows.get("2013-14/RXC");
        assertClose("500000", rxc1314.getAs("it_capex_gbp"), "RXA + RXB folded into RXC");
        assertClose("250000000", rxc1314.getAs("total_operating_expenditure_gbp"), "RXA + RXB TOE");
        assertEquals(0.2, (double) rxc1314.getAs("it_share_pct"), 1e-9);
        assertNull(rows.get("2013-14/RXA"), "no row under a predecessor's code");

        Row rsp1415 = rows.get("2014-15/RSP");
        assertNull(rsp1415.getAs("it_capex_gbp"));
        assertNull(rsp1415.getAs("it_share_pct"));
        assertNull(rsp1415.getAs("capex_alone_meets_ambition"));
        assertNull(rows.get("2018-19/RNW").getAs("total_operating_expenditure_gbp"));

        assertEquals(5.0, (double) rows.get("2017-18/RMD").getAs("it_share_pct"), 1e-9, "2.5 / 50");
        assertEquals(7.0, (double) rows.get("2018-19/RMD").getAs("it_share_pct"), 1e-9, "3.5 / 50");

        Row rcl = rows.get("2013-14/RCL");
        assertFalse((boolean) rcl.getAs("current_trust"), "closed without a successor: own rows, not current");
        assertEquals(0.5 / 3, (double) rcl.getAs("it_share_pct"), 1e-9);
        assertEquals(48, rows.size(), "41 trust-years and 7 national years");
    }

    @Test
    void itCapexShareOfIncomeIsTheShareComparableWithFivePerCentOfTurnover() {
        Map<String, Row> rows = byKey(base.get("it_spend_share"), "fin_year", "reporting_unit");
        // National 2018-19 (worked in the class comment): IT 1809.5 k / income 463,670 k over RXC, RMD, REE, RNG
        // and RNW; RNW has income but no expenditure, RSP expenditure but no income.
        Row n1819 = rows.get("2018-19/ENGLAND");
        assertClose("463670000", n1819.getAs("operating_income_gbp"), "2018-19 national operating income");
        assertClose("1809500", n1819.getAs("income_share_it_capex_gbp"), "IT capex of the trusts with income");
        assertEquals(100.0 * 1809.5 / 463_670, (double) n1819.getAs("it_capex_share_of_income_pct"), 1e-9);
        assertEquals(0.390256001035, (double) n1819.getAs("it_capex_share_of_income_pct"), 1e-9);
        assertEquals(5L, (long) n1819.getAs("trusts_in_national_income"));
        assertFalse((boolean) n1819.getAs("capex_alone_meets_ambition"));

        Row n1718 = rows.get("2017-18/ENGLAND");
        assertEquals(100.0 * 1002.5 / 305_062.5, (double) n1718.getAs("it_capex_share_of_income_pct"), 1e-9,
                "RXC 1000 / 305000 and RMD 2.5 / 62.5");
        assertEquals(2L, (long) n1718.getAs("trusts_in_national_income"));

        Row n1314 = rows.get("2013-14/ENGLAND");
        assertNull(n1314.getAs("operating_income_gbp"), "no trust returned income in 2013-14");
        assertNull(n1314.getAs("it_capex_share_of_income_pct"));
        assertEquals(0L, (long) n1314.getAs("trusts_in_national_income"));

        assertEquals(0.375, (double) rows.get("2018-19/RXC").getAs("it_capex_share_of_income_pct"), 1e-9,
                "1200 / 320000");
        Row rnw = rows.get("2018-19/RNW");
        assertEquals(0.2, (double) rnw.getAs("it_capex_share_of_income_pct"), 1e-9, "100 / 50000");
        assertNull(rnw.getAs("it_share_pct"), "no expenditure returned");

        // 5% of expenditure is not 5% of turnover: RMD 2017-18 spends 2.5 on IT capital against expenditure 50
        // (5%) and income 62.5 (4%). The old flag compared the expenditure share and said it met the ambition.
        Row rmd1718 = rows.get("2017-18/RMD");
        assertEquals(4.0, (double) rmd1718.getAs("it_capex_share_of_income_pct"), 1e-9, "2.5 / 62.5");
        assertFalse((boolean) rmd1718.getAs("capex_alone_meets_ambition"), "4% of turnover");
        Row rmd1819 = rows.get("2018-19/RMD");
        assertEquals(5.0, (double) rmd1819.getAs("it_capex_share_of_income_pct"), 1e-9, "3.5 / 70");
        assertTrue((boolean) rmd1819.getAs("capex_alone_meets_ambition"), "exactly 5% of turnover meets it");
        assertNull(rows.get("2013-14/RMD").getAs("capex_alone_meets_ambition"), "no income: no comparison");
        assertEquals(5.0, (double) rmd1819.getAs("ambition_pct"), 0);
    }

    @Test
    void noColumnComparesTheCapitalOnlyShareWithTheAllItEstimate() {
        List<String> columns = List.of(spark.read().format("delta")
                .load(lakehouse.resolve("reporting/it_spend_share").toString()).columns());
        assertFalse(columns.contains("nao_estimate_pct") || columns.contains("below_nao_estimate")
                || columns.contains("meets_ambition"), columns.toString());
        String comment = DeltaTable.forPath(spark, lakehouse.resolve("reporting/it_spend_share").toString()).detail()
                .select("description").head().getString(0);
        assertTrue(comment.contains("lower bound") && comment.contains("revenue"),
                "the table comment says both shares are capital-only lower bounds: " + comment);
        assertFalse(comment.contains("NAO's"), "the under-2% estimate is NHSE&I's, not the NAO's: " + comment);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Disposals (Figures 6 and 7 count gross additions)

    @Test
    void aTrustWithALargeDisposalKeepsItsGrossAdditionsInFigures6And7() {
        // RNG disposes of 2000 k in 2016-17 against 150 k of additions. Net of disposals its window sum would be
        // -388.4 k and its Figure 7 bar -£53.94 per FTE; gross it is 2289.6 k, £318 per FTE.
        Row rng = byKey(base.get("it_capex_per_fte"), "org_code").get("RNG");
        assertClose("318", rng.getAs("it_capex_per_fte_gbp"), "RNG per FTE, gross additions");
        base.get("it_capex_per_fte").forEach(r -> assertTrue(((BigDecimal) r.getAs("avg_annual_it_capex_gbp"))
                .signum() >= 0, r.getAs("org_code") + " has a negative Figure 7 bar"));

        Map<String, Row> years = byKey(base.get("it_capex_by_year"), "fin_year");
        Row y1617 = years.get("2016-17");
        assertClose("2056400", y1617.getAs("it_capex_nominal_gbp"), "2016-17 additions, RNG's 150 k counted");
        assertClose("-2000000", y1617.getAs("it_capex_disposals_nominal_gbp"), "RNG's disposal beside them");
        assertClose("-2500000", y1617.getAs("it_capex_disposals_real_gbp"), "-2000 k x 1.25");
        assertEquals(1L, (long) y1617.getAs("trusts_reporting_disposals"));
        assertClose("-100000", years.get("2015-16").getAs("it_capex_disposals_nominal_gbp"), "2015-16");
        assertClose("-128000", years.get("2015-16").getAs("it_capex_disposals_real_gbp"), "-100 k x 1.28");
        assertClose("-50000", years.get("2018-19").getAs("it_capex_disposals_nominal_gbp"), "2018-19");
        Row y1314 = years.get("2013-14");
        assertClose("0", y1314.getAs("it_capex_disposals_nominal_gbp"), "no disposal returned in 2013-14");
        assertEquals(0L, (long) y1314.getAs("trusts_reporting_disposals"));

        assertEquals(100.0 * 150 / 86_000,
                (double) byKey(base.get("it_spend_share"), "fin_year", "reporting_unit").get("2016-17/RNG")
                        .getAs("it_share_pct"), 1e-9, "the expenditure share counts additions only");
    }

    @Test
    void aDisposalCodeMappedToItCapexStopsTheRunAtFigure7sDataTest(@TempDir Path dir) throws Exception {
        // A code list that maps the disposal code to IT_CAPEX (the sample's mapping before issue 12) nets RNG's
        // 2000 k disposal into Figure 7: its average becomes negative (-388.4 k / 6) and the data test
        // avg_annual_it_capex_gbp >= 0 refuses to write the table.
        Path landingCopy = Landings.copy(landing, dir.resolve("landing"));
        Path lakehouseCopy = Landings.copy(lakehouse, dir.resolve("lakehouse"));
        Path codes = landingCopy.resolve("finance/2020-07-01/finance_codes.csv");
        Files.createDirectories(codes.getParent());
        Files.writeString(codes, "sub_code,description,measure\nCAP_IT_DISP,Disposals of IT assets,IT_CAPEX\n");
        CliResult result = Cli.pipeline(landingCopy, lakehouseCopy);
        assertEquals(ExitCodes.DATA_TEST_FAILED, result.exitCode(), result.summary());
        assertTrue(result.printed().contains("it_capex_per_fte") && result.printed().contains("avg_annual_it_capex_gbp >= 0"),
                result.summary());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Paragraph 3.13

    @Test
    void informaticsWorkforcePerTrustAndNationally() {
        Map<String, Row> rows = byKey(base.get("informatics_workforce"), "period", "reporting_unit");
        Row rmd = rows.get("2018-12/RMD");
        assertClose("6", rmd.getAs("total_fte"), "RMD total");
        assertClose("1.5", rmd.getAs("informatics_fte"), "RMD informatics");
        assertEquals(25.0, (double) rmd.getAs("informatics_share_pct"), 1e-9);
        Row ree = rows.get("2018-12/REE");
        assertClose("10", ree.getAs("total_fte"), "REE staff-level total, not the published 10.5");
        assertClose("0.4", ree.getAs("informatics_fte"), "REE informatics");
        assertEquals(4.0, (double) ree.getAs("informatics_share_pct"), 1e-9);
        Row rxc = rows.get("2018-12/RXC");
        assertClose("3500", rxc.getAs("total_fte"), "RXC published total");
        assertNull(rxc.getAs("informatics_fte"), "published layout only: null, not zero");
        assertNull(rxc.getAs("informatics_share_pct"));

        Row n = rows.get("2018-12/ENGLAND");
        assertClose("12716", n.getAs("total_fte"), "national total over all trusts");
        assertClose("1.9", n.getAs("informatics_fte"), "national informatics");
        assertClose("16", n.getAs("informatics_base_fte"), "FTE of the staff-level trusts");
        assertEquals(11.875, (double) n.getAs("informatics_share_pct"), 1e-9);

        assertNull(rows.get("2019-03/RMD").getAs("informatics_fte"), "RMD has only the published layout in March");
        assertClose("6.25", rows.get("2019-03/RMD").getAs("total_fte"), "RMD March published total");
        Row n03 = rows.get("2019-03/ENGLAND");
        assertClose("3566.75", n03.getAs("total_fte"), "national March");
        assertEquals(100.0 * 0.9 / 10.5, (double) n03.getAs("informatics_share_pct"), 1e-9);

        assertClose("3300", rows.get("2016-12/RXC").getAs("total_fte"), "RXB's staff belong to RXC");
        assertNull(rows.get("2016-12/RXB"), "no row under a predecessor's code");
        assertFalse((boolean) rows.get("2016-12/RCL").getAs("current_trust"));
        assertNull(rows.get("2016-12/ENGLAND").getAs("informatics_share_pct"), "no staff-level data in 2016-12");
    }

    @Test
    void nationalInformaticsRowsSayWhatTheyCover() {
        // Issue 12 (paragraph 3.13): an ENGLAND row whose share is taken over 16 of 12,716 FTE must say so.
        Map<String, Row> rows = byKey(base.get("informatics_workforce"), "period", "reporting_unit");
        Row dec = rows.get("2018-12/ENGLAND");
        assertEquals(2L, (long) dec.getAs("trusts_covered"), "RMD and REE have staff-level data");
        assertEquals(6L, (long) dec.getAs("trusts_total"), "RMD, REE, RXC, RNG, RSP, RNR");
        assertEquals(100.0 * 16 / 12716, (double) dec.getAs("fte_covered_pct"), 1e-9);
        Row mar = rows.get("2019-03/ENGLAND");
        assertEquals(1L, (long) mar.getAs("trusts_covered"), "REE only: RMD is published-only in March");
        assertEquals(3L, (long) mar.getAs("trusts_total"), "REE, RMD, RXC");
        assertEquals(100.0 * 10.5 / 3566.75, (double) mar.getAs("fte_covered_pct"), 1e-9);
        Row dec2016 = rows.get("2016-12/ENGLAND");
        assertEquals(0L, (long) dec2016.getAs("trusts_covered"));
        assertEquals(3L, (long) dec2016.getAs("trusts_total"), "RXC (RXB folded), RCL, RSP");
        assertEquals(0.0, (double) dec2016.getAs("fte_covered_pct"), 1e-9, "nothing covered: 0, not null");
        Row trust = rows.get("2018-12/RMD");
        assertNull(trust.getAs("trusts_covered"), "coverage columns are national only");
        assertNull(trust.getAs("trusts_total"));
        assertNull(trust.getAs("fte_covered_pct"));
    }

    @Test
    void reconciliationShowsBothLayoutsWhereTheyOverlap() {
        Map<String, Row> rows = byKey(base.get("workforce_reconciliation"), "period", "org_code");
        assertEquals(Set.of("2018-12/REE", "2019-03/REE"), rows.keySet());
        Row dec = rows.get("2018-12/REE");
        assertClose("10", dec.getAs("staff_level_total_fte"), "staff-level");
        assertClose("10.5", dec.getAs("published_total_fte"), "published");
        assertClose("-0.5", dec.getAs("difference_fte"), "difference");
        assertEquals(-100.0 * 0.5 / 10.5, (double) dec.getAs("difference_pct"), 1e-9);
        assertClose("0.5", rows.get("2019-03/REE").getAs("difference_fte"), "March difference");
    }

    @Test
    void noStaffIdentifierOrHeadcountReachesAReportingTable() {
        Pattern personId = Pattern.compile("^[0-9a-fA-F]{64}$");
        for (String table : TABLES) {
            List<String> columns = new ArrayList<>();
            for (StructField f : spark.read().format("delta").load(lakehouse.resolve("reporting").resolve(table)
                    .toString()).schema().fields()) {
                columns.add(f.name());
            }
            assertFalse(columns.contains("person_id") || columns.contains("assignment_id"), table + ": " + columns);
            assertTrue(columns.stream().noneMatch(c -> c.contains("headcount") || c.contains("people")
                    || c.contains("assignments")), table + ": " + columns);
            for (Row r : base.get(table)) {
                for (int i = 0; i < r.size(); i++) {
                    if (r.get(i) instanceof String s) {
                        assertFalse(personId.matcher(s).matches(), table + " carries a person identifier");
                        assertFalse(s.matches("^[ME][0-9]+$"), table + " carries an assignment id: " + s);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Parameters

    @Test
    void anotherPriceBaseYearScalesEveryRealValueByTheRatioOfIndexes() {
        // 2015-16 prices: every real value x index(2015-16) / index(2018-19) = 100 / 128 = 0.78125.
        Map<String, Row> before = byKey(base.get("it_capex_per_fte"), "org_code");
        Map<String, Row> after = byKey(rebased.get("it_capex_per_fte"), "org_code");
        Map<String, BigDecimal> expected = Map.of(
                "RXC", fraction(65_425, 336),
                "RMD", new BigDecimal("384.375"),
                "REE", fraction(327_755, 768),
                "RNG", new BigDecimal("248.4375"),
                "RSP", new BigDecimal("133.59375"));
        assertEquals(expected.keySet(), after.keySet());
        expected.forEach((org, value) -> {
            assertClose(value, after.get(org).getAs("it_capex_per_fte_gbp"), org + " per FTE in 2015-16 prices");
            BigDecimal scaled = ((BigDecimal) before.get(org).getAs("it_capex_per_fte_gbp"))
                    .multiply(new BigDecimal("0.78125"));
            assertClose(scaled, after.get(org).getAs("it_capex_per_fte_gbp"), org + " = 2018-19 value x 100/128");
            assertEquals("2015-16", after.get(org).getAs("price_base_year"));
        });
        Map<String, Row> years = byKey(rebased.get("it_capex_by_year"), "fin_year");
        assertClose("2568750", years.get("2013-14").getAs("it_capex_real_gbp"), "2,055,000 x 1.25");
        assertClose("2055000", years.get("2013-14").getAs("it_capex_nominal_gbp"), "nominal does not move");
        assertClose("2304000", years.get("2015-16").getAs("it_capex_real_gbp"), "the base year is nominal");
        assertClose("2390234.375", years.get("2018-19").getAs("it_capex_real_gbp"), "3,059,500 x 0.78125");
        Row n = byKey(rebased.get("it_capex_per_fte_variation"), "reporting_unit").get("ENGLAND");
        assertEquals(2.593017042512123, (double) n.getAs("p90_p10_ratio"), 1e-9, "a ratio does not move");
        assertEquals(524.555 * 0.78125, (double) n.getAs("p90_gbp"), 1e-9);
    }

    @Test
    void aShorterWindowAveragesOnlyItsYearsWithReturns() {
        // Window 2015-16 to 2018-19, 2018-19 prices.
        Map<String, Row> rows = byKey(shorterWindow.get("it_capex_per_fte"), "org_code");
        assertClose("952250", rows.get("RXC").getAs("avg_annual_it_capex_gbp"), "RXC (960+625+1024+1200)k / 4");
        assertClose(fraction(3809, 14), rows.get("RXC").getAs("it_capex_per_fte_gbp"), "RXC per FTE");
        assertEquals(3L, ((Number) rows.get("RMD").getAs("years_with_returns")).longValue());
        assertClose("3020", rows.get("RMD").getAs("avg_annual_it_capex_gbp"), "RMD (3.0+2.56+3.5)k / 3");
        assertClose(fraction(1510, 3), rows.get("RMD").getAs("it_capex_per_fte_gbp"), "RMD per FTE");
        assertClose("582.2", rows.get("REE").getAs("it_capex_per_fte_gbp"), "REE per FTE");
        assertClose(fraction(14_171, 48), rows.get("RNG").getAs("it_capex_per_fte_gbp"), "RNG (320+187.5+409.6+500)k / 4 / 1200");
        assertClose("208.5", rows.get("RSP").getAs("it_capex_per_fte_gbp"), "RSP per FTE");
        Map<String, Integer> rank = new TreeMap<>();
        rows.forEach((k, r) -> rank.put(k, r.getAs("rank")));
        assertEquals(Map.of("REE", 1, "RMD", 2, "RNG", 3, "RXC", 4, "RSP", 5), rank);
        assertEquals("2015-16", rows.get("RXC").getAs("window_start"));
        Map<String, Row> years = byKey(shorterWindow.get("it_capex_by_year"), "fin_year");
        assertFalse((boolean) years.get("2014-15").getAs("in_window"));
        assertClose("3288000", years.get("2013-14").getAs("it_capex_real_gbp"), "Figure 6 does not depend on the window");
    }

    /**
     * Every file of staff bronze carries statistics for the two lineage columns its readers select on, and for
     * no other column (not person_id, not assignment_id); the table says so in its properties from its first
     * commit, so the two later runs, which found it there, wrote no property commit.
     */
    @Test
    void staffBronzeKeepsFileStatisticsOnlyOnItsLineageColumns() throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Set<String>> statsColumns = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        String property = null;
        try (var commits = Files.list(lakehouse.resolve("restricted/workforce_staff/_delta_log"))) {
            for (Path commit : commits.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(commit)) {
                    var action = json.readTree(line);
                    if (action.has("add")) {
                        var stats = json.readTree(action.get("add").get("stats").asText());
                        Set<String> columns = new TreeSet<>();
                        stats.get("minValues").fieldNames().forEachRemaining(columns::add);
                        stats.get("nullCount").fieldNames().forEachRemaining(columns::add);
                        statsColumns.add(columns);
                    } else if (action.has("metaData")) {
                        property = action.get("metaData").get("configuration").path("delta.dataSkippingStatsColumns")
                                .asText(null);
                    } else if (action.has("commitInfo")) {
                        operations.add(action.get("commitInfo").get("operation").asText());
                    }
                }
            }
        }
        assertEquals("_source_file,_snapshot", property);
        assertFalse(statsColumns.isEmpty(), "no file was added to staff bronze");
        for (Set<String> columns : statsColumns) {
            assertEquals(Set.of("_snapshot", "_source_file"), columns);
        }
        assertFalse(operations.contains("SET TBLPROPERTIES"), "a later run set a property again: " + operations);
    }

    /**
     * Staff bronze's identifiers are written without a dictionary (nearly every value in a month is distinct),
     * its other text columns with one, as Parquet's default: the footers of its files say which.
     */
    @Test
    void staffIdentifiersAreWrittenWithoutADictionary() throws java.io.IOException {
        Map<String, Set<Boolean>> dictionaryByColumn = new TreeMap<>();
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        try (var files = Files.walk(lakehouse.resolve("restricted/workforce_staff"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".parquet")
                    && !p.toString().contains("_identifier_filters")).toList()) {
                try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                                new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
                    for (var block : reader.getFooter().getBlocks()) {
                        for (var chunk : block.getColumns()) {
                            dictionaryByColumn.computeIfAbsent(chunk.getPath().toDotString(), k -> new TreeSet<>())
                                    .add(chunk.hasDictionaryPage());
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(false), dictionaryByColumn.get("person_id"));
        assertEquals(Set.of(false), dictionaryByColumn.get("assignment_id"));
        assertEquals(Set.of(true), dictionaryByColumn.get("staff_group"));
    }

    /**
     * The pack's manifest lists every file's SHA-256, 64 hex digits like a person_id. They are the pack's own
     * hashes, not candidates: the runs that published this lakehouse (staff-level rows, and no other 64-digit
     * string in the pack) built the assignment_id filters their scans need, and no person_id filter.
     */
    @Test
    void theManifestsHashesAreNotJudgedAsPersonIds() {
        Path filters = lakehouse.resolve("restricted/workforce_staff/_identifier_filters");
        assertTrue(Files.isDirectory(filters.resolve("assignment_id")), filters + " has no assignment_id filters");
        assertFalse(Files.exists(filters.resolve("person_id")), "person_id filters were built for the manifest");
    }
}
