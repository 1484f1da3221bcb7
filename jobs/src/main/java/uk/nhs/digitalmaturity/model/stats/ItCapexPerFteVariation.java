package uk.nhs.digitalmaturity.model.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.model.JavaModel;
import uk.nhs.digitalmaturity.silver.RunContext;

/**
 * {@code reporting.it_capex_per_fte_variation}: how widely IT capital expenditure per FTE varies between trusts
 * (Figure 7, "wide variation"), nationally and by sector. The per-trust table is a couple of hundred rows: it is
 * collected to the driver and summarised with commons-math3 ({@link Distribution}).
 */
public class ItCapexPerFteVariation extends JavaModel {
    public static final String NAME = "it_capex_per_fte_variation";
    static final String SOURCE = "it_capex_per_fte";
    /** Sectors in the contract's order; only those with at least one included trust get a row. */
    static final List<String> SECTORS = List.of("ACUTE", "SPECIALIST", "MENTAL_HEALTH", "COMMUNITY", "AMBULANCE", "UNKNOWN");

    static final StructType SCHEMA = new StructType()
            .add("scope", DataTypes.StringType, false)
            .add("sector", DataTypes.StringType, true)
            .add("reporting_unit", DataTypes.StringType, false)
            .add("trusts", DataTypes.LongType, false)
            .add("min_gbp", DataTypes.DoubleType, false)
            .add("p10_gbp", DataTypes.DoubleType, false)
            .add("p25_gbp", DataTypes.DoubleType, false)
            .add("median_gbp", DataTypes.DoubleType, false)
            .add("p75_gbp", DataTypes.DoubleType, false)
            .add("p90_gbp", DataTypes.DoubleType, false)
            .add("max_gbp", DataTypes.DoubleType, false)
            .add("mean_gbp", DataTypes.DoubleType, false)
            .add("standard_deviation_gbp", DataTypes.DoubleType, true)
            .add("coefficient_of_variation", DataTypes.DoubleType, true)
            .add("p90_p10_ratio", DataTypes.DoubleType, true)
            .add("percentile_method", DataTypes.StringType, false)
            .add("price_base_year", DataTypes.StringType, false)
            .add("window_start", DataTypes.StringType, false)
            .add("window_end", DataTypes.StringType, false)
            .add("reference_period", DataTypes.StringType, false)
            .add("scope_order", DataTypes.IntegerType, false);

    public ItCapexPerFteVariation() {
        super(Zone.REPORTING, NAME);
    }

    @Override
    public Dataset<Row> build(RunContext context) {
        String path = context.lakehouse().tablePath(Zone.REPORTING, SOURCE);
        List<Row> trusts = context.spark().read().format("delta").load(path)
                .selectExpr("org_code", "sector", "it_capex_per_fte_gbp")
                .orderBy("org_code").collectAsList();
        Map<String, List<Double>> bySector = new LinkedHashMap<>();
        List<Double> national = new ArrayList<>();
        for (Row r : trusts) {
            double value = ((BigDecimal) r.get(2)).doubleValue();
            national.add(value);
            bySector.computeIfAbsent(r.getString(1), s -> new ArrayList<>()).add(value);
        }
        List<Row> rows = new ArrayList<>();
        if (!national.isEmpty()) {
            rows.add(row(context, "NATIONAL", null, "ENGLAND", Distribution.of(array(national)), 0));
        }
        for (int i = 0; i < SECTORS.size(); i++) {
            List<Double> values = bySector.get(SECTORS.get(i));
            if (values != null) {
                rows.add(row(context, "SECTOR", SECTORS.get(i), SECTORS.get(i), Distribution.of(array(values)), i + 1));
            }
        }
        return context.spark().createDataFrame(rows, SCHEMA);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Row row(RunContext context, String scope, String sector, String unit, Distribution d, int order) {
        return RowFactory.create(scope, sector, unit, d.count(), d.min(), d.p10(), d.p25(), d.median(), d.p75(),
                d.p90(), d.max(), d.mean(), d.standardDeviation(), d.coefficientOfVariation(), d.p90P10Ratio(),
                Distribution.METHOD, context.config().priceBaseYear(), context.config().windowStart(),
                context.config().windowEnd(), context.config().referencePeriod(), order);
    }
}
