package uk.nhs.digitalmaturity.silver;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.ingest.BronzeSchema;
import uk.nhs.digitalmaturity.ingest.RowParser;
import uk.nhs.digitalmaturity.ingest.StaffFteSummary;

/**
 * {@code current_<source>}: bronze as the pipeline saw it on the as-at date. Only snapshots dated on or
 * before that date count, and for each supersession key the latest of them wins, so a resubmitted return
 * replaces only the trust-years it resubmits. Every metric reads these views, never bronze itself.
 *
 * <p>Each view is plain SQL (see {@link #sql}), generated from the contract's supersession keys, so the
 * benchmark's DuckDB peer runs the same text over the same data.
 */
public final class CurrentViews {
    public static final String PREFIX = "current_";
    /**
     * {@code current_dspt_status_history}: every DSPT status of every snapshot on or before the as-at date, one row
     * per natural key (organisation, toolkit year, status date), the latest snapshot's where several list it. Where
     * {@code current_dspt_status} keeps only each organisation and year's latest status, this keeps the dated
     * statuses before it, for a status "at a date D" (reporting.dspt_follow_up, paragraph 2.11).
     */
    public static final String DSPT_STATUS_HISTORY = PREFIX + Source.DSPT_STATUS.table() + "_history";

    private CurrentViews() {
    }

    /** One current view: its name, the table it reads, and the SQL that supersedes older snapshots. */
    public record View(String name, String table, String sql) {
    }

    public static String viewName(Source source) {
        return PREFIX + source.table();
    }

    /** Every current view, in contract order, then the staff-level summary's. */
    public static List<View> all(LocalDate asAt) {
        List<View> views = new ArrayList<>();
        for (Source source : Source.values()) {
            views.add(new View(viewName(source), source.qualifiedTable(), sql(source.qualifiedTable(),
                    BronzeSchema.columnNames(source), source.supersessionKey(), source.latestWithinSnapshotBy(), asAt)));
        }
        views.add(new View(DSPT_STATUS_HISTORY, Source.DSPT_STATUS.qualifiedTable(), sql(
                Source.DSPT_STATUS.qualifiedTable(), BronzeSchema.columnNames(Source.DSPT_STATUS),
                Source.DSPT_STATUS.naturalKey().orElseThrow(), List.of(), asAt)));
        // The staff-level extract summed at ingest, superseded exactly as the assignments it sums.
        String summary = Zone.RESTRICTED.database() + "." + StaffFteSummary.TABLE;
        views.add(new View(PREFIX + StaffFteSummary.TABLE, summary, sql(summary,
                List.of(StaffFteSummary.SCHEMA.fieldNames()), StaffFteSummary.SUPERSESSION_KEY, List.of(), asAt)));
        return views;
    }

    public static void register(SparkSession spark, LocalDate asAt) {
        for (View view : all(asAt)) {
            spark.sql(view.sql()).createOrReplaceTempView(view.name());
        }
    }

    /**
     * The rows of {@code table} as at the date: snapshots on or before it, the latest per supersession key,
     * and within that snapshot (where {@code latestWithinSnapshotBy} is given) the one row latest by those
     * columns, then by line number.
     */
    static String sql(String table, List<String> columns, List<String> supersessionKey,
                      List<String> latestWithinSnapshotBy, LocalDate asAt) {
        String select = columns.stream().map(CurrentViews::quoted).collect(Collectors.joining(", "));
        String key = supersessionKey.stream().map(CurrentViews::quoted).collect(Collectors.joining(", "));
        String ranked = "";
        String rankFilter = "";
        if (!latestWithinSnapshotBy.isEmpty()) {
            List<String> order = new ArrayList<>();
            latestWithinSnapshotBy.forEach(c -> order.add(quoted(c) + " DESC"));
            order.add(quoted(RowParser.ROW_NUMBER) + " DESC");
            ranked = ",\n        row_number() OVER (PARTITION BY " + key + ", " + BronzeSchema.SNAPSHOT
                    + " ORDER BY " + String.join(", ", order) + ") AS _rank";
            rankFilter = " AND _rank = 1";
        }
        return "SELECT " + select + "\nFROM (\n    SELECT *,\n        max(" + BronzeSchema.SNAPSHOT
                + ") OVER (PARTITION BY " + key + ") AS _latest_snapshot" + ranked + "\n    FROM " + table
                + "\n    WHERE " + BronzeSchema.SNAPSHOT + " <= DATE '" + asAt + "'\n) AS visible\nWHERE "
                + BronzeSchema.SNAPSHOT + " = _latest_snapshot" + rankFilter;
    }

    /** Column names such as {@code index} are reserved words in some dialects. */
    private static String quoted(String column) {
        return "`" + column + "`";
    }
}
