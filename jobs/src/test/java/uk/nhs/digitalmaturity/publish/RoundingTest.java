package uk.nhs.digitalmaturity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.model.ColumnUnit;

/** Publication rounding, worked by hand: half up, no negative zero, disclosure control as NHS statistics do. */
class RoundingTest {
    @Test
    void percentagesAndPoundsRoundHalfUpToWholeNumbers() {
        assertEquals("28", Rounding.forUnit(ColumnUnit.PCT).format(100.0 * 62 / 223)); // 27.80
        assertEquals("3", Rounding.forUnit(ColumnUnit.PCT).format(2.5));
        assertEquals("1047", Rounding.forUnit(ColumnUnit.GBP).format(new BigDecimal("1046.500000")));
        assertEquals("0", Rounding.forUnit(ColumnUnit.PCT).format(-0.2), "no negative zero");
    }

    @Test
    void fteKeepsOneDecimalAndScoresTwo() {
        assertEquals("1043913.0", Rounding.forUnit(ColumnUnit.FTE).format(new BigDecimal("1043913.01236")));
        assertEquals("39.99", Rounding.forUnit(ColumnUnit.SCORE).format(new BigDecimal("39.9900000000")));
    }

    @Test
    void pValuesKeepThreeSignificantFigures() {
        assertEquals("0.0000155", Rounding.forUnit(ColumnUnit.PROBABILITY).format(1.5512e-5));
        assertEquals("0.0625", Rounding.forUnit(ColumnUnit.PROBABILITY).format(0.0625));
    }

    @Test
    void staffCountsBelowNationalLevelAreDisclosureControlled() {
        Rounding sdc = Rounding.forUnit(ColumnUnit.STAFF_COUNT);
        assertEquals("0", sdc.format(0L));
        assertEquals("*", sdc.format(1L));
        assertEquals("*", sdc.format(7L));
        assertEquals("10", sdc.format(8L));   // 8 -> nearest 5 is 10
        assertEquals("10", sdc.format(12L));  // 12 -> 10
        assertEquals("15", sdc.format(13L));  // 13 -> 15
        assertEquals("15", sdc.format(12.5)); // half up
    }

    @Test
    void codesAndTextAreAsStoredAndNullIsEmpty() {
        assertEquals("2019-20", Rounding.forUnit(ColumnUnit.YEAR).format("2019-20"));
        assertEquals("", Rounding.forUnit(ColumnUnit.PCT).format(null));
        assertEquals("true", Rounding.forUnit(ColumnUnit.FLAG).format(true));
    }

    @Test
    void everyUnitRoundsTwelvePointThreeFourFiveAsWorkedByHand() {
        Map<ColumnUnit, String> expected = new EnumMap<>(ColumnUnit.class);
        expected.put(ColumnUnit.PCT, "12");            // 12.345 -> whole number
        expected.put(ColumnUnit.GBP, "12");            // nearest pound
        expected.put(ColumnUnit.FTE, "12.3");          // one decimal: 12.3|45
        expected.put(ColumnUnit.SCORE, "12.35");       // two decimals: 12.34|5, half up
        expected.put(ColumnUnit.RATIO, "12.35");
        expected.put(ColumnUnit.PROBABILITY, "12.3");  // three significant figures
        expected.put(ColumnUnit.STAFF_COUNT, "10");    // 12.345 / 5 = 2.469 -> 2 -> 10
        for (ColumnUnit asIs : new ColumnUnit[] {ColumnUnit.CODE, ColumnUnit.TEXT, ColumnUnit.YEAR, ColumnUnit.DATE,
            ColumnUnit.FLAG, ColumnUnit.ORDER, ColumnUnit.COUNT}) {
            expected.put(asIs, "12.345");
        }
        assertEquals(ColumnUnit.values().length, expected.size(), "a worked example for every unit");
        expected.forEach((unit, text) -> {
            assertEquals(text, Rounding.forUnit(unit).format(new BigDecimal("12.345")), unit.spelling());
            assertEquals(text, Rounding.forUnit(unit).format(12.345), unit.spelling() + " from a double");
        });
    }

    @Test
    void halvesRoundUpInEveryRoundedUnit() {
        assertEquals("13", Rounding.forUnit(ColumnUnit.GBP).format(new BigDecimal("12.5")));
        assertEquals("0.3", Rounding.forUnit(ColumnUnit.FTE).format(new BigDecimal("0.25")));
        assertEquals("0.13", Rounding.forUnit(ColumnUnit.RATIO).format(new BigDecimal("0.125")));
        assertEquals("0.00124", Rounding.forUnit(ColumnUnit.PROBABILITY).format(new BigDecimal("0.001235")));
        assertEquals("15", Rounding.forUnit(ColumnUnit.STAFF_COUNT).format(12.5)); // 2.5 fives -> 3 fives
    }

    @Test
    void theDataDictionaryRulesReadAsBefore() {
        assertEquals("rounded half up to a whole number", Rounding.forUnit(ColumnUnit.PCT).rule());
        assertEquals("rounded half up to one decimal place", Rounding.forUnit(ColumnUnit.FTE).rule());
        assertEquals("rounded half up to two decimal places", Rounding.forUnit(ColumnUnit.SCORE).rule());
        assertEquals("rounded half up to three significant figures", Rounding.forUnit(ColumnUnit.PROBABILITY).rule());
        assertEquals("1 to 7 suppressed as *, other counts rounded half up to the nearest 5",
                Rounding.forUnit(ColumnUnit.STAFF_COUNT).rule());
        assertEquals("as stored", Rounding.forUnit(ColumnUnit.COUNT).rule());
    }
}
