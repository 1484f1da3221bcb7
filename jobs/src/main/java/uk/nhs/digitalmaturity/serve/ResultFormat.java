package uk.nhs.digitalmaturity.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** How {@code sql} prints a result: Spark's aligned table, CSV with a header, or one JSON object per line. */
public enum ResultFormat {
    TABLE {
        @Override
        public void print(Dataset<Row> result, PrintStream out) {
            // Spark's own layout (as df.show() prints it), every row, no value cut short.
            out.print(result.showString(Integer.MAX_VALUE - 1, 0, false));
        }
    },
    CSV {
        @Override
        public void print(Dataset<Row> result, PrintStream out) {
            Dataset<Row> text = asText(result);
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                        .setHeader(result.columns()).build());
                for (Row row : text.collectAsList()) {
                    Object[] values = new Object[row.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.isNullAt(i) ? "" : row.getString(i);
                    }
                    csv.printRecord(values);
                }
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    JSON {
        @Override
        public void print(Dataset<Row> result, PrintStream out) {
            for (String line : result.toJSON().collectAsList()) {
                out.println(line);
            }
        }
    };

    public abstract void print(Dataset<Row> result, PrintStream out);

    /** Every column as text: nested values (a run's inputs, a map of parameters) as JSON, the rest as Spark casts them. */
    private static Dataset<Row> asText(Dataset<Row> result) {
        StructType schema = result.schema();
        Column[] columns = new Column[schema.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField f = schema.fields()[i];
            Column c = result.col("`" + f.name().replace("`", "``") + "`");
            boolean nested = f.dataType() instanceof StructType || f.dataType() instanceof ArrayType
                    || f.dataType() instanceof MapType;
            columns[i] = (nested ? functions.to_json(c) : c.cast("string")).as("c" + i);
        }
        return result.select(columns);
    }
}
