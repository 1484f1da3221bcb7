package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.config.PipelineConfig;

/**
 * {@code report_dates(summary_date, date_role)}: the reporting date and the configured comparison dates on
 * or before it, for tables that show a position at several dates from one history (cyber_summary). And
 * {@code dspt_follow_up_dates(dspt_year, first_date, second_date)}: the configured DSPT follow-up pairs whose
 * second date is on or before the reporting date (reporting.dspt_follow_up); a run never sees the future.
 * And {@code organisation_count_dates(summary_date)}: the configured organisation_count_dates on or before the
 * reporting date (reporting.organisation_counts); a run sees nothing after its as-at date.
 */
public final class ReportDates {
    public static final String VIEW = "report_dates";
    public static final String ORGANISATION_COUNT_VIEW = "organisation_count_dates";
    /** {@code gp_dspt_dates(summary_date)}: the configured gp_dspt_dates on or before the reporting date. */
    public static final String GP_DSPT_VIEW = "gp_dspt_dates";
    private static final StructType COUNT_SCHEMA = new StructType()
            .add("summary_date", DataTypes.DateType, false);
    private static final StructType SCHEMA = new StructType()
            .add("summary_date", DataTypes.DateType, false)
            .add("date_role", DataTypes.StringType, false);

    public static final String FOLLOW_UP_VIEW = "dspt_follow_up_dates";
    private static final StructType FOLLOW_UP_SCHEMA = new StructType()
            .add("dspt_year", DataTypes.StringType, false)
            .add("first_date", DataTypes.DateType, false)
            .add("second_date", DataTypes.DateType, false);

    private ReportDates() {
    }

    public static void register(SparkSession spark, PipelineConfig config, LocalDate asAt) {
        List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(java.sql.Date.valueOf(asAt), "REPORTING_DATE"));
        TreeSet<LocalDate> comparisons = new TreeSet<>();
        config.cyberComparisonDates().forEach(d -> comparisons.add(LocalDate.parse(d)));
        for (LocalDate d : comparisons) {
            if (d.isBefore(asAt)) {
                rows.add(RowFactory.create(java.sql.Date.valueOf(d), "COMPARISON"));
            }
        }
        spark.createDataFrame(rows, SCHEMA).createOrReplaceTempView(VIEW);
        List<Row> pairs = new ArrayList<>();
        for (PipelineConfig.DsptFollowUp f : config.dsptFollowUp()) {
            if (!f.secondDate().isAfter(asAt)) {
                pairs.add(RowFactory.create(f.dsptYear(), java.sql.Date.valueOf(f.firstDate()),
                        java.sql.Date.valueOf(f.secondDate())));
            }
        }
        spark.createDataFrame(pairs, FOLLOW_UP_SCHEMA).createOrReplaceTempView(FOLLOW_UP_VIEW);

        registerDates(spark, ORGANISATION_COUNT_VIEW, config.organisationCountDates(), asAt);
        registerDates(spark, GP_DSPT_VIEW, config.gpDsptDates(), asAt);
    }

    /** A view {@code name(summary_date)} of the configured dates on or before the as-at date, in order. */
    private static void registerDates(SparkSession spark, String name, List<String> configured, LocalDate asAt) {
        List<Row> rows = new ArrayList<>();
        TreeSet<LocalDate> dates = new TreeSet<>();
        configured.forEach(d -> dates.add(LocalDate.parse(d)));
        for (LocalDate d : dates) {
            if (!d.isAfter(asAt)) {
                rows.add(RowFactory.create(java.sql.Date.valueOf(d)));
            }
        }
        spark.createDataFrame(rows, COUNT_SCHEMA).createOrReplaceTempView(name);
    }
}
