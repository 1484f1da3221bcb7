package uk.nhs.digitalmaturity.dma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The DMA tables end to end on the hand-built fixture {@code fixtures/dma}: three trusts, twelve questions a
 * year, the 2016 and 2017 surveys. Every expected number below is worked out by hand from the fixture files.
 *
 * <pre>
 * question  theme           weight  scale           topic
 * Q01       READINESS       1       YES_NO          GOVERNANCE:BOARD_SPONSOR
 * Q02       READINESS       2       AGREEMENT       GOVERNANCE:CLINICAL_LEADERSHIP
 * Q03       READINESS       1       AGREEMENT
 * Q04       CAPABILITY      0.3999  AGREEMENT       RECORDS:RELIABLE
 * Q05       CAPABILITY      0.0001  AGREEMENT       STANDARD:SNOMED_CT
 * Q06       CAPABILITY      0.29    YES_NO
 * Q07       CAPABILITY      0.0001  AGREEMENT       RECORDS:VIEW_SHARED
 * Q08       CAPABILITY      0.3099  PERCENT_BAND
 * Q09       INFRASTRUCTURE  1.5     STRUCTURE
 * Q10       INFRASTRUCTURE  0.5     PERCENT_BAND    SHARING:STRUCTURED_SHARE
 * Q11       NONE            1       AGREEMENT       STANDARD:PALLIATIVE_CARE
 * Q12       NONE            1       NHS_NUMBER_USE  STANDARD_USE:NHS_NUMBER
 * </pre>
 * Capability weights add up to 1, so a capability score is sum(weight x score): 0.3999 x 100 = 39.99,
 * + 0.0001 x 100 = 40, 0.3999 + 0.0001 + 0.29 = 69 and + 0.0001 = 69.01 put scores on each band boundary.
 * 2016: RAA and RBB respond (RCC opened in June 2016). 2017: all three. RBB's 2017 Q03 was first submitted as
 * AGREE_COMPLETELY (2019-06-03) and corrected to SOMEWHAT_DISAGREE (2019-09-02): the correction wins.
 * Missing answers (no row): RBB 2016 Q09; RAA 2017 Q07; RCC 2017 Q01 and Q12.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmaFixtureTest {
    private final SparkSession spark = SharedSpark.get();
    private final Path landing = Repo.fixture("dma");
    @TempDir
    static Path temp;
    private Path lakehouse;

    @BeforeAll
    void runOnce() {
        lakehouse = FixtureLakehouse.of("dma");
    }

    private Dataset<Row> table(Path lake, String name) {
        return spark.read().format("delta").load(lake.resolve("reporting").resolve(name).toString());
    }

    /** Rows keyed by the values of the given columns joined with '/'. */
    private Map<String, Row> rows(Path lake, String name, String... key) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : table(lake, name).collectAsList()) {
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(k.length() == 0 ? "" : "/").append((Object) r.getAs(c));
            }
            out.put(k.toString(), r);
        }
        return out;
    }

    private static void assertScore(Map<String, Row> scores, String key, String score, String band,
                                    double answeredPct) {
        Row r = scores.get(key);
        assertEquals(0, new BigDecimal(score).compareTo(r.getAs("score")), key + " score " + r.getAs("score"));
        assertEquals(band, r.getAs("band"), key + " band");
        assertEquals(answeredPct, (double) r.getAs("answered_weight_pct"), 1e-9, key + " answered weight");
    }

    @Test
    void themeScoresBandsAndAnsweredWeight() {
        Map<String, Row> s = rows(lakehouse, "dma_theme_scores", "survey_year", "org_code", "theme");
        assertEquals(15, s.size(), "2 trusts x 3 themes in 2016 + 3 x 3 in 2017; no NONE theme");

        // CAPABILITY (Q04..Q08, total weight 1), the band boundaries:
        // 2017 RAA: Q04 agree completely 0.3999 x 100 = 39.99; Q05 don't know, Q06 no, Q07 missing, Q08 0%
        //   -> 39.99 LOW; answered with a score: 1 - 0.0001 (Q05) - 0.0001 (Q07) = 99.98%.
        assertScore(s, "2017/RAA/CAPABILITY", "39.99", "LOW", 99.98);
        // 2017 RBB: Q04, Q05 agree completely 0.3999 + 0.0001 -> 40 MEDIUM; Q06 no, Q07 not applicable,
        //   Q08 don't know -> answered 1 - 0.0001 - 0.3099 = 69%.
        assertScore(s, "2017/RBB/CAPABILITY", "40", "MEDIUM", 69.0);
        // 2016 RBB: Q04, Q05 agree completely, Q06 yes 0.29 x 100, Q07 disagree completely, Q08 0% -> 69 MEDIUM.
        assertScore(s, "2016/RBB/CAPABILITY", "69", "MEDIUM", 100.0);
        // 2017 RCC: Q04, Q05, Q07 agree completely, Q06 yes: 0.6901 x 100 -> 69.01 HIGH; Q08 don't know -> 69.01%.
        assertScore(s, "2017/RCC/CAPABILITY", "69.01", "HIGH", 69.01);
        // 2016 RAA: everything disagree completely / no / 0% -> 0 LOW, all answered with a score.
        assertScore(s, "2016/RAA/CAPABILITY", "0", "LOW", 100.0);

        // READINESS (Q01 w1, Q02 w2, Q03 w1; total 4):
        // 2016 RAA: no 0, don't know (0, weight 2 stays in), neither 50 -> 50/4 = 12.5 LOW; answered 2/4.
        assertScore(s, "2016/RAA/READINESS", "12.5", "LOW", 50.0);
        // 2016 RBB: yes, agree completely, agree completely -> 100 HIGH.
        assertScore(s, "2016/RBB/READINESS", "100", "HIGH", 100.0);
        // 2017 RAA: yes 100, somewhat disagree 2 x 25, agree completely 100 -> 250/4 = 62.5 MEDIUM.
        assertScore(s, "2017/RAA/READINESS", "62.5", "MEDIUM", 100.0);
        // 2017 RBB: yes 100, neither 2 x 50, Q03 corrected to somewhat disagree 25 -> 225/4 = 56.25 MEDIUM
        //   (the first submission, agree completely, would have made it 300/4 = 75 HIGH).
        assertScore(s, "2017/RBB/READINESS", "56.25", "MEDIUM", 100.0);
        // 2017 RCC: Q01 missing 0, agree completely 2 x 100, mostly agree 75 -> 275/4 = 68.75 MEDIUM; answered 3/4.
        assertScore(s, "2017/RCC/READINESS", "68.75", "MEDIUM", 75.0);

        // INFRASTRUCTURE (Q09 w1.5 structure, Q10 w0.5 percent band; total 2):
        // 2016 RAA: semi-structured 1.5 x 50, don't know -> 75/2 = 37.5 LOW; answered 1.5/2.
        assertScore(s, "2016/RAA/INFRASTRUCTURE", "37.5", "LOW", 75.0);
        // 2016 RBB: Q09 missing, 21-40% 0.5 x 40 -> 20/2 = 10 LOW; answered 0.5/2.
        assertScore(s, "2016/RBB/INFRASTRUCTURE", "10", "LOW", 25.0);
        // 2017 RAA: fully structured 150 + 61-80% 0.5 x 80 = 190/2 = 95 HIGH.
        assertScore(s, "2017/RAA/INFRASTRUCTURE", "95", "HIGH", 100.0);
        // 2017 RBB: semi-structured 75 + 81-100% 50 = 125/2 = 62.5 MEDIUM.
        assertScore(s, "2017/RBB/INFRASTRUCTURE", "62.5", "MEDIUM", 100.0);
        // 2017 RCC: unstructured 0 + 41-60% 30 = 30/2 = 15 LOW.
        assertScore(s, "2017/RCC/INFRASTRUCTURE", "15", "LOW", 100.0);

        // responded weight counts don't know and not applicable as answered: RAA 2017 capability misses only Q07.
        assertEquals(99.99, (double) s.get("2017/RAA/CAPABILITY").getAs("responded_weight_pct"), 1e-9);
        assertEquals(100.0, (double) s.get("2017/RBB/CAPABILITY").getAs("responded_weight_pct"), 1e-9);
    }

    @Test
    void themeSummaryCountsBandsOfRespondingTrusts() {
        Map<String, Row> s = rows(lakehouse, "dma_theme_summary", "survey_year", "theme", "band");
        assertEquals(18, s.size(), "2 years x 3 themes x 3 bands, zero rows included");
        // 2017 (n = 3): capability and infrastructure one trust per band; readiness all three MEDIUM.
        for (String theme : List.of("CAPABILITY", "INFRASTRUCTURE")) {
            for (String band : List.of("LOW", "MEDIUM", "HIGH")) {
                Row r = s.get("2017/" + theme + "/" + band);
                assertEquals(1L, (long) r.getAs("trusts"));
                assertEquals(3L, (long) r.getAs("responding_trusts"));
                assertEquals(100.0 / 3, (double) r.getAs("share_pct"), 1e-12);
                // Wilson, k = 1, n = 3 (see DmaWilsonIntervalTest): 6.1492% to 79.2340%
                assertEquals(6.1492, (double) r.getAs("ci_low_pct"), 5e-5);
                assertEquals(79.2340, (double) r.getAs("ci_high_pct"), 5e-5);
            }
        }
        Row allMedium = s.get("2017/READINESS/MEDIUM");
        assertEquals(3L, (long) allMedium.getAs("trusts"));
        // k = n = 3: n/(n + z^2) = 3/6.841459 = 43.8503% to exactly 100%
        assertEquals(43.8503, (double) allMedium.getAs("ci_low_pct"), 5e-5);
        assertEquals(100.0, (double) allMedium.getAs("ci_high_pct"));
        Row noneHigh = s.get("2017/READINESS/HIGH");
        assertEquals(0L, (long) noneHigh.getAs("trusts"));
        // k = 0, n = 3: exactly 0% to z^2/(n + z^2) = 3.841459/6.841459 = 56.1497%
        assertEquals(0.0, (double) noneHigh.getAs("ci_low_pct"));
        assertEquals(56.1497, (double) noneHigh.getAs("ci_high_pct"), 5e-5);
        // 2016 (n = 2): readiness RAA LOW, RBB HIGH; capability RAA LOW, RBB MEDIUM; infrastructure both LOW.
        assertEquals(2L, (long) s.get("2016/READINESS/LOW").getAs("responding_trusts"));
        assertEquals(50.0, (double) s.get("2016/READINESS/HIGH").getAs("share_pct"), 1e-12);
        assertEquals(50.0, (double) s.get("2016/CAPABILITY/MEDIUM").getAs("share_pct"), 1e-12);
        assertEquals(0L, (long) s.get("2016/CAPABILITY/HIGH").getAs("trusts"));
        assertEquals(100.0, (double) s.get("2016/INFRASTRUCTURE/LOW").getAs("share_pct"), 1e-12);
        // k = n = 2: 2/5.841459 = 34.2380% to 100%
        assertEquals(34.2380, (double) s.get("2016/INFRASTRUCTURE/LOW").getAs("ci_low_pct"), 5e-5);
    }

    @Test
    void standardsComplianceListsEveryAnswerWithNoResponse() {
        Map<String, Row> s = rows(lakehouse, "standards_compliance", "survey_year", "standard", "answer_code");
        // 3 standards x (scale answers + NO_RESPONSE): SNOMED_CT and PALLIATIVE_CARE 7 + 1, NHS_NUMBER 7 + 1;
        // two years.
        assertEquals(2 * 3 * 8, s.size());
        // 2017 SNOMED CT (Q05): RAA don't know, RBB and RCC agree completely -> 2 of 3 compliant.
        Row snomed = s.get("2017/SNOMED_CT/AGREE_COMPLETELY");
        assertEquals(2L, (long) snomed.getAs("trusts"));
        assertEquals(200.0 / 3, (double) snomed.getAs("share_pct"), 1e-12);
        assertEquals(2L, (long) snomed.getAs("compliant_trusts"));
        assertEquals(200.0 / 3, (double) snomed.getAs("compliance_pct"), 1e-12);
        assertEquals(7, (int) snomed.getAs("answer_ordinal"), "ordinal from the scale file");
        assertEquals("Agree completely", snomed.getAs("answer_label"));
        assertEquals(1L, (long) s.get("2017/SNOMED_CT/DONT_KNOW").getAs("trusts"));
        assertEquals(0L, (long) s.get("2017/SNOMED_CT/MOSTLY_AGREE").getAs("trusts"));
        // 2017 palliative care (Q11, theme NONE): mostly agree, agree completely, somewhat disagree -> 2 of 3.
        assertEquals(200.0 / 3, (double) s.get("2017/PALLIATIVE_CARE/SOMEWHAT_DISAGREE").getAs("compliance_pct"),
                1e-12);
        // 2016 SNOMED CT: RAA disagree completely, RBB agree completely -> 1 of 2; palliative: n/a, neither -> 0.
        assertEquals(50.0, (double) s.get("2016/SNOMED_CT/NO_RESPONSE").getAs("compliance_pct"), 1e-12);
        assertEquals(0.0, (double) s.get("2016/PALLIATIVE_CARE/AGREE_COMPLETELY").getAs("compliance_pct"), 1e-12);
        // NHS number use bands, 2017: 96-100% RAA, 91-95% RBB, RCC no response; no compliance figure.
        Row nhs96 = s.get("2017/NHS_NUMBER/PCT_96_100");
        assertEquals(1L, (long) nhs96.getAs("trusts"));
        assertEquals(100.0 / 3, (double) nhs96.getAs("share_pct"), 1e-12);
        assertEquals("STANDARD_USE", nhs96.getAs("standard_kind"));
        assertNull(nhs96.getAs("compliance_pct"));
        assertEquals(1L, (long) s.get("2017/NHS_NUMBER/PCT_91_95").getAs("trusts"));
        Row nhsNone = s.get("2017/NHS_NUMBER/NO_RESPONSE");
        assertEquals(1L, (long) nhsNone.getAs("trusts"));
        assertEquals(0, (int) nhsNone.getAs("answer_ordinal"));
        // no sectors column in this fixture: every question asked of every responding trust
        assertEquals(3L, (long) nhs96.getAs("trusts_asked"));
        assertEquals(3L, (long) snomed.getAs("trusts_asked"));
    }

    @Test
    void onlyTheNhsNumberIsMandatory() {
        // Figure 9, note: "Only the NHS number is mandatory".
        Map<String, Row> s = rows(lakehouse, "standards_compliance", "survey_year", "standard", "answer_code");
        for (Map.Entry<String, Row> e : s.entrySet()) {
            assertEquals(e.getKey().contains("/NHS_NUMBER/"), (boolean) e.getValue().getAs("mandatory"), e.getKey());
        }
        assertTrue((boolean) s.get("2017/NHS_NUMBER/PCT_96_100").getAs("mandatory"));
        assertFalse((boolean) s.get("2017/SNOMED_CT/AGREE_COMPLETELY").getAs("mandatory"));
        assertFalse((boolean) s.get("2017/PALLIATIVE_CARE/NO_RESPONSE").getAs("mandatory"));
    }

    @Test
    void digitalRecordsCombineNoResponseAndNotApplicableForFigure10() {
        Map<String, Row> s = rows(lakehouse, "digital_records", "survey_year", "statement", "answer_code");
        assertEquals(2 * 2 * 8, s.size(), "2 years x 2 statements x (7 agreement answers + NO_RESPONSE)");
        // 2017 VIEW_SHARED (Q07): RAA no response, RBB not applicable, RCC agree completely.
        Row noResponse = s.get("2017/VIEW_SHARED/NO_RESPONSE");
        Row notApplicable = s.get("2017/VIEW_SHARED/NOT_APPLICABLE");
        assertEquals(1L, (long) noResponse.getAs("trusts"));
        assertEquals(1L, (long) notApplicable.getAs("trusts"));
        for (Row r : List.of(noResponse, notApplicable)) {
            assertEquals("No response or not applicable", r.getAs("figure_label"));
            assertEquals(1, (int) r.getAs("figure_order"));
            assertEquals(2L, (long) r.getAs("figure_trusts"));
            assertEquals(200.0 / 3, (double) r.getAs("figure_share_pct"), 1e-12);
        }
        Row dontKnow = s.get("2017/VIEW_SHARED/DONT_KNOW");
        assertEquals("Don't know", dontKnow.getAs("figure_label"));
        assertEquals(2, (int) dontKnow.getAs("figure_order"));
        assertEquals(7, (int) s.get("2017/VIEW_SHARED/AGREE_COMPLETELY").getAs("figure_order"));
        assertEquals(100.0 / 3, (double) s.get("2017/VIEW_SHARED/AGREE_COMPLETELY").getAs("share_pct"), 1e-12);
        // 2017 RELIABLE (Q04): all three agree completely.
        assertEquals(100.0, (double) s.get("2017/RELIABLE/AGREE_COMPLETELY").getAs("share_pct"), 1e-12);
        assertEquals(0L, (long) s.get("2017/RELIABLE/NO_RESPONSE").getAs("figure_trusts"));
        // 2016 VIEW_SHARED: both disagree completely.
        assertEquals(100.0, (double) s.get("2016/VIEW_SHARED/DISAGREE_COMPLETELY").getAs("share_pct"), 1e-12);
    }

    @Test
    void governanceMeasures() {
        Map<String, Row> s = rows(lakehouse, "dma_governance", "survey_year", "measure");
        assertEquals(6, s.size());
        // 2017: board sponsor yes RAA, RBB (RCC no response) 2/3; strong clinical leadership only RCC (agree
        // completely; RAA somewhat disagrees, RBB neither) 1/3; structured sharing RAA 61-80%, RBB 81-100%
        // (RCC 41-60%) 2/3.
        assertMeasure(s.get("2017/BOARD_SPONSOR"), 2, 3);
        assertEquals(1L, (long) s.get("2017/BOARD_SPONSOR").getAs("no_response_trusts"));
        assertMeasure(s.get("2017/STRONG_CLINICAL_LEADERSHIP"), 1, 3);
        assertMeasure(s.get("2017/STRUCTURED_SHARING_OVER_60_PCT"), 2, 3);
        // 2016: RBB yes and agree completely, RAA no and don't know; sharing RAA don't know, RBB 21-40%.
        assertMeasure(s.get("2016/BOARD_SPONSOR"), 1, 2);
        assertMeasure(s.get("2016/STRONG_CLINICAL_LEADERSHIP"), 1, 2);
        assertMeasure(s.get("2016/STRUCTURED_SHARING_OVER_60_PCT"), 0, 2);
    }

    private static void assertMeasure(Row r, long trusts, long responding) {
        assertEquals(trusts, (long) r.getAs("trusts"));
        assertEquals(responding, (long) r.getAs("responding_trusts"));
        assertEquals(100.0 * trusts / responding, (double) r.getAs("share_pct"), 1e-12);
    }

    @Test
    void changeOverTimePairsTrustsThatAnsweredBothSurveys() {
        Map<String, Row> c = rows(lakehouse, "dma_theme_change", "org_code", "theme");
        assertEquals(6, c.size(), "RAA and RBB answered both surveys (RCC only 2017): 2 x 3 themes");
        assertEquals(0, new BigDecimal("39.99").compareTo(c.get("RAA/CAPABILITY").getAs("score_change")));
        assertEquals(0, new BigDecimal("-29").compareTo(c.get("RBB/CAPABILITY").getAs("score_change")));
        assertEquals(0, new BigDecimal("-43.75").compareTo(c.get("RBB/READINESS").getAs("score_change")));
        assertEquals(0, new BigDecimal("57.5").compareTo(c.get("RAA/INFRASTRUCTURE").getAs("score_change")));

        Map<String, Row> t = rows(lakehouse, "dma_theme_change_test", "theme");
        // CAPABILITY: +39.99 (rank 2), -29 (rank 1): W+ = 2, W- = 1; exact, patterns of {1, 2} with sum >= 2:
        // {2}, {1, 2} -> p = 2 x 2/4 = 1.
        Row cap = t.get("CAPABILITY");
        assertEquals(2L, (long) cap.getAs("paired_trusts"));
        assertEquals(2.0, (double) cap.getAs("w_plus"));
        assertEquals(1.0, (double) cap.getAs("p_value"), 1e-15);
        assertEquals("EXACT", cap.getAs("method"));
        assertEquals(5.495, (double) cap.getAs("median_change"), 1e-12);
        // INFRASTRUCTURE: +57.5, +52.5: W+ = 3; only {1, 2} reaches 3 -> p = 2 x 1/4 = 0.5.
        Row infra = t.get("INFRASTRUCTURE");
        assertEquals(2L, (long) infra.getAs("improved_trusts"));
        assertEquals(0.5, (double) infra.getAs("p_value"), 1e-15);
        assertEquals("NO_SIGNIFICANT_CHANGE", infra.getAs("conclusion"));
        assertEquals("TWO_SIDED", infra.getAs("alternative"));
    }

    @Test
    void bandTransitionsListEveryCellWithEnteredAndLeft() {
        // Bands by hand (themeScoresBandsAndAnsweredWeight): 2016 RAA LOW/LOW/LOW, RBB HIGH/MEDIUM/LOW;
        // 2017 RAA MEDIUM/LOW/HIGH, RBB MEDIUM/MEDIUM/MEDIUM, RCC MEDIUM/HIGH/LOW (readiness/capability/infra).
        Map<String, Row> t = rows(lakehouse, "dma_band_transitions", "theme", "band_from", "band_to");
        assertEquals(45, t.size(), "3 themes x 15 cells (4 x 4 less NOT_SCORED -> NOT_SCORED)");
        // READINESS: RAA LOW -> MEDIUM (up), RBB HIGH -> MEDIUM (down), RCC entered at MEDIUM.
        assertTransition(t.get("READINESS/LOW/MEDIUM"), 1, 1, "UP");
        assertTransition(t.get("READINESS/HIGH/MEDIUM"), 1, 1, "DOWN");
        assertTransition(t.get("READINESS/NOT_SCORED/MEDIUM"), 1, 1, "ENTERED");
        assertTransition(t.get("READINESS/MEDIUM/MEDIUM"), 0, 0, "SAME");
        assertNull(t.get("READINESS/MEDIUM/MEDIUM").getAs("share_of_band_from_pct"), "no trust was MEDIUM in 2016");
        // CAPABILITY: RAA stays LOW, RBB stays MEDIUM, RCC entered at HIGH.
        assertTransition(t.get("CAPABILITY/LOW/LOW"), 1, 1, "SAME");
        assertTransition(t.get("CAPABILITY/MEDIUM/MEDIUM"), 1, 1, "SAME");
        assertTransition(t.get("CAPABILITY/NOT_SCORED/HIGH"), 1, 1, "ENTERED");
        // INFRASTRUCTURE: both 2016 trusts LOW; RAA -> HIGH, RBB -> MEDIUM: 50% of LOW each; RCC entered LOW.
        assertTransition(t.get("INFRASTRUCTURE/LOW/HIGH"), 1, 2, "UP");
        assertEquals(50.0, (double) t.get("INFRASTRUCTURE/LOW/HIGH").getAs("share_of_band_from_pct"), 1e-12);
        assertTransition(t.get("INFRASTRUCTURE/LOW/LOW"), 0, 2, "SAME");
        assertTransition(t.get("INFRASTRUCTURE/NOT_SCORED/LOW"), 1, 1, "ENTERED");
        // nobody left: both 2016 respondents answered in 2017
        for (String theme : List.of("READINESS", "CAPABILITY", "INFRASTRUCTURE")) {
            long moved = 0;
            for (Row r : t.values()) {
                if (r.getAs("theme").equals(theme)) {
                    moved += (long) r.getAs("trusts");
                    if (r.getAs("band_to").equals("NOT_SCORED")) {
                        assertEquals(0L, (long) r.getAs("trusts"), theme + " left");
                        assertEquals("LEFT", r.getAs("movement"));
                    }
                }
            }
            assertEquals(3, moved, theme + ": RAA, RBB and RCC each in one cell");
        }
        // Nobody is HIGH on all three themes in either year (RBB 2016 is HIGH on readiness only).
        for (Row r : table(lakehouse, "dma_theme_summary").collectAsList()) {
            assertEquals(0L, (long) r.getAs("trusts_high_on_all_themes"));
        }
    }

    /**
     * Programmes (programmes/programme_membership.csv): RAA a Global Digital Exemplar; RCC a fast follower AND a
     * digital aspirant (two programmes); RBB in none (OTHER). Changes 2016 -> 2017 by hand (above): RAA readiness
     * +50, capability +39.99, infrastructure +57.5; RBB -43.75, -29, +52.5; RCC answered only 2017 (no change).
     */
    @Test
    void programmeGroupsCompareMaturityAndChange() {
        Map<String, Row> m = rows(lakehouse, "programme_maturity", "programme_group", "survey_year", "theme");
        assertEquals(24, m.size(), "4 groups x 2 years x 3 themes");
        Row gde = m.get("GLOBAL_DIGITAL_EXEMPLAR/2017/INFRASTRUCTURE");
        assertEquals(1L, (long) gde.getAs("trusts"));
        assertEquals(0, new BigDecimal("95").compareTo(gde.getAs("mean_score")));
        assertEquals(100.0, (double) gde.getAs("share_high_pct"), 1e-12);
        assertEquals(1L, (long) gde.getAs("paired_trusts"));
        assertEquals(0, new BigDecimal("57.5").compareTo(gde.getAs("mean_change")));
        // Mann-Whitney, one exemplar against one other trust, RAA's change above RBB's on every theme: U = 1 of
        // 1 pair; normal approximation (commons-math3): E[U] = 1/2, Var = 1 x 1 x 3 / 12 = 1/4, z = (0 - 1/2) / (1/2)
        // = -1 for U_min = 0, p = 2 Phi(-1) = 0.3173105078629141.
        assertEquals(0.3173105078629141, (double) gde.getAs("change_p_value"), 1e-12);
        assertEquals("NO_SIGNIFICANT_DIFFERENCE", gde.getAs("change_conclusion"));
        // RCC is in both its programmes: 2017 capability 69.01 HIGH in each; no 2016 score, so nothing paired.
        for (String group : List.of("FAST_FOLLOWER", "DIGITAL_ASPIRANT")) {
            Row r = m.get(group + "/2017/CAPABILITY");
            assertEquals(1L, (long) r.getAs("trusts"), group);
            assertEquals(1L, (long) r.getAs("trusts_high"), group);
            assertNull(r.getAs("paired_trusts"), group);
            assertNull(r.getAs("change_p_value"), group);
            assertEquals(0L, (long) m.get(group + "/2016/CAPABILITY").getAs("trusts"), group + " 2016");
            assertNull(m.get(group + "/2016/CAPABILITY").getAs("mean_score"), group + " 2016");
        }
        // OTHER is RBB alone: 2016 readiness 100 HIGH; 2017 readiness 56.25, change -43.75; never tested itself
        Row other = m.get("OTHER/2017/READINESS");
        assertEquals(0, new BigDecimal("56.25").compareTo(other.getAs("mean_score")));
        assertEquals(0, new BigDecimal("-43.75").compareTo(other.getAs("mean_change")));
        assertNull(other.getAs("change_p_value"));
        assertEquals(100.0, (double) m.get("OTHER/2016/READINESS").getAs("share_high_pct"), 1e-12);
        // the fixture has no finance: no trust in it_capex_per_fte
        assertEquals(0L, (long) gde.getAs("it_capex_per_fte_trusts"));

        Map<String, Row> t = rows(lakehouse, "programme_change_test", "programme_group", "theme");
        assertEquals(3, t.size(), "only the exemplars have paired trusts: 3 themes");
        Row readiness = t.get("GLOBAL_DIGITAL_EXEMPLAR/READINESS");
        assertEquals(1.0, (double) readiness.getAs("u_statistic"));
        assertEquals(1.0, (double) readiness.getAs("prob_group_changed_more"));
        assertEquals(50.0, (double) readiness.getAs("group_mean_change"), 1e-12);
        assertEquals(-43.75, (double) readiness.getAs("other_mean_change"), 1e-12);

        Map<String, Row> card = rows(lakehouse, "trust_scorecard", "org_code");
        assertEquals("GLOBAL_DIGITAL_EXEMPLAR", card.get("RAA").getAs("digital_programmes"));
        assertEquals("DIGITAL_ASPIRANT;FAST_FOLLOWER", card.get("RCC").getAs("digital_programmes"));
        assertEquals(0, new BigDecimal("6200000").compareTo(card.get("RCC").getAs("programme_funding_gbp")));
        assertNull(card.get("RBB").getAs("digital_programmes"));
    }

    private static void assertTransition(Row r, long trusts, long from, String movement) {
        assertEquals(trusts, (long) r.getAs("trusts"));
        assertEquals(from, (long) r.getAs("trusts_from"));
        assertEquals(movement, r.getAs("movement"));
        assertEquals("2016", r.getAs("survey_year_from"));
        assertEquals("2017", r.getAs("survey_year_to"));
    }

    /**
     * Questions asked of some sectors only (contract dma/, optional {@code sectors} column; NAO paragraph 1.19).
     * A later snapshot restates three 2017 questions with a sectors column (second position, items spaced),
     * and ODS lists RBB's sector as UNKNOWN from 2019-10-01:
     * <pre>
     * Q01 GOVERNANCE:BOARD_SPONSOR (READINESS w1)  ACUTE; SPECIALIST;COMMUNITY;AMBULANCE  not asked of RCC (MENTAL_HEALTH)
     * Q12 STANDARD_USE:NHS_NUMBER (NONE)           ACUTE                                not asked of RCC
 * Q07 RECORDS:VIEW_SHARED (CAPABILITY w0.0001) MENTAL_HEALTH                        not asked of RAA (ACUTE)
     * Q06 (CAPABILITY)                             ACUTE;HOSPICE                        quarantined NOT_IN_ENUM (line 5)
     * </pre>
     * RCC gave no answer to Q01 or Q12, nor RAA to Q07, which today counts as NO_RESPONSE against them. RBB
     * (UNKNOWN) is asked everything; Q06's first snapshot (every sector) stays current.
     */
    @Test
    void aQuestionNotAskedOfATrustsSectorIsLeftOutOfItsScoreAndTheNoResponseCounts() throws IOException {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("dma", temp.resolve("sectors"));
        Path dma = Files.createDirectories(copy.landing().resolve("dma/2019-10-01"));
        Files.writeString(dma.resolve("dma_questions.csv"), String.join("\n",
                "survey_year,sectors,question_id,theme,weight,answer_scale,topic,question_text",
                "2017,ACUTE; SPECIALIST;COMMUNITY;AMBULANCE,Q01,READINESS,1,YES_NO,GOVERNANCE:BOARD_SPONSOR,"
                        + "There is a board-level sponsor for digital transformation.",
                "2017,ACUTE,Q12,NONE,1,NHS_NUMBER_USE,STANDARD_USE:NHS_NUMBER,"
                        + "For what proportion of shared information is the NHS number the identifier?",
                "2017,MENTAL_HEALTH,Q07,CAPABILITY,0.0001,AGREEMENT,RECORDS:VIEW_SHARED,"
                        + "Our clinicians can view a shared care record.",
                "2017,ACUTE;HOSPICE,Q06,CAPABILITY,0.29,YES_NO,,Do clinicians use electronic prescribing?", ""));
        Path orgs = Files.createDirectories(copy.landing().resolve("organisations/2019-10-01"));
        Files.writeString(orgs.resolve("organisations.csv"), String.join("\n",
                "org_code,org_name,org_type,sector,region_code,open_date,close_date",
                "RAA,Alpha Hospitals NHS Foundation Trust,FOUNDATION_TRUST,ACUTE,Y56,2004-04-01,",
                "RBB,Beta Healthcare NHS Trust,NHS_TRUST,UNKNOWN,Y58,1994-04-01,",
                "RCC,Gamma Mental Health NHS Foundation Trust,FOUNDATION_TRUST,MENTAL_HEALTH,Y59,2016-06-01,", ""));
        assertEquals(ExitCodes.OK, copy.run().exitCode());
        Path lake = copy.lakehouse();

        Map<String, Row> s = rows(lake, "dma_theme_scores", "survey_year", "org_code", "theme");
        // RCC 2017 readiness without Q01: Q02 agree completely 2 x 100 + Q03 mostly agree 1 x 75 = 275 over
        // weight 3 = 91.6666666667 HIGH, all of it answered (today: Q01 counts 0 with weight 1 -> 275/4 = 68.75
        // MEDIUM, 75% answered).
        assertScore(s, "2017/RCC/READINESS", "91.6666666667", "HIGH", 100.0);
        assertEquals(2L, ((Number) s.get("2017/RCC/READINESS").getAs("questions")).longValue(), "Q02, Q03");
        assertEquals("MENTAL_HEALTH", s.get("2017/RCC/READINESS").getAs("sector"));
        // RBB's sector is UNKNOWN: asked everything, so unchanged: 225/4 = 56.25 MEDIUM.
        assertScore(s, "2017/RBB/READINESS", "56.25", "MEDIUM", 100.0);
        assertEquals("UNKNOWN", s.get("2017/RBB/READINESS").getAs("sector"));
        // RAA 2017 capability without Q07 (weight 0.0001, unanswered): Q04 0.3999 x 100 = 39.99 over weight
        // 0.9999 = 39.993999399939... -> 39.9939993999 LOW; answered with a score Q04 + Q06 + Q08 = 0.9998 of
        // 0.9999 = 99.98999899...%; responded (Q05 don't know too) 0.9999 of 0.9999 = 100%
        // (today 39.99 with 99.98% answered and 99.99% responded). Q06 still counts for every sector: its
        // sectors list was quarantined, so its first snapshot holds.
        assertScore(s, "2017/RAA/CAPABILITY", "39.9939993999", "LOW", 100.0 * 0.9998 / 0.9999);
        assertEquals(100.0, (double) s.get("2017/RAA/CAPABILITY").getAs("responded_weight_pct"), 1e-9);
        assertEquals(4L, ((Number) s.get("2017/RAA/CAPABILITY").getAs("questions")).longValue(), "Q04-Q06, Q08");
        // RBB (UNKNOWN) and RCC (MENTAL_HEALTH) were asked Q07: unchanged 40 MEDIUM and 69.01 HIGH.
        assertScore(s, "2017/RBB/CAPABILITY", "40", "MEDIUM", 69.0);
        assertScore(s, "2017/RCC/CAPABILITY", "69.01", "HIGH", 69.01);
        assertScore(s, "2016/RAA/READINESS", "12.5", "LOW", 50.0); // 2016 untouched

        // Figure 4, 2017 readiness: RAA 62.5 and RBB 56.25 MEDIUM, RCC HIGH (today all three MEDIUM).
        Map<String, Row> summary = rows(lake, "dma_theme_summary", "survey_year", "theme", "band");
        assertEquals(2L, (long) summary.get("2017/READINESS/MEDIUM").getAs("trusts"));
        assertEquals(1L, (long) summary.get("2017/READINESS/HIGH").getAs("trusts"));
        assertEquals(3L, (long) summary.get("2017/READINESS/HIGH").getAs("responding_trusts"));

        // Governance 2017, board sponsor: asked of RAA and RBB, both yes -> 2 of 2 = 100%, no NO_RESPONSE
        // (today 2 of 3 with RCC as a no response).
        Row board = rows(lake, "dma_governance", "survey_year", "measure").get("2017/BOARD_SPONSOR");
        assertEquals(2L, (long) board.getAs("trusts"));
        assertEquals(2L, (long) board.getAs("trusts_asked"));
        assertEquals(3L, (long) board.getAs("responding_trusts"));
        assertEquals(0L, (long) board.getAs("no_response_trusts"));
        assertEquals(100.0, (double) board.getAs("share_pct"), 1e-12);

        // Figure 9 notes, NHS number 2017: asked of RAA (96-100%) and RBB (UNKNOWN, 91-95%): 1 of 2 each,
        // NO_RESPONSE 0 (today 1 of 3 each and RCC a no response).
        Map<String, Row> std = rows(lake, "standards_compliance", "survey_year", "standard", "answer_code");
        assertEquals(0L, (long) std.get("2017/NHS_NUMBER/NO_RESPONSE").getAs("trusts"));
        assertEquals(50.0, (double) std.get("2017/NHS_NUMBER/PCT_96_100").getAs("share_pct"), 1e-12);
        assertEquals(50.0, (double) std.get("2017/NHS_NUMBER/PCT_91_95").getAs("share_pct"), 1e-12);
        assertEquals(2L, (long) std.get("2017/NHS_NUMBER/PCT_91_95").getAs("trusts_asked"));
        assertEquals(3L, (long) std.get("2017/SNOMED_CT/AGREE_COMPLETELY").getAs("trusts_asked"));
        assertEquals(1L, (long) std.get("2016/NHS_NUMBER/PCT_96_100").getAs("trusts"));

        // Figure 10, 2017 VIEW_SHARED: asked of RBB (not applicable) and RCC (agree completely); RAA, not asked,
        // is no longer a no response: "no response or not applicable" 1 of 2 = 50% (today 2 of 3).
        Map<String, Row> rec = rows(lake, "digital_records", "survey_year", "statement", "answer_code");
        Row noResponse = rec.get("2017/VIEW_SHARED/NO_RESPONSE");
        assertEquals(0L, (long) noResponse.getAs("trusts"));
        assertEquals(2L, (long) noResponse.getAs("trusts_asked"));
        assertEquals(1L, (long) noResponse.getAs("figure_trusts"));
        assertEquals(50.0, (double) noResponse.getAs("figure_share_pct"), 1e-12);
        assertEquals(50.0, (double) rec.get("2017/VIEW_SHARED/AGREE_COMPLETELY").getAs("share_pct"), 1e-12);
        assertEquals(3L, (long) rec.get("2017/RELIABLE/AGREE_COMPLETELY").getAs("trusts_asked"));

        // the bad sectors list is quarantined with its line and the enum rule
        List<Row> quarantined = spark.read().format("delta").load(lake.resolve("restricted/quarantine").toString())
                .where("source_file = 'dma/2019-10-01/dma_questions.csv'").collectAsList();
        assertEquals(1, quarantined.size());
        assertEquals("NOT_IN_ENUM", quarantined.get(0).getAs("rule"));
        assertEquals(5L, (long) quarantined.get(0).getAs("row_number"));
    }

    @Test
    void answersStayWithTheTrustThatGaveThemAfterAMerger() throws IOException {
        // RBB merges into RAA on 1 April 2018, after both surveys. Money and staff would be folded into RAA;
        // survey answers are not: RBB keeps its own scores, RAA's are unchanged, 3 trusts responded in 2017.
        FixtureLakehouse.Copy merged = FixtureLakehouse.copy("dma", temp.resolve("merger"));
        Files.createDirectories(merged.landing().resolve("organisations/2019-07-01"));
        Files.writeString(merged.landing().resolve("organisations/2019-07-01/successors.csv"),
                "predecessor_code,successor_code,effective_date\nRBB,RAA,2018-04-01\n");
        Path lake = merged.lakehouse();
        assertEquals(ExitCodes.OK, merged.run().exitCode());
        Map<String, Row> s = rows(lake, "dma_theme_scores", "survey_year", "org_code", "theme");
        assertEquals(15, s.size());
        assertScore(s, "2017/RBB/CAPABILITY", "40", "MEDIUM", 69.0);
        assertScore(s, "2017/RAA/CAPABILITY", "39.99", "LOW", 99.98);
        assertEquals(3L, (long) rows(lake, "dma_theme_summary", "survey_year", "theme", "band")
                .get("2017/CAPABILITY/LOW").getAs("responding_trusts"));
        assertTrue(rows(lake, "dma_theme_change", "org_code", "theme").containsKey("RBB/READINESS"));
    }
}
