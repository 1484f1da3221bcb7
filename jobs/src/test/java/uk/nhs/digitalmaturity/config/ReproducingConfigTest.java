package uk.nhs.digitalmaturity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} rebuilds a run's configuration from the parameters {@code ops.runs} recorded as text. The
 * recorded maps here are written out by hand, as a run as at 2026-11-24 records them.
 */
class ReproducingConfigTest {
    private static final LocalDate AS_AT = LocalDate.of(2026, 11, 24);
    private static final String Z_95 = "1.959963984540054";

    private static Map<String, String> recorded(String priceBase, String organisationsAt, String ambition) {
        Map<String, String> p = new TreeMap<>();
        p.put("as_at", "2026-11-24");
        p.put("cyber_comparison_dates", "2017-05-12,2017-12-31,2020-02-29");
        p.put("dspt_follow_up", "2018-19:2019-06-17:2019-09-30");
        p.put("it_share_ambition_pct", ambition);
        p.put("organisation_count_dates", "2019-03-31");
        p.put("gp_dspt_dates", "2020-04-30");
        p.put("organisations_as_at", organisationsAt);
        p.put("price_base_year", priceBase);
        p.put("reference_period", "2018-12");
        p.put("window_end", "2018-19");
        p.put("window_start", "2013-14");
        p.put("z_95", Z_95);
        return p;
    }

    @Test
    void aRunWithOtherParametersIsRebuiltWithThem() {
        PipelineConfig rebuilt = PipelineConfig.reproducing(recorded("2017-18", "2019-03-31", "3.0"), AS_AT);
        assertEquals("2017-18", rebuilt.priceBaseYear());
        assertEquals(LocalDate.of(2019, 3, 31), rebuilt.organisationsAt(AS_AT));
        assertEquals(3.0, rebuilt.sqlParameters(AS_AT).get("it_share_ambition_pct"));
        assertEquals(recorded("2017-18", "2019-03-31", "3.0"), rebuilt.describe(AS_AT));
    }

    @Test
    void theDefaultRunIsTheDefaults() {
        PipelineConfig rebuilt = PipelineConfig.reproducing(recorded("2018-19", "2026-11-24", "5.0"), AS_AT);
        assertEquals(PipelineConfig.load(null).describe(AS_AT), rebuilt.describe(AS_AT));
        // an organisations date equal to the as-at date is no fixed date: a later as-at would move it
        assertEquals(LocalDate.of(2027, 1, 1), rebuilt.organisationsAt(LocalDate.of(2027, 1, 1)));
    }

    @Test
    void dsptFollowUpPairsAreRebuiltInOrder() {
        Map<String, String> two = recorded("2018-19", "2026-11-24", "5.0");
        two.put("dspt_follow_up", "2018-19:2019-04-30:2019-09-30,2019-20:2020-03-31:2020-09-30");
        PipelineConfig rebuilt = PipelineConfig.reproducing(two, AS_AT);
        assertEquals(2, rebuilt.dsptFollowUp().size());
        assertEquals("2019-20", rebuilt.dsptFollowUp().get(1).dsptYear());
        assertEquals(LocalDate.of(2020, 3, 31), rebuilt.dsptFollowUp().get(1).firstDate());
        assertEquals(LocalDate.of(2020, 9, 30), rebuilt.dsptFollowUp().get(1).secondDate());
        assertEquals(two, rebuilt.describe(AS_AT));
        Map<String, String> none = recorded("2018-19", "2026-11-24", "5.0");
        none.put("dspt_follow_up", "");
        assertEquals(0, PipelineConfig.reproducing(none, AS_AT).dsptFollowUp().size());
    }

    @Test
    void aDsptFollowUpWhoseSecondDateIsNotAfterItsFirstIsRefused() {
        Map<String, String> backwards = recorded("2018-19", "2026-11-24", "5.0");
        backwards.put("dspt_follow_up", "2018-19:2019-09-30:2019-04-30");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.reproducing(backwards, AS_AT));
        assertTrue(e.getMessage().contains("second_date"), e.getMessage());
    }

    @Test
    void organisationCountDatesAreRebuiltAsRecorded() {
        Map<String, String> other = recorded("2018-19", "2026-11-24", "5.0");
        other.put("organisation_count_dates", "2016-03-31,2019-03-31");
        PipelineConfig rebuilt = PipelineConfig.reproducing(other, AS_AT);
        assertEquals(java.util.List.of("2016-03-31", "2019-03-31"), rebuilt.organisationCountDates());
        assertEquals(other, rebuilt.describe(AS_AT));

        Map<String, String> none = recorded("2018-19", "2026-11-24", "5.0");
        none.put("organisation_count_dates", "");
        assertEquals(java.util.List.of(), PipelineConfig.reproducing(none, AS_AT).organisationCountDates());

        Map<String, String> bad = recorded("2018-19", "2026-11-24", "5.0");
        bad.put("organisation_count_dates", "31/03/2019");
        assertThrows(IllegalArgumentException.class, () -> PipelineConfig.reproducing(bad, AS_AT));
    }

    @Test
    void aRunRecordedBeforeOrganisationCountDatesDoesNotDescribeBack() {
        // a run of a build without the parameter: rebuilt with the default list, it would not be the same run
        Map<String, String> older = recorded("2018-19", "2026-11-24", "5.0");
        older.remove("organisation_count_dates");
        assertThrows(IllegalArgumentException.class, () -> PipelineConfig.reproducing(older, AS_AT));
    }

    @Test
    void aParameterThisBuildDoesNotKnowIsRefused() {
        Map<String, String> newer = recorded("2018-19", "2026-11-24", "5.0");
        newer.put("gp_practice_threshold", "7");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.reproducing(newer, AS_AT));
        assertTrue(e.getMessage().contains("gp_practice_threshold"), e.getMessage());
    }

    @Test
    void aConstantThatNoLongerDescribesTheSameIsRefused() {
        Map<String, String> other = recorded("2018-19", "2026-11-24", "5.0");
        other.put("z_95", "1.96");
        assertThrows(IllegalArgumentException.class, () -> PipelineConfig.reproducing(other, AS_AT));
    }
}
