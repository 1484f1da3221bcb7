package uk.nhs.digitalmaturity.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.failure.DataTestFailure;

/**
 * The tests beside each model ({@code sql/<zone>/<table>.yml}): key unique and not null, accepted values,
 * and row-level expressions. They run on the computed rows before the table is written, so a failing table
 * never replaces a good one. Every row-level check is one column of a single aggregate query, so a table
 * costs two Spark jobs however many tests it has.
 *
 * <p>The checks are asked of the rows themselves, not of a temporary view of them: dropping a view uncaches
 * the plan it names, so a view of the persisted rows, dropped after the tests, made the write compute the
 * table's whole query a second time (the Spark event log showed every rebuilt table's joins run twice).
 */
public final class DataTests {
    private DataTests() {
    }

    /** Checks the rows and returns how many there are. */
    public static long check(ModelSpec spec, Dataset<Row> rows, String qualifiedName) {
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
        List<String> aggregates = new ArrayList<>();
        aggregates.add("count(*)");
        failing.forEach(f -> aggregates.add("count_if(" + f + ")"));
        Row counts = rows.selectExpr(aggregates.toArray(String[]::new)).head();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < failing.size(); i++) {
            long bad = counts.getLong(i + 1);
            if (bad > 0) {
                failures.add(names.get(i) + " in " + bad + " row(s)");
            }
        }
        if (!spec.key.isEmpty()) {
            String key = String.join(", ", spec.key);
            long repeated = rows.groupBy(spec.key.stream().map(rows::col).toArray(Column[]::new))
                    .agg(count(lit(1)).as("n")).where(col("n").gt(1)).count();
            if (repeated > 0) {
                failures.add(repeated + " key(s) (" + key + ") appear more than once");
            }
        }
        if (!failures.isEmpty()) {
            throw new DataTestFailure(qualifiedName + ": " + String.join("; ", failures));
        }
        return counts.getLong(0);
    }
}
