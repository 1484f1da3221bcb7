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

    public static String tableComment(Source source) {
        return "Bronze: every valid row of every " + source.folder() + "/<snapshot>/" + source.fileName()
                + " ever ingested, append-only, with lineage. Later snapshots supersede earlier ones per "
                + String.join(", ", source.supersessionKey()) + " at reporting time, as at the run's date.";
    }
}
