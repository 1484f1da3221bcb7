package uk.nhs.digitalmaturity.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.cli.DataTestFailure;

/**
 * The tests beside each model ({@code sql/<zone>/<table>.yml}): key unique and not null, accepted values,
 * and row-level expressions. They run on the computed rows before the table is written, so a failing table
 * never replaces a good one.
 */
public final class DataTests {
    private DataTests() {
    }

    public static void check(SparkSession spark, ModelSpec spec, Dataset<Row> rows, String qualifiedName) {
        String view = "_under_test_" + spec.name;
        rows.createOrReplaceTempView(view);
        List<String> failures = new ArrayList<>();
        if (!spec.key.isEmpty()) {
            String key = String.join(", ", spec.key);
            long repeated = count(spark, "SELECT 1 FROM " + view + " GROUP BY " + key + " HAVING count(*) > 1");
            if (repeated > 0) {
                failures.add(repeated + " key(s) (" + key + ") appear more than once");
            }
        }
        for (ModelSpec.ColumnSpec c : spec.columns) {
            boolean notNull = spec.key.contains(c.name) || Boolean.TRUE.equals(c.notNull);
            if (notNull) {
                long nulls = count(spark, "SELECT 1 FROM " + view + " WHERE " + c.name + " IS NULL");
                if (nulls > 0) {
                    failures.add(c.name + " is null in " + nulls + " row(s)");
                }
            }
            if (c.acceptedValues != null) {
                String allowed = String.join(", ", c.acceptedValues.stream().map(v -> "'" + v + "'").toList());
                long bad = count(spark, "SELECT 1 FROM " + view + " WHERE " + c.name + " IS NOT NULL AND "
                        + c.name + " NOT IN (" + allowed + ")");
                if (bad > 0) {
                    failures.add(c.name + " has " + bad + " value(s) outside " + c.acceptedValues);
                }
            }
        }
        for (String expression : spec.tests) {
            long bad = count(spark, "SELECT 1 FROM " + view + " WHERE NOT coalesce((" + expression + "), false)");
            if (bad > 0) {
                failures.add(bad + " row(s) fail: " + expression);
            }
        }
        spark.catalog().dropTempView(view);
        if (!failures.isEmpty()) {
            throw new DataTestFailure(qualifiedName + ": " + String.join("; ", failures));
        }
    }

    private static long count(SparkSession spark, String sql) {
        return spark.sql("SELECT count(*) FROM (" + sql + ")").head().getLong(0);
    }
}
