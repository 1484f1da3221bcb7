package uk.nhs.digitalmaturity.model.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.model.JavaModel;
import uk.nhs.digitalmaturity.silver.RunContext;

/**
 * {@code reporting.dma_theme_change_test}: did trusts' digital maturity change nationally between successive
 * surveys? One row per pair of survey years and theme, from the paired score changes of
 * {@code reporting.dma_theme_change} (trusts that answered both surveys under the same code).
 *
 * <p>The test is the Wilcoxon signed-rank test of the paired changes, commons-math3
 * {@link WilcoxonSignedRankTest}: the null hypothesis is that the changes are distributed symmetrically about
 * zero (no national change).
 * <ul>
 *   <li><b>Two-sided.</b> {@code p_value} is commons-math3's two-sided p-value. The direction is read from the
 *       rank sums: {@code conclusion} is {@code IMPROVED} when p &lt; 0.05 and W+ &gt; W-, {@code WORSENED} when
 *       p &lt; 0.05 and W- &gt; W+, otherwise {@code NO_SIGNIFICANT_CHANGE}. "Improved at the 5% level
 *       two-sided" is the same decision as a one-sided test for improvement at 2.5%.</li>
 *   <li><b>Zero changes are dropped</b> before ranking (Wilcoxon's convention) and reported as
 *       {@code unchanged_trusts}. commons-math3 would rank them and count them in W-, against improvement.</li>
 *   <li><b>Exact or normal.</b> The exact p-value (commons-math3 enumerates all 2^n sign patterns) when there
 *       are at most {@value #EXACT_MAX_PAIRS} non-zero changes and no two of them have the same size; otherwise
 *       the normal approximation, which commons-math3 computes with a continuity correction of 0.5 and without
 *       a correction of the variance for tied ranks (ties get average ranks). {@code method} says which.
 *       With two surveys of about 230 trusts the national tests use the normal approximation.</li>
 * </ul>
 * Changes are exact decimals; they reach commons-math3 as the differences themselves (paired with zeros), so
 * equal changes are equal doubles and tie exactly in the ranking.
 */
public final class DmaThemeChangeSignificance extends JavaModel {
    public static final String TABLE = "dma_theme_change_test";
    /** The largest number of non-zero changes for which the exact p-value is computed (2^20 sign patterns). */
    public static final int EXACT_MAX_PAIRS = 20;
    /** Significance level of {@code conclusion}. */
    public static final double ALPHA = 0.05;

    private static final StructType SCHEMA = new StructType()
            .add("survey_year_from", DataTypes.StringType, false)
            .add("survey_year_to", DataTypes.StringType, false)
            .add("theme", DataTypes.StringType, false)
            .add("paired_trusts", DataTypes.LongType, false)
            .add("improved_trusts", DataTypes.LongType, false)
            .add("worsened_trusts", DataTypes.LongType, false)
            .add("unchanged_trusts", DataTypes.LongType, false)
            .add("mean_change", DataTypes.DoubleType, false)
            .add("median_change", DataTypes.DoubleType, false)
            .add("w_plus", DataTypes.DoubleType, false)
            .add("w_minus", DataTypes.DoubleType, false)
            .add("p_value", DataTypes.DoubleType, true)
            .add("method", DataTypes.StringType, false)
            .add("alternative", DataTypes.StringType, false)
            .add("conclusion", DataTypes.StringType, false)
            .add("theme_order", DataTypes.IntegerType, true);

    /** The test's result for one set of paired changes. */
    public record SignedRank(int pairs, int improved, int worsened, int unchanged, double meanChange,
                             double medianChange, double wPlus, double wMinus, Double pValue, String method,
                             String conclusion) {
    }

    public DmaThemeChangeSignificance() {
        super(Zone.REPORTING, TABLE);
    }

    @Override
    public Dataset<Row> build(RunContext context) {
        String changes = context.lakehouse().tablePath(Zone.REPORTING, "dma_theme_change");
        List<Row> rows = context.spark().read().format("delta").load(changes)
                .select("survey_year_from", "survey_year_to", "theme", "theme_order", "score_change")
                .orderBy("survey_year_to", "theme_order", "theme")
                .collectAsList();
        Map<List<Object>, List<BigDecimal>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            List<Object> key = List.of(r.getString(0), r.getString(1), r.getString(2),
                    r.isNullAt(3) ? -1 : r.getInt(3));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r.getDecimal(4));
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<BigDecimal>> g : groups.entrySet()) {
            SignedRank t = signedRank(g.getValue());
            int order = (Integer) g.getKey().get(3);
            out.add(RowFactory.create(g.getKey().get(0), g.getKey().get(1), g.getKey().get(2), (long) t.pairs(),
                    (long) t.improved(), (long) t.worsened(), (long) t.unchanged(), t.meanChange(),
                    t.medianChange(), t.wPlus(), t.wMinus(), t.pValue(), t.method(), "TWO_SIDED",
                    t.conclusion(), order < 0 ? null : order));
        }
        return context.spark().createDataFrame(out, SCHEMA);
    }

    /** The Wilcoxon signed-rank test of paired changes (later minus earlier), as described on the class. */
    public static SignedRank signedRank(List<BigDecimal> changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("no paired changes");
        }
        List<BigDecimal> nonZero = changes.stream().filter(c -> c.signum() != 0).toList();
        int improved = (int) nonZero.stream().filter(c -> c.signum() > 0).count();
        int worsened = nonZero.size() - improved;
        BigDecimal sum = changes.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        double mean = sum.divide(BigDecimal.valueOf(changes.size()), MathContext.DECIMAL64).doubleValue();
        List<BigDecimal> sorted = changes.stream().sorted().toList();
        int mid = sorted.size() / 2;
        double median = (sorted.size() % 2 == 1 ? sorted.get(mid)
                : sorted.get(mid - 1).add(sorted.get(mid)).divide(BigDecimal.valueOf(2))).doubleValue();
        int n = nonZero.size();
        if (n == 0) {
            return new SignedRank(changes.size(), 0, 0, changes.size(), mean, median, 0, 0, null, "NOT_TESTED",
                    "NO_SIGNIFICANT_CHANGE");
        }
        double[] before = new double[n];                                    // all zero: z = after - before = change
        double[] after = nonZero.stream().mapToDouble(BigDecimal::doubleValue).toArray();
        double[] size = new double[n];
        for (int i = 0; i < n; i++) {
            size[i] = Math.abs(after[i]);
        }
        // W+ = sum of the ranks of the positive changes, ranks of |change| with ties averaged (commons-math3's
        // own ranking, the one WilcoxonSignedRankTest uses)
        double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(size);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (after[i] > 0) {
                wPlus += ranks[i];
            }
        }
        double wMinus = n * (n + 1) / 2.0 - wPlus;
        TreeSet<BigDecimal> distinctSizes = new TreeSet<>();
        nonZero.forEach(c -> distinctSizes.add(c.abs()));
        boolean exact = n <= EXACT_MAX_PAIRS && distinctSizes.size() == n;
        WilcoxonSignedRankTest test = new WilcoxonSignedRankTest(NaNStrategy.FIXED, TiesStrategy.AVERAGE);
        double p = Math.min(1.0, test.wilcoxonSignedRankTest(before, after, exact));
        String conclusion = p >= ALPHA || wPlus == wMinus ? "NO_SIGNIFICANT_CHANGE"
                : wPlus > wMinus ? "IMPROVED" : "WORSENED";
        return new SignedRank(changes.size(), improved, worsened, changes.size() - n, mean, median, wPlus, wMinus,
                p, exact ? "EXACT" : "NORMAL_APPROXIMATION", conclusion);
    }
}
