package uk.nhs.digitalmaturity.serve;

import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * The Spark session extension ({@code spark.sql.extensions}) of {@code serve} and {@code sql}: a check rule
 * that runs {@link ReadOnlyPlans} on every statement of every session of the process, after analysis and
 * before anything executes. It is in the session, not in the client: a BI tool, a hand-written JDBC program
 * and {@code beeline} meet the same rule. Extensions are fixed when the process starts, and the lakehouse it
 * serves is a Spark (not SQL) setting, so no statement or connection property can change either.
 */
public class ReadOnlyGuard extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    /** Set while the endpoint itself registers tables and views: the only statements that may change the catalog. */
    private static final ThreadLocal<Boolean> REGISTERING = ThreadLocal.withInitial(() -> false);

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectCheckRule(ReadOnlyGuard::rule);
        return BoxedUnit.UNIT;
    }

    private static Function1<LogicalPlan, BoxedUnit> rule(SparkSession session) {
        String lakehouse = session.sparkContext().getConf().get(ServedTables.LAKEHOUSE_SETTING, null);
        ServedTables served = lakehouse == null ? null : new ServedTables(new Lakehouse(lakehouse));
        return new AbstractFunction1<>() {
            @Override
            public BoxedUnit apply(LogicalPlan plan) {
                if (!REGISTERING.get()) {
                    try {
                        if (served == null) {
                            throw ReadOnlyPlans.refused("this process serves no lakehouse");
                        }
                        ReadOnlyPlans.check(plan, served);
                    } catch (AnalysisException e) {
                        throw ReadOnlyGuard.<RuntimeException>undeclared(e);
                    }
                }
                return BoxedUnit.UNIT;
            }
        };
    }

    /**
     * Spark expects a check rule to throw {@link AnalysisException} (the JDBC server reports it as a SQL error,
     * {@code sql} as a usage error), a checked exception in Java that Scala functions throw undeclared.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E undeclared(Throwable e) throws E {
        throw (E) e;
    }

    /** Runs the endpoint's own catalog statements (on this thread only) past the rule. */
    static <T> T registering(Supplier<T> statements) {
        REGISTERING.set(true);
        try {
            return statements.get();
        } finally {
            REGISTERING.set(false);
        }
    }
}
