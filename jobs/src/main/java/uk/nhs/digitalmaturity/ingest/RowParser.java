package uk.nhs.digitalmaturity.ingest;

import com.univocity.parsers.common.TextParsingException;
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
 *
 * <p>Ingest reads a file line by line, in parallel, so each line is judged alone: a line that is not a whole
 * RFC 4180 record (an odd number of quote characters, a field over {@link #MAX_FIELD_CHARS}, a line over
 * {@link #MAX_LINE_CHARS}) is a quarantined row, never an exception. The CSV parser's own exceptions are
 * caught here and their messages never used: they quote the content they were parsing.
 */
public class RowParser implements Serializable {
    public static final String ROW_NUMBER = "_row_number";
    public static final String RAW_LINE = "_raw_line";
    public static final String EXTRAS = "extra_columns";
    public static final String RULE = "_rule";
    public static final String DETAIL = "_rule_detail";

    /** Longest field the parser accepts; the widest contract field (a question's text) is far below it. */
    public static final int MAX_FIELD_CHARS = 1 << 16;
    /** Longest line parsed at all: longer is not a record of any contract file, and is not split into fields. */
    public static final int MAX_LINE_CHARS = uk.nhs.digitalmaturity.landing.LandingZone.MAX_LINE_CHARS;
    /** Most of a rejected line that quarantine keeps, so that a 20 MB line does not become a 20 MB cell. */
    public static final int RAW_LINE_CHARS = 1 << 16;
    public static final int MAX_FIELDS = 4096;
    /**
     * What Spark's text reader puts where a byte sequence is not UTF-8 (it decodes with replacement). A real
     * U+FFFD in a landing file is treated the same way: no NHS extract has a reason to carry one.
     */
    private static final char REPLACEMENT = '\uFFFD';

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private final Source source;
    private final FileLayout layout;
    /** Columns of open_date and close_date (organisations, GP practices), -1 where the source has none. */
    private final int openAt;
    private final int closeAt;
    private transient CsvParser csv;
    private transient Pattern[] patterns;
    /** Length of the line being parsed, for the note on a shortened raw line. */
    private transient int rawLength;

    public RowParser(Source source, FileLayout layout) {
        this.source = source;
        this.layout = layout;
        this.openAt = source.header().indexOf("open_date");
        this.closeAt = source.header().indexOf("close_date");
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
        // RFC 4180 has no comments: Univocity's default '#' would turn a line starting with # into nothing
        // (a data row reported as blank, a header as null).
        settings.getFormat().setComment('\0');
        settings.getFormat().setLineSeparator("\n");
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setMaxCharsPerColumn(MAX_FIELD_CHARS);
        settings.setMaxColumns(MAX_FIELDS);
        // The parser's messages quote what it parsed (other rows' identifiers included); they are never shown,
        // and this keeps them from holding content in the first place.
        settings.setErrorContentLength(0);
        settings.setNullValue("");
        settings.setEmptyValue("");
        return new CsvParser(settings);
    }

    public Row parse(long lineNumber, String line) {
        if (patterns == null) {
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
        // A row judged valid here can still be quarantined by a later rule (reference, key), so the bound
        // applies to every row's raw line, not only to those rejected here.
        values[1] = line.length() > RAW_LINE_CHARS ? line.substring(0, RAW_LINE_CHARS) : line;
        rawLength = line.length();
        String shape = shapeProblem(line);
        if (shape != null) {
            return failed(values, Rule.MALFORMED_RECORD, shape);
        }
        String[] fields = quoteFree(line);
        try {
            if (fields == null) {
                fields = parsed(line);
            }
        } catch (TextParsingException e) {
            csv = null; // a fresh parser for the next line; the exception's message quotes content: not used
            return failed(values, Rule.MALFORMED_RECORD, e.getColumnIndex() >= MAX_FIELDS
                    ? "has more than " + String.format("%,d", MAX_FIELDS) + " fields"
                    : "a field is longer than " + String.format("%,d", MAX_FIELD_CHARS) + " characters");
        }
        if (fields == null || fields.length != layout.width()) {
            return failed(values, Rule.MALFORMED_RECORD, fields == null ? "blank line"
                    : "has " + fields.length + " fields, the header has " + layout.width());
        }
        if (line.indexOf(REPLACEMENT) >= 0) {
            return failed(values, Rule.INVALID_ENCODING, "the line is not valid UTF-8 (a byte sequence that is not"
                    + " UTF-8, or U+FFFD, at character " + (line.indexOf(REPLACEMENT) + 1) + ")");
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
        if (openAt >= 0 && closeAt >= 0) { // organisations and GP practices
            java.sql.Date open = (java.sql.Date) values[2 + openAt];
            java.sql.Date close = (java.sql.Date) values[2 + closeAt];
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

    /**
     * Why the line cannot be a record, judged before parsing, or null. Quote characters pair up in every
     * complete RFC 4180 record (an escaped quote is two of them), so an odd count means the line is a piece of
     * a record broken by a quoted newline: neither piece is loaded.
     */
    static String shapeProblem(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            return "the line is longer than " + String.format("%,d", MAX_LINE_CHARS) + " characters";
        }
        if (line.isBlank()) {
            return "blank line";
        }
        int quotes = 0; // a plain loop: a stream here cost as much as splitting the line (1.4 million a month)
        for (int i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) {
            quotes++;
        }
        if (quotes % 2 != 0) {
            return "a quoted field is not closed on this line: records must not span lines";
        }
        return null;
    }

    /**
     * The fields of a line with no quote in it, split at its commas: what the CSV parser gives for such a line
     * (RFC 4180: an unquoted field holds no comma, quote or line break; whitespace kept and an empty field
     * empty, as the parser is set up), without the parser. It was written when the parser set itself up again
     * for every line, the national staff-level ingest's largest single cost then; {@link #parsed} now keeps the
     * parser set up, and how much this split still saves against that has not been measured. Null where the
     * parser must decide: a quote, a character it may treat apart (NUL, CR, LF, a byte order mark), a field or a
     * count of fields at its limits (it reports those). Called on lines that are not blank.
     */
    static String[] quoteFree(String line) {
        int commas = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ',') {
                if (i - start >= MAX_FIELD_CHARS) {
                    return null;
                }
                commas++;
                start = i + 1;
            } else if (c == '"' || c == '\0' || c == '\r' || c == '\n' || c == '\uFEFF') {
                return null;
            }
        }
        if (line.length() - start >= MAX_FIELD_CHARS || commas + 1 >= MAX_FIELDS) {
            return null;
        }
        String[] fields = new String[commas + 1];
        int field = 0;
        start = 0;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', start)) {
            fields[field++] = line.substring(start, i);
            start = i + 1;
        }
        fields[field] = line.substring(start);
        return fields;
    }

    /**
     * The fields the CSV parser gives for this line judged alone. The line is handed over with a newline after
     * it, so that its record ends at a line break, not at the end of the parser's input: there the parser stops,
     * and for the next line sets itself up again (a new input buffer and a thrown end-of-input exception each
     * time), which cost 6 µs a line against 0.2 µs, on 41% of a staff file's lines (the quoted staff groups).
     * Where the newline does not end the record (a quote left open by a stray quote character), it is read into
     * a field, or the parser runs on to the end of its input, or refuses the line; the line is then parsed again
     * alone, as before, by a fresh parser. A line starting with a byte order mark goes there too: a parser drops
     * one only at the start of its input. Either way the fields are those of the line alone.
     */
    String[] parsed(String line) {
        if (csv == null) {
            csv = newCsvParser();
        }
        if (!line.isEmpty() && line.charAt(0) != '\uFEFF' && line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
            try {
                String[] fields = csv.parseLine(line + "\n");
                if (!csv.getContext().isStopped() && endsAtTheNewline(fields)) {
                    return fields;
                }
            } catch (TextParsingException e) {
                // judged again below, by a fresh parser
            }
        }
        csv = newCsvParser(); // the parser's state after the line before is no part of this one
        return csv.parseLine(line);
    }

    /**
     * True when the newline given after a line (which has none of its own) ended its record: it is then in no
     * field. A newline in a field was read as content, by a quote left open, and the line must be parsed alone.
     */
    private static boolean endsAtTheNewline(String[] fields) {
        if (fields == null) {
            return false;
        }
        for (String field : fields) {
            if (field != null && field.indexOf('\n') >= 0) {
                return false;
            }
        }
        return true;
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
        if (rawLength > RAW_LINE_CHARS) {
            detail += String.format(" (raw_line holds its first %,d of %,d characters)", RAW_LINE_CHARS, rawLength);
        }
        values[values.length - 2] = rule.name();
        values[values.length - 1] = detail;
        return RowFactory.create(values);
    }
}
