package uk.nhs.digitalmaturity.model.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The published summary of a distribution (count, min, p10, p25, median, p75, p90, max, mean, standard deviation,
 * coefficient of variation, p90/p10), computed with commons-math3.
 *
 * <p>Percentiles use {@link Percentile.EstimationType#R_7}, the definition of Excel's PERCENTILE.INC and R's default
 * (type 7): with the n values sorted x(1) ≤ … ≤ x(n), h = (n − 1)p + 1 and the p-th quantile is
 * x(⌊h⌋) + (h − ⌊h⌋)(x(⌊h⌋+1) − x(⌊h⌋)). The standard deviation is the sample standard deviation (divisor n − 1),
 * left null for a single value; the coefficient of variation is standard deviation / mean (null when either is
 * null or the mean is zero); p90/p10 is null unless p10 is positive (a ratio to a negative or zero spend says
 * nothing about spread).
 *
 * <p>Values are sorted before they are summarised, so the floating-point result does not depend on the order in
 * which Spark returned them.
 */
public record Distribution(long count, double min, double p10, double p25, double median, double p75, double p90,
                           double max, double mean, Double standardDeviation, Double coefficientOfVariation,
                           Double p90P10Ratio) {

    public static final Percentile.EstimationType ESTIMATION = Percentile.EstimationType.R_7;
    public static final String METHOD = "commons-math3 Percentile, EstimationType.R_7 (Excel PERCENTILE.INC, R type 7):"
            + " h = (n-1)p + 1, linear interpolation between the order statistics either side of h;"
            + " sample standard deviation (n-1)";

    public static Distribution of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a distribution needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        DescriptiveStatistics stats = new DescriptiveStatistics(sorted);
        stats.setPercentileImpl(new Percentile().withEstimationType(ESTIMATION));
        long n = stats.getN();
        Double sd = n >= 2 ? stats.getStandardDeviation() : null;
        double mean = stats.getMean();
        Double cv = sd != null && mean != 0.0 ? sd / mean : null;
        double p10 = stats.getPercentile(10);
        double p90 = stats.getPercentile(90);
        Double ratio = p10 > 0.0 ? p90 / p10 : null;
        return new Distribution(n, stats.getMin(), p10, stats.getPercentile(25), stats.getPercentile(50),
                stats.getPercentile(75), p90, stats.getMax(), mean, sd, cv, ratio);
    }
}
