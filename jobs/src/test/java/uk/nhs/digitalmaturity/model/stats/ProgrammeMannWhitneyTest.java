package uk.nhs.digitalmaturity.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mann-Whitney comparison behind reporting.programme_change_test, against values worked out by hand. */
class ProgrammeMannWhitneyTest {

    @Test
    void uCountsPairsWhereTheGroupChangedMoreWithTiesAsHalf() {
        // group {1, 2, 3} against other {0, 2}: 1>0; 2>0, 2=2 (1/2); 3>0, 3>2 -> U = 1 + 1.5 + 2 = 4.5 of 6 pairs.
        // Normal approximation: E[U] = 3, Var = 2 x 3 x 6 / 12 = 3, U_min = 1.5, z = -1.5 / sqrt(3),
        // p = 2 Phi(z) = erfc(0.8660254 / sqrt(2)) = 0.3864762307712327.
        ProgrammeChangeComparison.Comparison c = ProgrammeChangeComparison.compare(List.of(1.0, 2.0, 3.0),
                List.of(0.0, 2.0));
        assertEquals(4.5, c.u());
        assertEquals(0.75, c.probGroupMore(), 1e-15);
        assertEquals(0.3864762307712327, c.pValue(), 1e-12);
        assertEquals(2.0, c.groupMean(), 1e-15);
        assertEquals(1.0, c.otherMean(), 1e-15);
        assertEquals("NO_SIGNIFICANT_DIFFERENCE", c.conclusion());
    }

    @Test
    void aGroupThatChangedLessEverywhereIsSignificantWithEnoughTrusts() {
        // group {-1..-6} all below other {1..6}: U = 0 of 36 pairs. E[U] = 18, Var = 36 x 13 / 12 = 39,
        // z = -18 / sqrt(39) = -2.8823, p = erfc(2.8823 / sqrt(2)) = 0.003947751856903463
        ProgrammeChangeComparison.Comparison c = ProgrammeChangeComparison.compare(
                List.of(-1.0, -2.0, -3.0, -4.0, -5.0, -6.0), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0));
        assertEquals(0.0, c.u());
        assertEquals(0.003947751856903463, c.pValue(), 1e-12);
        assertEquals("GROUP_CHANGED_LESS", c.conclusion());
    }
}
