package uk.nhs.digitalmaturity.model.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
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
 * {@code reporting.programme_change_test}: did the trusts of a national digital programme change their digital
 * maturity differently from trusts in no programme? One row per programme group, theme and pair of successive
 * surveys: the paired score changes of the group's trusts ({@code reporting.dma_theme_change} joined to
 * {@code programme_groups}) against those of the trusts in no programme (OTHER), with the Mann–Whitney U test,
 * commons-math3 {@link MannWhitneyUTest}.
 * <ul>
 *   <li>{@code u_statistic} is U of the group: the number of (group, other) pairs in which the group's trust
 *       changed more, ties counting one half. U / (n1 n2) is the probability that a random group trust improved
 *       more than a random other trust ({@code prob_group_changed_more}).</li>
 *   <li>{@code p_value} is commons-math3's two-sided p-value, from the normal approximation without continuity
 *       correction (commons-math3 has no exact Mann–Whitney test); ties take average ranks and the variance is
 *       not corrected for them. With a handful of trusts in a group the approximation is rough: {@code method}
 *       says so.</li>
 * </ul>
 * Membership was not random (exemplars were chosen for being already mature, NAO summary 7): a difference is an
 * association, not the effect of the funding, and regression to the mean alone moves mature trusts down.
 */
public final class ProgrammeChangeComparison extends JavaModel {
    public static final String TABLE = "programme_change_test";
    public static final String OTHER = "OTHER";
    /** Significance level of {@code conclusion}. */
    public static final double ALPHA = 0.05;

    private static final String CHANGES = """
            SELECT g.programme_group, c.survey_year_from, c.survey_year_to, c.theme, c.theme_order,
                   CAST(c.score_change AS DOUBLE) AS score_change
            FROM delta.`%s` AS c
            JOIN programme_groups AS g
                ON g.org_code = c.org_code
            ORDER BY c.survey_year_to, c.theme_order, c.theme, g.programme_group, c.org_code""";

    private static final StructType SCHEMA = new StructType()
            .add("programme_group", DataTypes.StringType, false)
            .add("survey_year_from", DataTypes.StringType, false)
            .add("survey_year_to", DataTypes.StringType, false)
            .add("theme", DataTypes.StringType, false)
            .add("group_trusts", DataTypes.LongType, false)
            .add("other_trusts", DataTypes.LongType, false)
            .add("group_mean_change", DataTypes.DoubleType, false)
            .add("other_mean_change", DataTypes.DoubleType, false)
            .add("u_statistic", DataTypes.DoubleType, false)
            .add("prob_group_changed_more", DataTypes.DoubleType, false)
            .add("p_value", DataTypes.DoubleType, false)
            .add("method", DataTypes.StringType, false)
            .add("conclusion", DataTypes.StringType, false)
            .add("theme_order", DataTypes.IntegerType, true);

    /** The comparison of one group's changes with the other trusts'. */
    public record Comparison(int groupTrusts, int otherTrusts, double groupMean, double otherMean, double u,
                             double probGroupMore, double pValue, String conclusion) {
    }

    public ProgrammeChangeComparison() {
        super(Zone.REPORTING, TABLE);
    }

    @Override
    public Dataset<Row> build(RunContext context) {
        String changes = context.lakehouse().tablePath(Zone.REPORTING, "dma_theme_change");
        List<Row> rows = context.spark().sql(String.format(CHANGES, changes)).collectAsList();
        // (year from, year to, theme, theme order) -> group -> changes, in the query's order
        Map<List<Object>, Map<String, List<Double>>> pairs = new LinkedHashMap<>();
        for (Row r : rows) {
            List<Object> key = List.of(r.getString(1), r.getString(2), r.getString(3), r.isNullAt(4) ? -1 : r.getInt(4));
            pairs.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getString(0), g -> new ArrayList<>()).add(r.getDouble(5));
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<List<Object>, Map<String, List<Double>>> pair : pairs.entrySet()) {
            List<Double> other = pair.getValue().get(OTHER);
            if (other == null) {
                continue;
            }
            for (Map.Entry<String, List<Double>> group : pair.getValue().entrySet()) {
                if (group.getKey().equals(OTHER)) {
                    continue;
                }
                Comparison c = compare(group.getValue(), other);
                List<Object> k = pair.getKey();
                int order = (Integer) k.get(3);
                out.add(RowFactory.create(group.getKey(), k.get(0), k.get(1), k.get(2), (long) c.groupTrusts(),
                        (long) c.otherTrusts(), c.groupMean(), c.otherMean(), c.u(), c.probGroupMore(), c.pValue(),
                        "NORMAL_APPROXIMATION", c.conclusion(), order < 0 ? null : order));
            }
        }
        return context.spark().createDataFrame(out, SCHEMA);
    }

    /** The Mann–Whitney U test of a group's changes against the other trusts', as described on the class. */
    public static Comparison compare(List<Double> group, List<Double> other) {
        if (group.isEmpty() || other.isEmpty()) {
            throw new IllegalArgumentException("a group with no paired changes");
        }
        double[] x = group.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = other.stream().mapToDouble(Double::doubleValue).toArray();
        // U of the group counted directly (ties one half); commons-math3's mannWhitneyU returns max(U1, U2)
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        double pairs = (double) x.length * y.length;
        double p = new MannWhitneyUTest(NaNStrategy.FIXED, TiesStrategy.AVERAGE).mannWhitneyUTest(x, y);
        String conclusion = p >= ALPHA || u == pairs / 2 ? "NO_SIGNIFICANT_DIFFERENCE"
                : u > pairs / 2 ? "GROUP_CHANGED_MORE" : "GROUP_CHANGED_LESS";
        return new Comparison(x.length, y.length, mean(x), mean(y), u, u / pairs, p, conclusion);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }
}
