package uk.nhs.digitalmaturity.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.failure.DataTestFailure;

/**
 * The tests beside each model ({@code sql/<zone>/<table>.yml}): key unique and not null, accepted values,
 * and row-level expressions. They run on the computed rows before the table is written, so a failing table
 * never replaces a good one. Every row-level check is one column of a single aggregate query, so a table
 * costs two Spark jobs however many tests it has.
 */
public final class DataTests {
    private DataTests() {
    }

    /** Checks the rows and returns how many there are. */
    public static long check(SparkSession spark, ModelSpec spec, Dataset<Row> rows, String qualifiedName) {
        String view = "_under_test_" + spec.name;
        rows.createOrReplaceTempView(view);
        List<String> names = new ArrayList<>();
        List<String> failing = new ArrayList<>(); // SQL conditions that are true for a failing row
        for (ModelSpec.ColumnSpec c : spec.columns) {
            if (spec.key.contains(c.name) || Boolean.TRUE.equals(c.notNull)) {
                names.add(c.name + " is null");
                failing.add(c.name + " IS NULL");
            }
            if (c.acceptedValues != null) {
                String allowed = String.join(", ", c.acceptedValues.stream().map(v -> "'" + v + "'").toList());
                names.add(c.name + " outside " + c.acceptedValues);
                failing.add(c.name + " IS NOT NULL AND " + c.name + " NOT IN (" + allowed + ")");
            }
        }
        for (String expression : spec.tests) {
            names.add("fails: " + expression);
            failing.add("NOT coalesce((" + expression + "), false)");
        }
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        failing.forEach(f -> sql.append(", count_if(").append(f).append(')'));
        Row counts = spark.sql(sql.append(" FROM ").append(view).toString()).head();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < failing.size(); i++) {
            long bad = counts.getLong(i + 1);
            if (bad > 0) {
                failures.add(names.get(i) + " in " + bad + " row(s)");
            }
        }
        if (!spec.key.isEmpty()) {
            String key = String.join(", ", spec.key);
            long repeated = spark.sql("SELECT count(*) FROM (SELECT 1 FROM " + view + " GROUP BY " + key
                    + " HAVING count(*) > 1)").head().getLong(0);
            if (repeated > 0) {
                failures.add(repeated + " key(s) (" + key + ") appear more than once");
            }
        }
        spark.catalog().dropTempView(view);
        if (!failures.isEmpty()) {
            throw new DataTestFailure(qualifiedName + ": " + String.join("; ", failures));
        }
        return counts.getLong(0);
    }
}
