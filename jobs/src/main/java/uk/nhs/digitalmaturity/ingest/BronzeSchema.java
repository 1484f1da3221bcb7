package uk.nhs.digitalmaturity.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Column;
import uk.nhs.digitalmaturity.contract.Source;

/** The bronze table of a source: the contract's typed columns, extra columns, and lineage. */
public final class BronzeSchema {
    public static final String SOURCE_FILE = "_source_file";
    public static final String SNAPSHOT = "_snapshot";
    public static final String RUN_ID = "_run_id";

    private BronzeSchema() {
    }

    public static StructType of(Source source) {
        StructType schema = new StructType();
        for (Column c : source.columns()) {
            schema = schema.add(c.name(), c.type().sparkType(), true);
        }
        return schema.add(RowParser.EXTRAS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
                .add(SOURCE_FILE, DataTypes.StringType, false)
                .add(SNAPSHOT, DataTypes.DateType, false)
                .add(RowParser.ROW_NUMBER, DataTypes.LongType, false)
                .add(RUN_ID, DataTypes.StringType, false);
    }

    public static List<String> columnNames(Source source) {
        return List.of(of(source).fieldNames());
    }

    public static Map<String, String> comments(Source source) {
        Map<String, String> comments = new LinkedHashMap<>();
        source.columns().forEach(c -> comments.put(c.name(), c.description()));
        comments.put(RowParser.EXTRAS, "Columns of the landing file that the contract does not name, kept as text");
        comments.put(SOURCE_FILE, "Landing file the row came from, relative to the landing root");
        comments.put(SNAPSHOT, "Snapshot date of the landing file (the date the extract was received)");
        comments.put(RowParser.ROW_NUMBER, "Line number of the row in its landing file (the header is line 1)");
        comments.put(RUN_ID, "Run that ingested the row");
        return comments;
    }

    /**
     * Properties of the source's bronze table beyond the lakehouse's own; for staff bronze, the cost of writing
     * 1.4 million rows a month. It keeps file statistics (min, max, nulls: what Delta skips files by) only on
     * the lineage columns its readers select on: every read of it picks files by {@code _source_file}, or
     * snapshots by {@code _snapshot}, and months are its partitions. The default, statistics on every column,
     * compared and copied each person_id and assignment_id of every row as it was written. And its identifiers
     * are written without a dictionary: nearly every value in a file is distinct, so the Parquet writer filled a
     * dictionary only to drop it. Delta hands a table's properties to the Parquet writer of its files, so the
     * setting holds for this table's writes only. Together: a national full build's staff write took 108.6
     * task-seconds before, 90.9 after.
     */
    public static Map<String, String> tableProperties(Source source) {
        if (source != Source.WORKFORCE_STAFF) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("delta.dataSkippingStatsColumns", SOURCE_FILE + "," + SNAPSHOT);
        properties.put("parquet.enable.dictionary#person_id", "false");
        properties.put("parquet.enable.dictionary#assignment_id", "false");
        return properties;
    }

    public static String tableComment(Source source) {
        return "Bronze: every valid row of every " + source.folder() + "/<snapshot>/" + source.fileName()
                + " ever ingested, append-only, with lineage. Later snapshots supersede earlier ones per "
                + String.join(", ", source.supersessionKey()) + " at reporting time, as at the run's date.";
    }
}
