package uk.nhs.digitalmaturity.importer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The publications the {@code import} command understands, the landing file each one becomes, and (for refusal
 * messages) what a recognisable file of that kind looks like.
 */
public enum ImportKind {
    ODS_ETR("ods-etr", "organisations", "organisations.csv",
            List.of("org_code", "org_name", "org_type", "sector", "region_code", "open_date", "close_date"),
            "an ODS etr file (NHS trusts and trust sites: no header row, 27 comma-separated fields per line; "
                    + "plain .csv, .gz or .zip)"),
    ODS_SUCC("ods-succ", "organisations", "successors.csv",
            List.of("predecessor_code", "successor_code", "effective_date"),
            "an ODS succ file (successor organisations: no header row, 5 comma-separated fields per line: "
                    + "predecessor code, successor code, reason, effective date YYYYMMDD, indicator; "
                    + "plain .csv, .gz or .zip)"),
    WORKFORCE_XLSX("workforce-xlsx", "workforce", "workforce_org.csv",
            List.of("period", "org_code", "staff_group", "fte"),
            "an NHS Workforce Statistics xlsx workbook (a sheet with a header row holding Month, "
                    + "Organisation code, Staff group and FTE columns)"),
    DEFLATORS_XLSX("deflators-xlsx", "deflators", "gdp_deflators.csv",
            List.of("fin_year", "index"),
            "an HM Treasury GDP deflators xlsx workbook (a 'Financial year' column with a "
                    + "'GDP deflator at market prices' column beside it)"),
    DSPT_XLSX("dspt-xlsx", "cyber", "dspt_status.csv",
            List.of("org_code", "dspt_year", "status", "status_date"),
            "a DSPT publication xlsx workbook (a header row holding ODSCode, PublicationStatus and "
                    + "DateOfPublication columns)");

    private final String cliName;
    private final String source;
    private final String fileName;
    private final List<String> header;
    private final String expectation;

    ImportKind(String cliName, String source, String fileName, List<String> header, String expectation) {
        this.cliName = cliName;
        this.source = source;
        this.fileName = fileName;
        this.header = header;
        this.expectation = expectation;
    }

    /** The name used on the command line, e.g. {@code dspt-xlsx}. */
    public String cliName() {
        return cliName;
    }

    /** The landing-zone source folder, e.g. {@code cyber}. */
    public String source() {
        return source;
    }

    /** The landing file name, e.g. {@code dspt_status.csv}. */
    public String fileName() {
        return fileName;
    }

    /** The columns of the landing file, in order. */
    public List<String> header() {
        return header;
    }

    /** What a file of this kind is expected to look like, for refusal messages. */
    public String expectation() {
        return expectation;
    }

    public static Optional<ImportKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equalsIgnoreCase(name.trim())).findFirst();
    }

    public static String cliNames() {
        return Arrays.stream(values()).map(ImportKind::cliName).collect(Collectors.joining(", "));
    }
}
