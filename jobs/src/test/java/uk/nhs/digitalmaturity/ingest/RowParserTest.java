package uk.nhs.digitalmaturity.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.contract.Rule;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.testing.Repo;

/**
 * One landing line against the extract contract, with no Spark session: a Row here is a plain value.
 * Each expected rule is the contract's (../shared/extract-contract.md) or the README's ("Nothing lost"), and
 * each expected decimal has the bronze column's 6 places, worked out by hand.
 */
class RowParserTest {
    private static final String FINANCE = "org_code,fin_year,sub_code,value_k";
    private static final String STAFF = "period,org_code,person_id,assignment_id,staff_group,occupation_code,fte";
    private static final String ORGS = "org_code,org_name,org_type,sector,region_code,open_date,close_date";
    private static final String PERSON = "0123456789abcdef".repeat(4); // 64 hex characters

    // ---- splitting a line ------------------------------------------------------------------------------

    @Test
    void aLineWithoutQuotesIsSplitAtEveryCommaKeepingWhitespaceAndEmptyFields() {
        // Worked out from RFC 4180 and the parser's settings (whitespace kept, an empty field empty).
        assertArrayEquals(new String[] {"RAB", "2018-19", "SUB01", "-12.5"}, RowParser.quoteFree("RAB,2018-19,SUB01,-12.5"));
        assertArrayEquals(new String[] {" RAB ", "", "x y", ""}, RowParser.quoteFree(" RAB ,,x y,"));
        assertArrayEquals(new String[] {"", ""}, RowParser.quoteFree(","));
        assertArrayEquals(new String[] {"only"}, RowParser.quoteFree("only"));
        assertArrayEquals(new String[] {"Nurses & health visitors", "N01", "1.00"},
                RowParser.quoteFree("Nurses & health visitors,N01,1.00"));
    }

    @Test
    void aLineTheSplitCannotJudgeIsLeftToTheCsvParser() {
        assertNull(RowParser.quoteFree("R0A,\"Scientific, therapeutic and technical staff\",1.00"));
        assertNull(RowParser.quoteFree("R0A,a\rb"));
        assertNull(RowParser.quoteFree("R0A,a\u0000b"));
        assertNull(RowParser.quoteFree("\uFEFFR0A,b"));
        assertNull(RowParser.quoteFree("a,".repeat(RowParser.MAX_FIELDS) + "a")); // too many fields: the parser says so
        assertNull(RowParser.quoteFree("a," + "x".repeat(RowParser.MAX_FIELD_CHARS))); // a field too long: likewise
    }

    @Test
    void everyLineOfTheSampleLandingSplitsAsTheCsvParserSplitsItAlone() throws IOException {
        CsvParser alone = RowParser.newCsvParser(); // parseLine on a line alone: it reaches its end every time
        RowParser parser = parser(Source.WORKFORCE_STAFF, STAFF); // one parser for every line, as a task has
        long quoteFree = 0;
        long quoted = 0;
        try (Stream<Path> files = Files.walk(Repo.root().resolve("sample-data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] fields = RowParser.quoteFree(line);
                    if (fields != null) {
                        quoteFree++;
                    } else {
                        fields = parser.parsed(line);
                        quoted++;
                    }
                    assertArrayEquals(alone.parseLine(line), fields, file + ": " + line.length() + " characters");
                }
            }
        }
        assertTrue(quoteFree > 10_000, "quote-free lines compared: " + quoteFree);
        assertTrue(quoted > 1_000, "quoted lines compared: " + quoted);
    }

