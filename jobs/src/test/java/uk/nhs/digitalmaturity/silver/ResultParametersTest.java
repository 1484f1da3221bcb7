package uk.nhs.digitalmaturity.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.config.PipelineConfig;

/**
 * What a table's fingerprint takes of the as-at date (a nightly run is as at today): the configured dates the
 * date lets through, the last change to the organisations, and the date itself only for a table that shows it.
 * Expectations from the shipped defaults (pipeline-defaults.yaml): cyber comparison dates 2017-05-12,
 * 2017-12-31 and 2020-02-29 (those before the date); the DSPT follow-up 2018-19 from 2019-06-17 to 2019-09-30
 * (once its second date is reached); organisation count date 2019-03-31 and GP DSPT date 2020-04-30 (on or
 * before the date).
 */
class ResultParametersTest {
    private static final PipelineConfig DEFAULTS = PipelineConfig.load(null);

    private static Map<String, String> seen(String asAt) {
        return ReportDates.seenAt(DEFAULTS, LocalDate.parse(asAt));
    }

    @Test
    void theConfiguredDatesAreThoseTheAsAtDateLetsThrough() {
        assertEquals(Map.of(
                "cyber_comparison_dates", "2017-05-12,2017-12-31",
                "dspt_follow_up", "",
                "organisation_count_dates", "2019-03-31",
                "gp_dspt_dates", ""), seen("2019-09-29"));
        assertEquals("2018-19:2019-06-17:2019-09-30", seen("2019-09-30").get("dspt_follow_up"),
                "the follow-up's second date reached: on or before");
        assertEquals("2017-05-12,2017-12-31", seen("2020-02-29").get("cyber_comparison_dates"),
                "a comparison date is strictly before the reporting date, which report_dates holds itself");
        assertEquals("2017-05-12,2017-12-31,2020-02-29", seen("2020-03-01").get("cyber_comparison_dates"));
        assertEquals("2020-04-30", seen("2020-04-30").get("gp_dspt_dates"));
        assertEquals(seen("2026-11-24"), seen("2030-01-01"), "every configured date passed: nothing changes");
    }

    private static RunContext context(String asAt, Optional<LocalDate> organisationsChanged) {
        return new RunContext(null, DEFAULTS, LocalDate.parse(asAt), "r", "code", "commit", null, null, null,
                List.of(), organisationsChanged);
    }

    @Test
    void theNextDayChangesOnlyTheParametersOfAResultThatShowsTheDate() {
        Optional<LocalDate> merger = Optional.of(LocalDate.parse("2020-04-01"));
        RunContext today = context("2026-11-24", merger);
        RunContext tomorrow = context("2026-11-25", merger);
        assertEquals(today.resultParameters(false), tomorrow.resultParameters(false));
        assertNotEquals(today.resultParameters(true), tomorrow.resultParameters(true));
        assertEquals("2026-11-25", tomorrow.resultParameters(true).get("as_at"));
        assertFalse(tomorrow.resultParameters(false).containsKey("as_at"));
        assertEquals("last changed 2020-04-01", tomorrow.resultParameters(false).get("organisations_as_at"));
        // A change to the organisations (a merger, an opening, a closure) reaching the date changes them all.
        assertNotEquals(today.resultParameters(false),
                context("2026-11-25", Optional.of(LocalDate.parse("2026-11-25"))).resultParameters(false));
        // So does a configured date it passes: the DSPT follow-up's second date.
        assertNotEquals(context("2019-09-29", merger).resultParameters(false),
                context("2019-09-30", merger).resultParameters(false));
        // The other parameters are as the run records them.
        assertEquals("2018-19", today.resultParameters(false).get("price_base_year"));
    }
}
