package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Data Security and Protection Toolkit publication xlsx (one row per organisation: OrganisationName, ODSCode,
 * PublicationStatus, DateOfPublication, PrimarySector, …) to {@code cyber/<snapshot>/dspt_status.csv}
 * ({@code org_code, dspt_year, status, status_date}).
 *
 * <ul>
 *   <li>{@code dspt_year} comes from {@code --dspt-year} (the publication does not state it per row).</li>
 *   <li>Status labels are mapped by {@link DsptStatusLabels}; an unknown label anywhere in the file is a refusal
 *   naming the label and the row (the file has changed and the mapping must be reviewed).</li>
 *   <li>DateOfPublication is an Excel serial date (text dates are accepted too). A row with no date gets the
 *   snapshot date: the status as known on the day the extract was received. For a blank status
 *   ({@code NOT_PUBLISHED}) that is the only sensible date; it is counted and reported either way.</li>
 *   <li>NHS trusts only: by default three-character ODS codes beginning R or T; with
 *   {@code --trusts-from-landing}, the codes in the landing zone's latest organisations.csv.</li>
 *   <li>An organisation listed twice keeps its latest-dated row; the others are counted as dropped.</li>
 * </ul>
 */
final class DsptXlsxImporter implements Importer {
    static final int HEADER_SCAN_ROWS = 50;
    static final String NOT_TRUST_CODE = "not an NHS trust code (3 characters beginning R or T)";
    static final String BLANK_CODE = "blank ODS code";
    static final String SUPERSEDED = "duplicate organisation (an earlier-dated row)";

    static final List<HeaderRow.Column> COLUMNS = List.of(
            HeaderRow.Column.required("org_code", "odscode", "organisationcode", "orgcode", "code",
                    "organisationodscode"),
            HeaderRow.Column.required("status", "publicationstatus", "status", "lateststatus", "dsptstatus"),
            HeaderRow.Column.required("status_date", "dateofpublication", "publicationdate", "datepublished",
                    "statusdate", "lateststatusdate", "publisheddate"));

    @Override
    public ImportedTable read(Path file, ImportOptions options) throws IOException {
        ImportKind kind = ImportKind.DSPT_XLSX;
        String dsptYear = options.dsptYear().orElseThrow(() -> new IllegalArgumentException("--dspt-year"));
        LocalDate snapshot = options.snapshot();
        Optional<LandingOrganisations.Codes> landingCodes = options.trustsFromLanding()
                ? Optional.of(LandingOrganisations.latest(options.landing(), snapshot)) : Optional.empty();
        String notInLanding = landingCodes.map(c -> "not in " + c.file()).orElse("");
        DropCounts drops = new DropCounts();
        Map<String, List<String>> byCode = new TreeMap<>();
        long snapshotDated = 0;
        long snapshotDatedPublished = 0;
        Map<String, Long> suffixes = new TreeMap<>();
        String sheetName;
        try (XlsxWorkbook workbook = XlsxWorkbook.open(file, kind)) {
            XlsxWorkbook.Located located = workbook.findHeader(COLUMNS, HEADER_SCAN_ROWS);
            HeaderRow.Match h = located.header();
            sheetName = located.sheet().name();
            int codeCol = h.index("org_code");
            int statusCol = h.index("status");
            int dateCol = h.index("status_date");
            long dataRows = 0;
            for (Optional<XlsxWorkbook.XRow> next = located.sheet().next(); next.isPresent();
                    next = located.sheet().next()) {
                XlsxWorkbook.XRow row = next.get();
                if (row.isBlank()) {
                    drops.add("blank row");
                    continue;
                }
                dataRows++;
                String where = "sheet '" + sheetName + "' row " + row.number();
                String label = row.text(statusCol);
                DsptStatusLabels.Mapped mapped = DsptStatusLabels.map(label).orElseThrow(() -> Refusals.badValue(file,
                        where, "status label '" + label + "' is not one the importer knows (known: "
                                + String.join(", ", DsptStatusLabels.LABELS.keySet())
                                + ", the same with a toolkit-year suffix such as (19-20), or blank)"));
                String code = TrustCodes.normalise(row.text(codeCol));
                if (code.isEmpty()) {
                    drops.add(BLANK_CODE);
                    continue;
                }
                if (landingCodes.isPresent() ? !landingCodes.get().codes().contains(code)
                        : !TrustCodes.isTrustCode(code)) {
                    drops.add(landingCodes.isPresent() ? notInLanding : NOT_TRUST_CODE);
                    continue;
                }
                // dates are read for kept rows only: other bodies carry text such as 'CompletedThroughQIO'
                Optional<LocalDate> date = row.numeric(dateCol)
                        .map(serial -> ExcelDates.fromSerial(serial, workbook.date1904()).orElseThrow(() ->
                                Refusals.badValue(file, where, "DateOfPublication " + serial
                                        + " is not an Excel date")))
                        .or(() -> {
                            String text = row.text(dateCol);
                            if (text.isEmpty()) {
                                return Optional.empty();
                            }
                            return Optional.of(ExcelDates.fromText(text).orElseThrow(() -> Refusals.badValue(file,
                                    where, "DateOfPublication '" + text + "' is not a date")));
                        });
                mapped.yearSuffix().ifPresent(s -> suffixes.merge(s, 1L, Long::sum));
                if (date.isEmpty()) {
                    snapshotDated++;
                    if (mapped.status().returned()) {
                        snapshotDatedPublished++;
                    }
                }
                List<String> out = List.of(code, dsptYear, mapped.status().name(), date.orElse(snapshot).toString());
                List<String> previous = byCode.get(code);
                if (previous != null) {
                    drops.add(SUPERSEDED);
                    if (previous.get(3).compareTo(out.get(3)) > 0) {
                        continue;
                    }
                }
                byCode.put(code, out);
            }
            if (dataRows == 0) {
                throw Refusals.notRecognised(file, kind, "sheet '" + sheetName + "' has a header but no rows");
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("sheet '" + sheetName + "'");
        Map<String, Long> byStatus = new TreeMap<>();
        byCode.values().forEach(r -> byStatus.merge(r.get(2), 1L, Long::sum));
        notes.add("statuses " + byStatus);
        if (snapshotDated > 0) {
            notes.add(snapshotDated + " rows without a DateOfPublication dated with the snapshot date " + snapshot
                    + (snapshotDatedPublished > 0 ? " (" + snapshotDatedPublished + " of them with a published "
                    + "status)" : " (all NOT_PUBLISHED)"));
        }
        if (!suffixes.isEmpty()) {
            notes.add("statuses with a toolkit-year suffix mapped like the plain label " + suffixes);
        }
        landingCodes.ifPresent(c -> notes.add("trusts from " + c.file()));
        return new ImportedTable(kind.source().header(), new ArrayList<>(byCode.values()), drops, notes);
    }
}
