package uk.nhs.digitalmaturity.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The published distribution summary, checked by hand against the R_7 (Excel PERCENTILE.INC) definition. */
class DistributionTest {

    @Test
    void r7PercentilesInterpolateBetweenOrderStatistics() {
        // Sorted: 10, 20, 30, 40, 50 (n = 5). R_7: h = (n - 1)p + 1 = 4p + 1.
        //   p10: h = 1.4 -> x1 + 0.4 (x2 - x1) = 10 + 4 = 14      p25: h = 2 -> 20    median: h = 3 -> 30
        //   p75: h = 4 -> 40                                      p90: h = 4.6 -> 40 + 0.6 x 10 = 46
        // mean 30; sample variance = (400 + 100 + 0 + 100 + 400) / 4 = 250, sd = sqrt(250) = 15.8113883...
        // cv = sd / 30; p90 / p10 = 46 / 14.
        Distribution d = Distribution.of(new double[] {50, 10, 40, 20, 30});
        assertEquals(5, d.count());
        assertEquals(10, d.min(), 1e-12);
        assertEquals(14, d.p10(), 1e-12);
        assertEquals(20, d.p25(), 1e-12);
        assertEquals(30, d.median(), 1e-12);
        assertEquals(40, d.p75(), 1e-12);
        assertEquals(46, d.p90(), 1e-12);
        assertEquals(50, d.max(), 1e-12);
        assertEquals(30, d.mean(), 1e-12);
        assertEquals(Math.sqrt(250), d.standardDeviation(), 1e-12);
        assertEquals(Math.sqrt(250) / 30, d.coefficientOfVariation(), 1e-12);
        assertEquals(46.0 / 14.0, d.p90P10Ratio(), 1e-12);
    }

    @Test
    void aSingleValueHasNoSpread() {
        Distribution d = Distribution.of(new double[] {7.5});
        assertEquals(1, d.count());
        assertEquals(7.5, d.p10(), 0);
        assertEquals(7.5, d.p90(), 0);
        assertNull(d.standardDeviation(), "sample standard deviation is undefined for one value");
        assertNull(d.coefficientOfVariation());
        assertEquals(1.0, d.p90P10Ratio(), 0);
    }

    @Test
    void theRatioNeedsAPositiveTenthPercentile() {
        // Sorted -5, 0, 5, 10, 15: p10 = -5 + 0.4 x 5 = -3, so p90 / p10 would be meaningless.
        Distribution d = Distribution.of(new double[] {15, -5, 10, 0, 5});
        assertEquals(-3, d.p10(), 1e-12);
        assertNull(d.p90P10Ratio());
        assertEquals(5, d.mean(), 1e-12);
        // A zero mean has no coefficient of variation.
        Distribution zeroMean = Distribution.of(new double[] {-1, 1});
        assertNull(zeroMean.coefficientOfVariation());
    }

    @Test
    void theResultDoesNotDependOnInputOrder() {
        double[] a = {0.1, 0.7, 0.3, 1e6, 2.5, 0.2};
        double[] b = {1e6, 2.5, 0.2, 0.1, 0.3, 0.7};
        assertEquals(Distribution.of(a), Distribution.of(b));
    }

    @Test
    void anEmptyDistributionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(new double[0]));
    }
}
