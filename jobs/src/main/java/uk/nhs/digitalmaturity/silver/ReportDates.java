package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        for (LocalDate d : comparisonDates(config, asAt)) {
            rows.add(RowFactory.create(java.sql.Date.valueOf(d), "COMPARISON"));
        }
        spark.createDataFrame(rows, SCHEMA).createOrReplaceTempView(VIEW);
        List<Row> pairs = new ArrayList<>();
        for (PipelineConfig.DsptFollowUp f : followUps(config, asAt)) {
            pairs.add(RowFactory.create(f.dsptYear(), java.sql.Date.valueOf(f.firstDate()),
                    java.sql.Date.valueOf(f.secondDate())));
        }
        spark.createDataFrame(pairs, FOLLOW_UP_SCHEMA).createOrReplaceTempView(FOLLOW_UP_VIEW);

        registerDates(spark, ORGANISATION_COUNT_VIEW, onOrBefore(config.organisationCountDates(), asAt));
        registerDates(spark, GP_DSPT_VIEW, onOrBefore(config.gpDsptDates(), asAt));
    }

    /**
     * The configured dates a run as at {@code asAt} uses, as text under {@link PipelineConfig#describe}'s keys:
     * the lists above after their filter by the as-at date. Between two as-at dates with the same lists, the
     * views other than {@link #VIEW} (which holds the as-at date itself) are the same.
     */
    public static Map<String, String> seenAt(PipelineConfig config, LocalDate asAt) {
        Map<String, String> seen = new TreeMap<>();
        seen.put("cyber_comparison_dates", join(comparisonDates(config, asAt)));
        seen.put("dspt_follow_up", String.join(",", followUps(config, asAt).stream()
                .map(PipelineConfig.DsptFollowUp::describe).toList()));
        seen.put("organisation_count_dates", join(onOrBefore(config.organisationCountDates(), asAt)));
        seen.put("gp_dspt_dates", join(onOrBefore(config.gpDsptDates(), asAt)));
        return seen;
    }

    /** The configured cyber comparison dates before the as-at date, in order. */
    private static TreeSet<LocalDate> comparisonDates(PipelineConfig config, LocalDate asAt) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        config.cyberComparisonDates().forEach(d -> dates.add(LocalDate.parse(d)));
        return new TreeSet<>(dates.headSet(asAt, false));
    }

    /** The configured DSPT follow-up pairs whose second date is on or before the as-at date, as configured. */
    private static List<PipelineConfig.DsptFollowUp> followUps(PipelineConfig config, LocalDate asAt) {
        return config.dsptFollowUp().stream().filter(f -> !f.secondDate().isAfter(asAt)).toList();
    }

    /** The configured dates on or before the as-at date, in order. */
    private static TreeSet<LocalDate> onOrBefore(List<String> configured, LocalDate asAt) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        configured.forEach(d -> dates.add(LocalDate.parse(d)));
        return new TreeSet<>(dates.headSet(asAt, true));
    }

    private static String join(TreeSet<LocalDate> dates) {
        return String.join(",", dates.stream().map(LocalDate::toString).toList());
    }

    /** A view {@code name(summary_date)} of the dates given, in order. */
    private static void registerDates(SparkSession spark, String name, TreeSet<LocalDate> dates) {
        List<Row> rows = new ArrayList<>();
        for (LocalDate d : dates) {
            rows.add(RowFactory.create(java.sql.Date.valueOf(d)));
        }
        spark.createDataFrame(rows, COUNT_SCHEMA).createOrReplaceTempView(name);
    }
}
