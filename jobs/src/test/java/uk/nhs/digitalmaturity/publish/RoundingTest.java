package uk.nhs.digitalmaturity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Publication rounding, worked by hand: half up, no negative zero, disclosure control as NHS statistics do. */
class RoundingTest {
    @Test
    void percentagesAndPoundsRoundHalfUpToWholeNumbers() {
        assertEquals("28", Rounding.forUnit("pct").format(100.0 * 62 / 223)); // 27.80
        assertEquals("3", Rounding.forUnit("pct").format(2.5));
        assertEquals("1047", Rounding.forUnit("gbp").format(new BigDecimal("1046.500000")));
        assertEquals("0", Rounding.forUnit("pct").format(-0.2), "no negative zero");
    }

    @Test
    void fteKeepsOneDecimalAndScoresTwo() {
        assertEquals("1043913.0", Rounding.forUnit("fte").format(new BigDecimal("1043913.01236")));
        assertEquals("39.99", Rounding.forUnit("score").format(new BigDecimal("39.9900000000")));
    }

    @Test
    void pValuesKeepThreeSignificantFigures() {
        assertEquals("0.0000155", Rounding.forUnit("probability").format(1.5512e-5));
        assertEquals("0.0625", Rounding.forUnit("probability").format(0.0625));
    }

    @Test
    void staffCountsBelowNationalLevelAreDisclosureControlled() {
        Rounding sdc = Rounding.forUnit("staff_count");
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
        assertEquals("2019-20", Rounding.forUnit("year").format("2019-20"));
        assertEquals("", Rounding.forUnit("pct").format(null));
        assertEquals("true", Rounding.forUnit("flag").format(true));
    }
}
