package uk.nhs.digitalmaturity.model;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.silver.RunContext;

/** One output table: a SQL file or a Java computation, with its spec. */
public interface Model {
    Zone zone();

    ModelSpec spec();

    default String name() {
        return spec().name;
    }

    default String qualifiedName() {
        return zone().database() + "." + name();
    }

    /** Names this model reads: current_* views, silver views, other output tables. */
    Set<String> reads();

    /** The table's rows as at the run's date. */
    Dataset<Row> build(RunContext context);
}
