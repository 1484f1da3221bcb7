package uk.nhs.digitalmaturity.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows that broke a contract rule, with the rule. It lives in the restricted zone because a raw line can
 * hold anything, including staff identifiers. {@code raw_line} keeps at most the first
 * {@link RowParser#RAW_LINE_CHARS} characters of a line (the detail of a line rejected by the parser says when
 * it was cut), and {@code detail} is always the pipeline's own words, never a parser's message. Which rule
 * each kind of bad file gets is tabled in docs/landing.md. (The column comments are left as they are: existing
 * lakehouses were created with them.)
 */
public final class QuarantineTable {
    public static final String TABLE = "quarantine";
    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("source_file", DataTypes.StringType, false)
            .add("snapshot", DataTypes.DateType, false)
            .add("row_number", DataTypes.LongType, false)
            .add("rule", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, true)
            .add("raw_line", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, false);

    public static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        COMMENTS.put("source", "Bronze table the row was meant for");
        COMMENTS.put("source_file", "Landing file, relative to the landing root");
        COMMENTS.put("snapshot", "Snapshot date of the landing file");
        COMMENTS.put("row_number", "Line number in the landing file (the header is line 1)");
        COMMENTS.put("rule", "The contract rule the row broke (the first one, in checking order)");
        COMMENTS.put("detail", "Which column and how, without the value");
        COMMENTS.put("raw_line", "The line as received");
        COMMENTS.put("run_id", "Run that ingested the file");
    }

    public static final String COMMENT = "Every landing row that broke a rule of the extract contract, with the "
            + "rule: together with bronze, every row of every landing file is accounted for.";

    private QuarantineTable() {
    }
}