    @Test
    void aQuotedLineSplitsAsItDoesAloneWhateverLineCameBefore() {
        RowParser parser = parser(Source.WORKFORCE_STAFF, STAFF);
        // Worked out from RFC 4180: a quoted field keeps its commas, and a doubled quote inside it is one quote.
        String staff = "2020-03,R0A," + PERSON + ",A1,\"Scientific, therapeutic & technical staff\",S02,0.40";
        String[] staffFields = {"2020-03", "R0A", PERSON, "A1", "Scientific, therapeutic & technical staff", "S02",
                "0.40"};
        assertArrayEquals(staffFields, parser.parsed(staff));
        assertArrayEquals(new String[] {"R\"AB", "", "x"}, parser.parsed("\"R\"\"AB\",\"\",x"));
        // Lines a parser may read on past their end when a newline follows (a character after a closing quote,
        // a quote left open), or refuses (a field too long): each splits, or is refused, as it is alone, and the
        // line after it is read whole.
        List<String> odd = List.of("a,\"b\" ,c", "a,\"b\"c\"d\",e", "a,\"b", "\"a\"\"\",b,", " \"a\" ,b",
                "\uFEFF\"a\",b", "a,\"b\u0000\",c", "\"\",\"\"", "a,\"b\"\"", "a,\"b\" ", "\"a\"x,\"c\"",
                "a,\"" + "x".repeat(RowParser.MAX_FIELD_CHARS + 1) + "\",c");
        for (String line : odd) {
            String alone = splitOrRefused(RowParser.newCsvParser()::parseLine, line); // a fresh parser each line
            assertEquals(alone, splitOrRefused(parser::parsed, line), line.length() + " characters");
            assertArrayEquals(staffFields, parser.parsed(staff), "after " + line.length() + " characters");
        }
    }

    /** The fields {@code split} gives for the line, joined, or that it refuses the line. */
    private static String splitOrRefused(Function<String, String[]> split, String line) {
        try {
            return String.join("|", split.apply(line));
        } catch (TextParsingException e) {
            return "refused";
        }
    }

    // ---- finance_returns -------------------------------------------------------------------------------

