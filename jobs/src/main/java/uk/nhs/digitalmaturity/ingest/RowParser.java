package uk.nhs.digitalmaturity.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.nhs.digitalmaturity.contract.Column;
import uk.nhs.digitalmaturity.contract.ColumnType;
import uk.nhs.digitalmaturity.contract.FinancialYear;
import uk.nhs.digitalmaturity.contract.Rule;
import uk.nhs.digitalmaturity.contract.Source;

/**
 * Turns one landing line into a typed row, or names the first rule the line breaks. Runs on executors, one
 * instance per partition. Messages name the column and the rule but never the value, so that they are safe
 * to print even for staff-level files.
 */
public class RowParser implements Serializable {
    public static final String ROW_NUMBER = "_row_number";
    public static final String RAW_LINE = "_raw_line";
    public static final String EXTRAS = "extra_columns";
    public static final String RULE = "_rule";
    public static final String DETAIL = "_rule_detail";

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private final Source source;
    private final FileLayout layout;
    private transient CsvParser csv;
    private transient Pattern[] patterns;

    public RowParser(Source source, FileLayout layout) {
        this.source = source;
        this.layout = layout;
    }

    /** The schema of parsed rows: line number, raw line, the contract's typed columns, extras, rule. */
    public static StructType parsedSchema(Source source) {
        StructType schema = new StructType().add(ROW_NUMBER, DataTypes.LongType, false)
                .add(RAW_LINE, DataTypes.StringType, true);
        for (Column c : source.columns()) {
            schema = schema.add(new StructField(c.name(), c.type().sparkType(), true,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        return schema.add(EXTRAS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
                .add(RULE, DataTypes.StringType, true)
                .add(DETAIL, DataTypes.StringType, true);
    }

    public static CsvParser newCsvParser() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(1 << 16);
        settings.setMaxColumns(4096);
        settings.setNullValue("");
        settings.setEmptyValue("");
        return new CsvParser(settings);
    }

    public Row parse(long lineNumber, String line) {
        if (csv == null) {
            csv = newCsvParser();
            List<Column> columns = source.columns();
            patterns = new Pattern[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).check() instanceof Column.PatternCheck p) {
                    patterns[c] = Pattern.compile(p.regex());
                }
            }
        }
        List<Column> columns = source.columns();
        Object[] values = new Object[columns.size() + 5];
        values[0] = lineNumber;
        values[1] = line;
        String[] fields = line.isBlank() ? null : csv.parseLine(line);
        if (fields == null || fields.length != layout.width()) {
            return failed(values, Rule.MALFORMED_RECORD, fields == null ? "blank line"
                    : "has " + fields.length + " fields, the header has " + layout.width());
        }
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            int position = layout.positions()[c];
            String raw = position == FileLayout.ABSENT ? null : fields[position];
            String text = raw == null ? "" : raw.trim();
            if (text.isEmpty()) {
                if (column.required()) {
                    return failed(values, Rule.MISSING_VALUE, column.name() + " is blank");
                }
                continue;
            }
            Object typed;
            try {
                typed = typed(column, text);
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                return failed(values, Rule.INVALID_TYPE, column.name() + " is not " + typeName(column.type()));
            }
            String broken = check(column, patterns[c], text, typed);
            if (broken != null) {
                return failed(values, column.check().rule(), column.name() + " " + broken);
            }
            values[2 + c] = typed;
        }
        if (source == Source.ORGANISATIONS) {
            java.sql.Date open = (java.sql.Date) values[2 + 5];
            java.sql.Date close = (java.sql.Date) values[2 + 6];
            if (close != null && close.before(open)) {
                return failed(values, Rule.INCONSISTENT_DATES, "close_date is before open_date");
            }
        }
        if (layout.extraNames().length > 0) {
            Map<String, String> extras = new LinkedHashMap<>();
            for (int e = 0; e < layout.extraNames().length; e++) {
                extras.put(layout.extraNames()[e], fields[layout.extraPositions()[e]]);
            }
            values[2 + columns.size()] = scala.collection.JavaConverters.mapAsScalaMap(extras);
        }
        return RowFactory.create(values);
    }

    private static Object typed(Column column, String text) {
        return switch (column.type()) {
            case TEXT -> text;
            case DATE -> java.sql.Date.valueOf(LocalDate.parse(text));
            case INTEGER -> Integer.parseInt(text);
            case DECIMAL, PRECISE_DECIMAL -> decimal(column.type(), text);
        };
    }

    private static BigDecimal decimal(ColumnType type, String text) {
        BigDecimal value = new BigDecimal(text);
        org.apache.spark.sql.types.DecimalType spark = (org.apache.spark.sql.types.DecimalType) type.sparkType();
        BigDecimal exact = value.scale() > spark.scale() ? value.stripTrailingZeros() : value;
        if (exact.scale() > spark.scale() || exact.precision() - exact.scale() > spark.precision() - spark.scale()) {
            // Spark would round or null it silently; an exact figure that does not fit is refused instead.
            throw new ArithmeticException("does not fit");
        }
        return exact.setScale(spark.scale());
    }

    private static String typeName(ColumnType type) {
        return switch (type) {
            case TEXT -> "text";
            case DATE -> "an ISO date (YYYY-MM-DD)";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a decimal number with at most 6 decimal places";
            case PRECISE_DECIMAL -> "a decimal number with at most 10 decimal places";
        };
    }

    /** Null when the value passes the column's check, else what is wrong (without the value). */
    private static String check(Column column, Pattern pattern, String text, Object typed) {
        Column.Check check = column.check();
        if (check instanceof Column.PatternCheck p) {
            return pattern.matcher(text).matches() ? null : "is not " + p.humanForm();
        } else if (check instanceof Column.OneOf o) {
            return o.values().contains(text) ? null : "is not one of " + String.join(", ", o.values());
        } else if (check instanceof Column.ListOf l) {
            return l.items(text) != null ? null
                    : "is not a list of " + String.join(", ", l.values()) + " separated by " + l.separator();
        } else if (check instanceof Column.Range r) {
            BigDecimal number = typed instanceof Integer i ? BigDecimal.valueOf(i) : (BigDecimal) typed;
            return inRange(r, number) ? null : "must be " + r.describe();
        } else if (check instanceof Column.FinancialYearCheck) {
            return FinancialYear.tryParse(text) != null ? null
                    : "is not a financial year YYYY-YY with the second year following the first";
        } else if (check instanceof Column.PeriodCheck) {
            return PERIOD.matcher(text).matches() ? null : "is not a month YYYY-MM";
        }
        return null;
    }

    private static boolean inRange(Column.Range r, BigDecimal v) {
        if (r.min() != null) {
            int c = v.compareTo(r.min());
            if (c < 0 || (c == 0 && !r.minInclusive())) {
                return false;
            }
        }
        if (r.max() != null) {
            int c = v.compareTo(r.max());
            return c < 0 || (c == 0 && r.maxInclusive());
        }
        return true;
    }

    private Row failed(Object[] values, Rule rule, String detail) {
        for (int i = 2; i < values.length - 2; i++) {
            values[i] = null;
        }
        values[values.length - 2] = rule.name();
        values[values.length - 1] = detail;
        return RowFactory.create(values);
    }
}
