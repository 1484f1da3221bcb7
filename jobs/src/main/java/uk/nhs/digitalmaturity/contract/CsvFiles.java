package uk.nhs.digitalmaturity.contract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;

/**
 * How the project writes every CSV file, landing files and the publication pack alike: RFC 4180 (fields quoted
 * only when they must be), UTF-8 without a byte-order mark, LF record separators. The extract contract reads CRLF
 * too, but one fixed form is what makes a regenerated sample or a re-run publication the same bytes, and so the
 * same checksums, as the last one.
 */
public final class CsvFiles {
    /** RFC 4180 with LF, not RFC 4180's CRLF, between records. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    /** UTF-8; Java's encoder writes no byte-order mark. */
    public static final Charset CHARSET = StandardCharsets.UTF_8;

    private CsvFiles() {
    }
}
