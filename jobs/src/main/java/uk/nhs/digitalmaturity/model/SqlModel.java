package uk.nhs.digitalmaturity.model;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.silver.RunContext;

/** An output table defined by {@code sql/<zone>/<name>.sql}: one SELECT with named parameters such as :as_at. */
public record SqlModel(Zone zone, ModelSpec spec, String sql) implements Model {
    @Override
    public Set<String> reads() {
        return SqlNames.referenced(sql);
    }

    @Override
    public Dataset<Row> build(RunContext context) {
        return context.spark().sql(sql, context.sqlParameters());
    }
}
