package uk.nhs.digitalmaturity.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.model.stats.DmaThemeChangeSignificance.SignedRank;

/**
 * The signed-rank test behind reporting.dma_theme_change_test, against values worked out by hand. Ranks are
 * ranks of |change| among the non-zero changes (ties averaged); W+ sums the ranks of the rises. The exact
 * two-sided p-value is 2 x #{sign patterns with rank sum >= max(W+, W-)} / 2^n; the normal approximation
 * (commons-math3) is 2 x Phi((min(W+, W-) - n(n+1)/4 - 0.5) / sqrt(n(n+1)(2n+1)/24)).
 */
class DmaWilcoxonTest {
    private static List<BigDecimal> changes(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void fiveRisesExact() {
        // changes 1..5, ranks 1..5 all rises: W+ = 15, W- = 0. Of the 2^5 = 32 sign patterns only "all plus"
        // reaches 15: p = 2 x 1/32 = 0.0625, not significant at 5% however consistent the rise.
        SignedRank t = DmaThemeChangeSignificance.signedRank(changes("1", "2", "3", "4", "5"));
        assertEquals(15.0, t.wPlus());
        assertEquals(0.0, t.wMinus());
        assertEquals(0.0625, t.pValue(), 1e-15);
        assertEquals("EXACT", t.method());
        assertEquals("NO_SIGNIFICANT_CHANGE", t.conclusion());
        assertEquals(3.0, t.meanChange(), 1e-15);
        assertEquals(3.0, t.medianChange(), 1e-15);
    }

    @Test
    void aZeroChangeIsDroppedAndCountedAsUnchanged() {
        // -1, 2, 3, -4, 5 and 0: the zero is left out, n = 5, ranks 1..5 by size. W+ = 2 + 3 + 5 = 10,
        // W- = 1 + 4 = 5. Sign patterns with rank sum >= 10 are the complements of those with sum <= 5:
        // {}, {1}, {2}, {3}, {4}, {5}, {1,2}, {1,3}, {1,4}, {2,3} = 10 of 32, so p = 2 x 10/32 = 0.625.
        // Mean change 5/6; median of -4, -1, 0, 2, 3, 5 = (0 + 2)/2 = 1.
        SignedRank t = DmaThemeChangeSignificance.signedRank(changes("-1", "2", "3", "-4", "5", "0"));
        assertEquals(6, t.pairs());
        assertEquals(3, t.improved());
        assertEquals(2, t.worsened());
        assertEquals(1, t.unchanged());
        assertEquals(10.0, t.wPlus());
        assertEquals(5.0, t.wMinus());
        assertEquals(0.625, t.pValue(), 1e-15);
        assertEquals("EXACT", t.method());
        assertEquals(5.0 / 6, t.meanChange(), 1e-15);
        assertEquals(1.0, t.medianChange(), 1e-15);
    }

    @Test
    void tiedSizesUseAverageRanksAndTheNormalApproximation() {
        // 1, 1, 2, -3: sizes 1, 1 share ranks 1 and 2 (1.5 each), 2 is rank 3, 3 is rank 4.
        // W+ = 1.5 + 1.5 + 3 = 6, W- = 4. Ties rule out the exact p-value: n = 4, mean n(n+1)/4 = 5,
        // variance 5 x 9/6 = 7.5, z = (4 - 5 - 0.5)/sqrt(7.5) = -0.547723, p = 2 Phi(z) = 0.583882.
        // Equal decimals tie exactly even when their doubles come from different arithmetic (0.1 + 0.2 style).
        SignedRank t = DmaThemeChangeSignificance.signedRank(changes("1.0", "1", "2", "-3"));
        assertEquals(6.0, t.wPlus());
        assertEquals(4.0, t.wMinus());
        assertEquals("NORMAL_APPROXIMATION", t.method());
        assertEquals(0.5838824207703652, t.pValue(), 1e-9);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        // 25 rises 1..25: W+ = 325, W- = 0; mean 25 x 26/4 = 162.5, variance 162.5 x 51/6 = 1381.25,
        // z = (0 - 162.5 - 0.5)/sqrt(1381.25) = -4.385827, p = 2 Phi(z) = 1.15546e-5: significant rise.
        List<BigDecimal> rises = IntStream.rangeClosed(1, 25).mapToObj(BigDecimal::valueOf).toList();
        SignedRank t = DmaThemeChangeSignificance.signedRank(rises);
        assertEquals(325.0, t.wPlus());
        assertEquals("NORMAL_APPROXIMATION", t.method());
        assertEquals(1.1554613419770769e-05, t.pValue(), 1e-12);
        assertEquals("IMPROVED", t.conclusion());
        // and the mirror image is a significant fall
        SignedRank falls = DmaThemeChangeSignificance.signedRank(rises.stream().map(BigDecimal::negate).toList());
        assertEquals(325.0, falls.wMinus());
        assertEquals(t.pValue(), falls.pValue(), 1e-15);
        assertEquals("WORSENED", falls.conclusion());
    }

    @Test
    void noChangeAtAllIsNotTested() {
        SignedRank t = DmaThemeChangeSignificance.signedRank(changes("0", "0.0000000000"));
        assertNull(t.pValue());
        assertEquals("NOT_TESTED", t.method());
        assertEquals(2, t.unchanged());
    }
}
