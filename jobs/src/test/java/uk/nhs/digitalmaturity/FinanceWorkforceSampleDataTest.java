package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The finance and workforce tables on the committed sample landing zone ({@code sample-data/}) land where the NAO
 * report does: trusts' IT capital spend, a lower bound of their IT spend, stays below NHSE&I's estimate of under 2% of
 * total expenditure on all IT every year, and below 5% of turnover (paragraph 3.9); identifiable informatics staff
 * are about 3.3% of the workforce (paragraph 3.13: HEE's 34,800 FTE, not its uplifted 4% to 5%); the variation
 * table publishes the ratio of the 90th to the 10th percentile of IT capex per FTE (Figure 7, "wide variation");
 * and Figures 6 and 7 count gross additions, with the sample's disposals beside them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinanceWorkforceSampleDataTest {
    private final SparkSession spark = SharedSpark.get();
    @TempDir
    static Path temp;
    private Path lakehouse;

    @BeforeAll
    void runOnTheSample() {
        lakehouse = SampleLakehouse.get(); // the committed sample-data/, run once for the whole suite
    }

    private List<Row> rows(String table, String filter) {
        return spark.read().format("delta").load(lakehouse.resolve("reporting").resolve(table).toString())
                .filter(filter).collectAsList();
    }

    @Test
    void nationalCapitalOnlySharesStayBelowTheEstimateOfAllItSpend() {
        // A capital-only share is a lower bound of the share of all IT spend: above NHSE&I's "less than 2%" the
        // sample would contradict it. Nothing in the table compares the two (they are different measures).
        List<Row> national = rows("it_spend_share", "scope = 'NATIONAL'");
        Set<String> years = new TreeSet<>();
        for (Row r : national) {
            String year = r.getAs("fin_year");
            years.add(year);
            double share = r.getAs("it_share_pct");
            assertTrue(share > 0 && share < 2, year + ": national IT capital share of expenditure " + share + "%");
            double ofIncome = r.getAs("it_capex_share_of_income_pct");
            assertTrue(ofIncome > 0 && ofIncome < 2, year + ": national IT capital share of income " + ofIncome + "%");
            assertFalse((boolean) r.getAs("capex_alone_meets_ambition"), year);
        }
        assertTrue(years.containsAll(List.of("2013-14", "2014-15", "2015-16", "2016-17", "2017-18", "2018-19")),
                years.toString());
    }

    @Test
    void theDataDictionarySaysBothSharesAreCapitalOnlyLowerBounds() throws Exception {
        // One line per table and per column; the table line carries the coverage paragraph (caveats included).
        List<String> dictionary = Files.readAllLines(SampleLakehouse.publication().resolve("data-dictionary.csv"));
        for (String column : List.of("it_spend_share,,", "it_spend_share,it_share_pct,",
                "it_spend_share,it_capex_share_of_income_pct,")) {
            String line = dictionary.stream().filter(l -> l.startsWith(column)).findFirst().orElseThrow();
            assertTrue(line.contains("lower bound"), line);
        }
        assertTrue(dictionary.stream().noneMatch(l -> l.startsWith("it_spend_share,") && l.contains("NAO's")),
                "the under-2% estimate is NHSE&I's, not the NAO's");
    }

    @Test
    void identifiableInformaticsShareIsNearHeesThreePointThreePerCentAndSaysWhatItCovers() {
        // Paragraph 3.13: HEE identified 34,800 FTE in informatics roles in 2019, about 3.3% of the workforce
        // (34,800 / 1,053,314, the sample's FTE at December 2018, = 3.304%); its 4% to 5% is an uplifted estimate
        // that occupation codes cannot reach.
        double published = 100.0 * 34_800 / 1_053_314;
        List<Row> national = rows("informatics_workforce", "scope = 'NATIONAL' AND informatics_fte IS NOT NULL");
        assertFalse(national.isEmpty(), "a month with staff-level data");
        for (Row r : national) {
            double share = r.getAs("informatics_share_pct");
            assertEquals(published, share, 0.2, r.getAs("period") + ": identifiable informatics share " + share + "%");
            assertTrue(share < 4, r.getAs("period") + ": below HEE's uplifted 4% to 5%");
            // the ten staff-level trusts of the sample, out of every trust with workforce that month
            assertEquals(10L, (long) r.getAs("trusts_covered"));
            assertTrue((long) r.getAs("trusts_total") > 200, "trusts_total " + r.getAs("trusts_total"));
            double covered = r.getAs("fte_covered_pct");
            assertTrue(covered > 0 && covered < 10, "a small part of the month's FTE: " + covered + "%");
        }
    }

    @Test
    void variationPublishesTheRatioOfTheNinetiethToTheTenthPercentile() {
        List<Row> national = rows("it_capex_per_fte_variation", "scope = 'NATIONAL'");
        assertEquals(1, national.size());
        Row n = national.get(0);
        Double ratio = n.getAs("p90_p10_ratio");
        assertNotNull(ratio, "p90/p10");
        assertTrue(ratio > 2, "wide variation: p90/p10 = " + ratio);
        long trusts = rows("it_capex_per_fte", "true").size();
        assertEquals(trusts, (long) n.getAs("trusts"));
        assertTrue(trusts > 200, "most of the ~230 trusts are in Figure 7: " + trusts);
        assertFalse(rows("it_capex_per_fte_variation", "scope = 'SECTOR'").isEmpty());
    }

    @Test
    void figuresSixAndSevenCountGrossAdditionsWithDisposalsBeside() {
        for (Row r : rows("it_capex_by_year", "in_window")) {
            BigDecimal disposals = r.getAs("it_capex_disposals_nominal_gbp");
            assertTrue(disposals.signum() < 0, r.getAs("fin_year") + ": the sample's disposals, as returned: " + disposals);
            assertTrue(((Number) r.getAs("trusts_reporting_disposals")).longValue() > 0);
        }
        for (Row r : rows("it_capex_per_fte", "true")) {
            assertTrue(((BigDecimal) r.getAs("avg_annual_it_capex_gbp")).signum() > 0, r.getAs("org_code") + "");
        }
    }

    @Test
    void figureSixIsInBaseYearPricesAndOnlyCurrentTrustsAreExcluded() {
        Row base = rows("it_capex_by_year", "fin_year = '2018-19'").get(0);
        assertEquals(0, ((BigDecimal) base.getAs("it_capex_real_gbp")).compareTo(base.getAs("it_capex_nominal_gbp")),
                "2018-19 is the price base year");
        // RY9 returned nothing in the window. RJD, RY1 and R1E have no December 2018 workforce, but the sample's
        // organisations close them in 2018 (issue 12), so they are not trusts at the organisations date and are
        // neither bars nor exclusions; the fixture test covers NO_WORKFORCE_AT_REFERENCE.
        Set<String> excluded = new TreeSet<>();
        rows("it_capex_per_fte_exclusions", "true").forEach(r -> excluded.add(r.getAs("org_code") + ":" + r.getAs("reason")));
        assertEquals(Set.of("RY9:NO_RETURN_IN_WINDOW"), excluded);
    }
}
