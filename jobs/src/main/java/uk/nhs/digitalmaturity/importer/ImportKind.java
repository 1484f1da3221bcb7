package uk.nhs.digitalmaturity.importer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.nhs.digitalmaturity.contract.Source;

/**
 * The publications the {@code import} command understands, the landing file each one becomes, and (for refusal
 * messages) what a recognisable file of that kind looks like.
 */
public enum ImportKind {
    ODS_ETR(Source.ORGANISATIONS,
            "an ODS etr file (NHS trusts and trust sites: no header row, 27 comma-separated fields per line; "
                    + "plain .csv, .gz or .zip)"),
    ODS_SUCC(Source.SUCCESSORS,
            "an ODS succ file (successor organisations: no header row, 5 comma-separated fields per line: "
                    + "predecessor code, successor code, reason, effective date YYYYMMDD, indicator; "
                    + "plain .csv, .gz or .zip)"),
    WORKFORCE_XLSX(Source.WORKFORCE_ORG,
            "an NHS Workforce Statistics xlsx workbook (a sheet with a header row holding Month, "
                    + "Organisation code, Staff group and FTE columns)"),
    DEFLATORS_XLSX(Source.DEFLATORS,
            "an HM Treasury GDP deflators xlsx workbook (a 'Financial year' column with a "
                    + "'GDP deflator at market prices' column beside it)"),
    DSPT_XLSX(Source.DSPT_STATUS,
            "a DSPT publication xlsx workbook (a header row holding ODSCode, PublicationStatus and "
                    + "DateOfPublication columns)");

    private final Source source;
    private final String expectation;

    ImportKind(Source source, String expectation) {
        this.source = source;
        this.expectation = expectation;
    }

    /** The name used on the command line: the constant's name in lower case with hyphens, e.g. {@code dspt-xlsx}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The landing file a publication of this kind becomes: its folder, file name and header. */
    public Source source() {
        return source;
    }

    /** What a file of this kind is expected to look like, for refusal messages. */
    public String expectation() {
        return expectation;
    }

    public static Optional<ImportKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName().equalsIgnoreCase(name.trim())).findFirst();
    }

    public static String cliNames() {
        return Arrays.stream(values()).map(ImportKind::cliName).collect(Collectors.joining(", "));
    }
}
