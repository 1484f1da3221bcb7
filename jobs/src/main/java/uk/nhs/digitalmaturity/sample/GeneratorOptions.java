package uk.nhs.digitalmaturity.sample;

import java.nio.file.Path;

/**
 * What to generate.
 *
 * @param out landing root; {@code <out>/<source>/<snapshot>/<file>.csv} is written beneath it
 * @param seed master seed; every source derives its own seed from it, so one source's draws never shift another's
 * @param scale sample or national
 * @param months national only: number of monthly staff-level files, the first for period 2019-03
 * @param rowsPerMonth national only: staff-level rows per month (about 1.4 million nationally)
 * @param financeLinesPerReturn national only: detailed OTHER lines per trust-year return
 */
public record GeneratorOptions(Path out, long seed, SampleScale scale, int months, int rowsPerMonth,
                               int financeLinesPerReturn) {

    public static final long DEFAULT_SEED = 20200513L;
    public static final int DEFAULT_MONTHS = 12;
    public static final int DEFAULT_ROWS_PER_MONTH = 1_400_000;
    public static final int DEFAULT_FINANCE_LINES = 2_500;

    public GeneratorOptions {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, got " + months);
        }
        if (rowsPerMonth < 1) {
            throw new IllegalArgumentException("rows per month must be at least 1, got " + rowsPerMonth);
        }
        if (financeLinesPerReturn < 0) {
            throw new IllegalArgumentException("finance lines must not be negative, got " + financeLinesPerReturn);
        }
    }

    /** The committed sample: default seed, sample scale. */
    public static GeneratorOptions sample(Path out) {
        return new GeneratorOptions(out, DEFAULT_SEED, SampleScale.SAMPLE, DEFAULT_MONTHS, DEFAULT_ROWS_PER_MONTH,
                DEFAULT_FINANCE_LINES);
    }
}
