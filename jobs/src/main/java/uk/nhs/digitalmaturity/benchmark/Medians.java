package uk.nhs.digitalmaturity.benchmark;

import org.apache.commons.math3.stat.descriptive.rank.Median;

/** Medians of repeated timings (commons-math3), so one slow repetition does not move a published figure. */
final class Medians {
    private Medians() {
    }

    static double of(double[] values) {
        return new Median().evaluate(values);
    }
}