    @Test
    void aFinanceLineIsTypedWithExactDecimals() {
        Row row = parse(Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,-12.5");
        assertNull(rule(row));
        assertEquals("RAB", value(row, Source.FINANCE_RETURNS, "org_code"));
        assertEquals("2018-19", value(row, Source.FINANCE_RETURNS, "fin_year"));
        // value_k may be negative (disposals); decimal(24,6), so -12.5 is -12.500000, scale included.
        assertEquals(new BigDecimal("-12.500000"), value(row, Source.FINANCE_RETURNS, "value_k"));
        // 0.1 is exact (a double would be 0.1000000000000000055...).
        assertEquals(new BigDecimal("0.100000"),
                value(parse(Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,0.1"), Source.FINANCE_RETURNS, "value_k"));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndOtherColumnsAreKept() {
        // Contract: column order may differ; names are matched case-insensitively after trimming; extra
        // columns are kept in bronze.
        Row row = parse(Source.FINANCE_RETURNS, " Value_K ,notes,SUB_CODE,fin_year,org_code", "7,late,SUB01,2018-19,RAB");
        assertNull(rule(row));
        assertEquals("RAB", value(row, Source.FINANCE_RETURNS, "org_code"));
        assertEquals("SUB01", value(row, Source.FINANCE_RETURNS, "sub_code"));
        assertEquals(new BigDecimal("7.000000"), value(row, Source.FINANCE_RETURNS, "value_k"));
        assertEquals(Map.of("notes", "late"), row.getJavaMap(2 + Source.FINANCE_RETURNS.columns().size()));
    }

    @Test
    void financialYearsMustBeYyyyYyWithTheFollowingYear() {
        assertRule(Rule.BAD_FIN_YEAR, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-20,SUB01,1"); // 2018 + 1 = 2019, not 20
        assertRule(Rule.BAD_FIN_YEAR, Source.FINANCE_RETURNS, FINANCE, "RAB,2018/19,SUB01,1");
        assertRule(Rule.BAD_FIN_YEAR, Source.FINANCE_RETURNS, FINANCE, "RAB,18-19,SUB01,1");
        assertRule(null, Source.FINANCE_RETURNS, FINANCE, "RAB,1999-00,SUB01,1"); // 1999 + 1 = 2000: "00"
    }

    @Test
    void financeLinesBreakingOneRuleEachAreQuarantinedWithThatRule() {
        assertRule(Rule.MALFORMED_RECORD, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01"); // 3 fields of 4
        assertRule(Rule.MISSING_VALUE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,");
        assertRule(Rule.MISSING_VALUE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,   "); // blank after trimming
        assertRule(Rule.MISSING_VALUE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,\"\"");
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,twelve");
        // 7 decimal places: bronze keeps 6, and rounding an exact figure silently is not allowed.
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,1.2345678");
        // ...but trailing zeros are not places: 1.2000000 is exactly 1.200000.
        assertRule(null, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,1.2000000");
        // ODS codes are ^[A-Z0-9]{3,5}$: capitals only, 3 to 5 characters.
        assertRule(Rule.INVALID_FORMAT, Source.FINANCE_RETURNS, FINANCE, "rab,2018-19,SUB01,1");
        assertRule(Rule.INVALID_FORMAT, Source.FINANCE_RETURNS, FINANCE, "RABCDE,2018-19,SUB01,1");
    }

    @Test
    void theFirstRuleBrokenInColumnOrderIsTheOneRecordedAndNoValueIsKept() {
        // org_code blank (MISSING_VALUE), fin_year bad (BAD_FIN_YEAR), value_k not a number (INVALID_TYPE):
        // the rule is the first column's, in the contract's column order.
        Row row = parse(Source.FINANCE_RETURNS, FINANCE, ",2018-20,SUB01,x");
        assertEquals(Rule.MISSING_VALUE.name(), rule(row));
        assertEquals("org_code is blank", row.getString(row.length() - 1));
        for (String column : new String[] {"org_code", "fin_year", "sub_code", "value_k"}) {
            assertNull(value(row, Source.FINANCE_RETURNS, column), column);
        }
        assertEquals(2L, row.getLong(0)); // the line number, for quarantine
        assertEquals(",2018-20,SUB01,x", row.getString(1)); // and the raw line
    }

    @Test
    void oddNumbersAreQuarantinedOrReadExactlyNeverGuessed() {
        // 1e400 does not fit decimal(24,6) (401 digits before the point, 18 allowed): quarantined, not loaded
        // as null or infinity ("Nothing lost": every row in bronze or in quarantine with its rule).
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,1e400");
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,NaN");
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,Infinity");
        // 1,234 unquoted is five fields, not four; quoted it is one field that is not a decimal. Either way
        // it is quarantined rather than read as 1234 or 1.234.
        assertRule(Rule.MALFORMED_RECORD, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,1,234");
        assertRule(Rule.INVALID_TYPE, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,\"1,234\"");
        // -0 is zero, a legal value_k; " 12 " is 12 (a value is trimmed, as a blank one is judged after
        // trimming); +5 is 5.
        assertEquals(new BigDecimal("0.000000"), valueK("-0"));
        assertEquals(new BigDecimal("12.000000"), valueK(" 12 "));
        assertEquals(new BigDecimal("5.000000"), valueK("+5"));
    }

    // ---- lines that are not one whole record (issue 17) ---------------------------------------------------

    @Test
    void bothPiecesOfARecordBrokenByAQuotedNewlineAreMalformed() {
        // "59\n62" split by a line end inside quotes: line by line, neither piece is a record, and the first
        // must not load as 59 (Univocity alone reads the unclosed quote as the field 59).
        String detail = "a quoted field is not closed on this line: records must not span lines";
        Row first = parse(Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,\"59");
        assertEquals(Rule.MALFORMED_RECORD.name(), rule(first));
        assertEquals(detail, detail(first));
        assertNull(value(first, Source.FINANCE_RETURNS, "value_k"));
        assertEquals(detail, detail(parse(Source.FINANCE_RETURNS, FINANCE, "62\"")));
        // Escaped quotes pair up: an even count is a whole record.
        assertRule(null, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,\"SUB01\",\"7\"");
        assertRule(Rule.INVALID_FORMAT, Source.FINANCE_RETURNS, FINANCE, "\"R\"\"AB\",2018-19,SUB01,7"); // R"AB
        assertRule(Rule.MALFORMED_RECORD, Source.FINANCE_RETURNS, FINANCE, "\"R\"\"AB,2018-19,SUB01,7");
    }

    @Test
    void anOverLongFieldIsAMalformedRowWhoseDetailHoldsNoContent() {
        // Univocity throws past 65,536 characters, and its message quotes what it parsed: the parser must
        // neither throw nor pass any of it on.
        String field = "Z".repeat(RowParser.MAX_FIELD_CHARS + 1);
        RowParser parser = parser(Source.WORKFORCE_STAFF, STAFF);
        String line = "2018-12,RAB," + PERSON + ",A1," + field + ",OCC1,1"; // 87 + 65,537 characters
        Row row = parser.parse(3, line);
        assertEquals(Rule.MALFORMED_RECORD.name(), rule(row));
        assertEquals("a field is longer than 65,536 characters (raw_line holds its first 65,536 of 65,624 characters)",
                detail(row));
        assertFalse(detail(row).contains(PERSON));
        assertEquals(RowParser.RAW_LINE_CHARS, row.getString(1).length());
        // the same parser reads the next line normally
        assertNull(rule(parser.parse(4, "2018-12,RAB," + PERSON + ",A2,Central functions,OCC1,1")));
        Row wide = parser.parse(5, ",".repeat(RowParser.MAX_FIELDS));
        assertEquals(Rule.MALFORMED_RECORD.name(), rule(wide));
        assertEquals("has more than 4,096 fields", detail(wide));
    }

    @Test
    void anOverLongLineIsAMalformedRowKeptShort() {
        String line = "RAB,2018-19,SUB01," + "9".repeat(RowParser.MAX_LINE_CHARS);
        Row row = parse(Source.FINANCE_RETURNS, FINANCE, line);
        assertEquals(Rule.MALFORMED_RECORD.name(), rule(row));
        assertEquals("the line is longer than 1,048,576 characters (raw_line holds its first 65,536 of "
                + String.format("%,d", line.length()) + " characters)", detail(row));
        assertEquals(line.substring(0, RowParser.RAW_LINE_CHARS), row.getString(1));
    }

    @Test
    void aLineStartingWithAHashIsARecordNotAComment() {
        // RFC 4180 has no comment lines; Univocity's default treated this row as nothing ("blank line").
        Row row = parse(Source.FINANCE_RETURNS, FINANCE, "#AB,2018-19,SUB01,7");
        assertEquals(Rule.INVALID_FORMAT.name(), rule(row));
        assertEquals("org_code is not an ODS code", detail(row));
    }

    @Test
    void aLineThatIsNotUtf8IsInvalidEncodingBeforeAnyValueRule() {
        // Spark decodes a Latin-1 pound sign (byte A3) as U+FFFD; such a row must never be published.
        Row name = parse(Source.ORGANISATIONS, ORGS, "RAB,A \uFFFD1m trust,NHS_TRUST,ACUTE,Y56,2000-04-01,");
        assertEquals(Rule.INVALID_ENCODING.name(), rule(name));
        assertEquals("the line is not valid UTF-8 (a byte sequence that is not UTF-8, or U+FFFD, at character 7)",
                detail(name));
        // inside a number it is the encoding, not the type, that is wrong: encoding is checked first
        assertRule(Rule.INVALID_ENCODING, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01,1\uFFFD2");
        // shape comes before encoding
        assertRule(Rule.MALFORMED_RECORD, Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,\uFFFD");
        assertRule(null, Source.ORGANISATIONS, ORGS, "RAB,A caf\u00e9 trust,NHS_TRUST,ACUTE,Y56,2000-04-01,");
    }

    // ---- workforce_staff (restricted) -------------------------------------------------------------------

    @Test
    void aStaffLineIsTyped() {
        Row row = parse(Source.WORKFORCE_STAFF, STAFF, "2018-12,RAB," + PERSON + ",A1,Central functions,OCC1,0.5");
        assertNull(rule(row));
        assertEquals("2018-12", value(row, Source.WORKFORCE_STAFF, "period"));
        assertEquals("Central functions", value(row, Source.WORKFORCE_STAFF, "staff_group"));
        assertEquals(new BigDecimal("0.500000"), value(row, Source.WORKFORCE_STAFF, "fte"));
    }

    @Test
    void fteMustBeAboveZeroAndAtMostOneAndAHalf() {
        // Contract: 0 < fte <= 1.5.
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(staff("0")));
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(staff("-0")));      // -0 is 0
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(staff("-0.5")));
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(staff("1.500001")));  // one millionth over
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(staff("+5")));        // 5 > 1.5
        assertNull(rule(staff("1.5")));                                   // the bound itself is allowed
        assertNull(rule(staff("0.000001")));                              // the smallest positive at 6 places
        assertEquals(Rule.INVALID_TYPE.name(), rule(staff("1e400")));
        assertEquals(Rule.INVALID_TYPE.name(), rule(staff("NaN")));
        assertEquals(Rule.MISSING_VALUE.name(), rule(staff(" ")));
    }

    @Test
    void periodsAndPersonIdsMustHaveTheirFormat() {
        String tail = ",A1,Central functions,OCC1,1";
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF, "2018-13,RAB," + PERSON + tail); // no 13th month
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF, "2018-00,RAB," + PERSON + tail);
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF, "2018-1,RAB," + PERSON + tail);
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF, "Dec-2018,RAB," + PERSON + tail);
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF, "2018-12,RAB," + PERSON.substring(1) + tail); // 63
        assertRule(Rule.INVALID_FORMAT, Source.WORKFORCE_STAFF, STAFF,
                "2018-12,RAB," + PERSON.substring(1) + "g" + tail); // 64, but g is not hex
    }

    @Test
    void aQuarantineMessageNamesTheColumnButNeverTheValue() {
        // Messages may be printed; a staff identifier or a staff member's FTE must not be.
        String badPerson = "ZZ" + PERSON.substring(2);
        Row row = parse(Source.WORKFORCE_STAFF, STAFF, "2018-12,RAB," + badPerson + ",A1,Central functions,OCC1,1");
        String detail = row.getString(row.length() - 1);
        assertTrue(detail.startsWith("person_id "), detail);
        assertFalse(detail.contains(badPerson), detail);
        Row fte = staff("1.77777");
        String fteDetail = fte.getString(fte.length() - 1);
        assertEquals(Rule.OUT_OF_RANGE.name(), rule(fte));
        assertTrue(fteDetail.startsWith("fte "), fteDetail);
        assertFalse(fteDetail.contains("1.77777"), fteDetail);
    }

    // ---- organisations: enumerations and dates ---------------------------------------------------------

    @Test
    void organisationEnumsAndDatesFollowTheContract() {
        assertRule(null, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,ACUTE,Y56,2000-04-01,"); // open: no close
        assertRule(Rule.NOT_IN_ENUM, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS TRUST,ACUTE,Y56,2000-04-01,");
        assertRule(Rule.NOT_IN_ENUM, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,acute,Y56,2000-04-01,");
        assertRule(Rule.INVALID_TYPE, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,ACUTE,Y56,2019-02-29,"); // not a leap year
        assertRule(Rule.INVALID_TYPE, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,ACUTE,Y56,01/04/2000,");
        assertRule(Rule.INCONSISTENT_DATES, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,ACUTE,Y56,2000-04-01,2000-03-31");
        // Opening and closing on the same day is odd but not inconsistent.
        assertRule(null, Source.ORGANISATIONS, ORGS, "RAB,A trust,NHS_TRUST,ACUTE,Y56,2000-04-01,2000-04-01");
    }

    // ---- dma_questions: the optional sectors column -------------------------------------------------------

    private static final String QUESTIONS = "survey_year,question_id,theme,weight,answer_scale,topic,question_text";

    @Test
    void aQuestionFileWithoutTheSectorsColumnIsAcceptedAndAskedOfEverySector() {
        // Contract (dma/): sectors is optional, "empty or absent means every sector"; older snapshots and real
        // feeds have no such column, so a header without it is not a missing column.
        Row row = parse(Source.DMA_QUESTIONS, QUESTIONS, "2017,Q01,READINESS,1,YES_NO,,Board sponsor?");
        assertNull(rule(row));
        assertNull(value(row, Source.DMA_QUESTIONS, "sectors"));
        assertEquals("Board sponsor?", value(row, Source.DMA_QUESTIONS, "question_text"));
    }

    @Test
    void theSectorsColumnListsSectorsOfTheOrganisationsEnum() {
        String header = "sectors," + QUESTIONS; // any position, like every column
        assertRule(null, Source.DMA_QUESTIONS, header, ",2017,Q01,READINESS,1,YES_NO,,Q"); // empty: every sector
        Row listed = parse(Source.DMA_QUESTIONS, header, "ACUTE; SPECIALIST,2017,Q01,READINESS,1,YES_NO,,Q");
        assertNull(rule(listed));
        assertEquals("ACUTE; SPECIALIST", value(listed, Source.DMA_QUESTIONS, "sectors"));
        assertRule(null, Source.DMA_QUESTIONS, header, "UNKNOWN,2017,Q01,READINESS,1,YES_NO,,Q");
        // a value outside the sector enum, a lower-case one, an empty item or another separator: NOT_IN_ENUM,
        // like the organisations' own sector column
        assertRule(Rule.NOT_IN_ENUM, Source.DMA_QUESTIONS, header, "ACUTE;HOSPICE,2017,Q01,READINESS,1,YES_NO,,Q");
        assertRule(Rule.NOT_IN_ENUM, Source.DMA_QUESTIONS, header, "acute,2017,Q01,READINESS,1,YES_NO,,Q");
        assertRule(Rule.NOT_IN_ENUM, Source.DMA_QUESTIONS, header, "ACUTE;;COMMUNITY,2017,Q01,READINESS,1,YES_NO,,Q");
        assertRule(Rule.NOT_IN_ENUM, Source.DMA_QUESTIONS, header, "\"ACUTE,COMMUNITY\",2017,Q01,READINESS,1,YES_NO,,Q");
    }

    @Test
    void onlyTheOptionalColumnMayBeLeftOut() {
        String withoutText = "survey_year,question_id,theme,weight,answer_scale,topic";
        uk.nhs.digitalmaturity.failure.ContractViolation e = org.junit.jupiter.api.Assertions.assertThrows(
                uk.nhs.digitalmaturity.failure.ContractViolation.class,
                () -> FileLayout.of(Source.DMA_QUESTIONS, withoutText.split(","), "dma/2019-01-01/dma_questions.csv"));
        assertTrue(e.getMessage().contains("missing column(s) question_text"), e.getMessage());
        assertFalse(e.getMessage().contains("missing column(s) question_text, sectors"), e.getMessage());
    }

    private static Row parse(Source source, String header, String line) {
        return parser(source, header).parse(2, line);
    }

    private static RowParser parser(Source source, String header) {
        return new RowParser(source, FileLayout.of(source, header.split(","), "test/2019-01-01/" + source.fileName()));
    }

    private static String detail(Row row) {
        return row.getString(row.length() - 1);
    }

    private static Row staff(String fte) {
        return parse(Source.WORKFORCE_STAFF, STAFF, "2018-12,RAB," + PERSON + ",A1,Central functions,OCC1," + fte);
    }

    private static Object valueK(String text) {
        Row row = parse(Source.FINANCE_RETURNS, FINANCE, "RAB,2018-19,SUB01," + text);
        assertNull(rule(row), text);
        return value(row, Source.FINANCE_RETURNS, "value_k");
    }

    private static void assertRule(Rule expected, Source source, String header, String line) {
        assertEquals(expected == null ? null : expected.name(), rule(parse(source, header, line)), line);
    }

    /** The rule column, second from last; null for a valid row. */
    private static String rule(Row row) {
        return row.getString(row.length() - 2);
    }

    /** A contract column: after the line number and the raw line, in contract order. */
    private static Object value(Row row, Source source, String column) {
        for (int c = 0; c < source.columns().size(); c++) {
            if (source.columns().get(c).name().equals(column)) {
                return row.get(2 + c);
            }
        }
        throw new IllegalArgumentException(column);
    }
}
