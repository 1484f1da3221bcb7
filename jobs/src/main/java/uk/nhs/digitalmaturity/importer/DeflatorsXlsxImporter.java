package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HM Treasury "GDP deflators at market prices, and money GDP" xlsx to {@code deflators/<snapshot>/
 * gdp_deflators.csv} ({@code fin_year, index}).
 *
 * <ul>
 *   <li>The table is found below its title rows: a cell reading "Financial year" heads the year column, and the
 *   nearest column to its right whose heading (in the rows above the first year) mentions "deflator" is the
 *   index. The calendar-year table beside it and the footnotes below it are ignored.</li>
 *   <li>Years are normalised to {@code YYYY-YY}; footnote markers ({@code 2019-20 (1), (2)}) are removed.</li>
 *   <li>Forecast years whose index is shown as {@code -} or left blank are skipped and counted.</li>
 *   <li>The index keeps the published precision: the value as stored, at Excel's 15 significant digits, without
 *   rounding ({@code 91.932775} for 2013-14, shown in the workbook as 91.93).</li>
 * </ul>
 */
final class DeflatorsXlsxImporter implements Importer {
    static final int HEADER_SCAN_ROWS = 60;
    static final String FORECAST = "forecast year without an index ('-' or blank)";

    @Override
    public ImportedTable read(Path file, ImportOptions options) throws IOException {
        ImportKind kind = ImportKind.DEFLATORS_XLSX;
        DropCounts drops = new DropCounts();
        Map<String, String> byYear = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        List<String> looked = new ArrayList<>();
        try (XlsxWorkbook workbook = XlsxWorkbook.open(file, kind)) {
            for (XlsxWorkbook.SheetCursor sheet : workbook.sheets()) {
                looked.add("'" + sheet.name() + "'");
                if (readSheet(file, kind, sheet, byYear, drops, notes)) {
                    return new ImportedTable(kind.source().header(), rows(byYear), drops, notes);
                }
            }
        }
        throw Refusals.notRecognised(file, kind, "no sheet has a 'Financial year' column with a 'GDP deflator' "
                + "column to its right and financial years below it within its first " + HEADER_SCAN_ROWS
                + " rows (sheets searched: " + String.join(", ", looked) + ")");
    }

    /** True when this sheet held the table (and it was read); false to try the next sheet. */
    private boolean readSheet(Path file, ImportKind kind, XlsxWorkbook.SheetCursor sheet, Map<String, String> byYear,
                              DropCounts drops, List<String> notes) {
        Map<Integer, List<String>> headings = new HashMap<>();
        int yearCol = -1;
        int indexCol = -1;
        Optional<XlsxWorkbook.XRow> next = sheet.next();
        // 1. title and heading rows, down to the first financial year under a "Financial year" heading
        for (int scanned = 0; next.isPresent() && scanned < HEADER_SCAN_ROWS; scanned++, next = sheet.next()) {
            XlsxWorkbook.XRow row = next.get();
            List<String> cells = row.texts();
            if (yearCol >= 0 && FinancialYears.normalise(row.text(yearCol)).isPresent()) {
                indexCol = indexColumn(headings, yearCol, cells.size());
                break;
            }
            for (int c = 0; c < cells.size(); c++) {
                String text = cells.get(c);
                if (text.isEmpty()) {
                    continue;
                }
                headings.computeIfAbsent(c, k -> new ArrayList<>()).add(text);
                if (yearCol < 0 && HeaderRow.normalise(text).equals("financialyear")) {
                    yearCol = c;
                }
            }
        }
        if (yearCol < 0 || indexCol < 0 || next.isEmpty()) {
            return false;
        }
        String base = headings.getOrDefault(indexCol, List.of()).stream()
                .filter(h -> h.contains("= 100") || h.contains("=100")).findFirst().orElse("");
        notes.add("sheet '" + sheet.name() + "', index column '" + String.join(" / ",
                headings.getOrDefault(indexCol, List.of())).replaceAll("\\s+", " ").trim() + "'");
        if (!base.isEmpty()) {
            notes.add("base " + base.trim());
        }
        // 2. the year rows, until the first row that is neither a year nor blank (the footnotes)
        for (; next.isPresent(); next = sheet.next()) {
            XlsxWorkbook.XRow row = next.get();
            String yearText = row.text(yearCol);
            if (yearText.isEmpty() && row.text(indexCol).isEmpty()) {
                continue;
            }
            Optional<String> year = FinancialYears.normalise(yearText);
            if (year.isEmpty()) {
                break;
            }
            String where = "sheet '" + sheet.name() + "' row " + row.number();
            Optional<BigDecimal> index = row.decimal(indexCol);
            if (index.isEmpty()) {
                String shown = row.text(indexCol);
                if (shown.isEmpty() || shown.equals("-") || shown.equals("\u2013") || shown.equals("..")
                        || shown.toLowerCase(Locale.ROOT).equals("n/a")) {
                    drops.add(FORECAST);
                    continue;
                }
                throw Refusals.badValue(file, where, "deflator '" + shown + "' for " + yearText
                        + " is not a number");
            }
            if (index.get().signum() <= 0) {
                throw Refusals.badValue(file, where, "deflator " + index.get().toPlainString() + " for " + yearText
                        + " is not positive");
            }
            String previous = byYear.put(year.get(), Numbers.format(index.get()));
            if (previous != null) {
                throw Refusals.badValue(file, where, "financial year " + year.get() + " appears twice");
            }
        }
        if (byYear.isEmpty()) {
            throw Refusals.notRecognised(file, kind, "sheet '" + sheet.name() + "' has the table headings but no "
                    + "year with a deflator");
        }
        return true;
    }

    /** The nearest column right of the year column whose headings mention "deflator". */
    private static int indexColumn(Map<Integer, List<String>> headings, int yearCol, int width) {
        for (int c = yearCol + 1; c < Math.max(width, yearCol + 10); c++) {
            List<String> h = headings.getOrDefault(c, List.of());
            if (h.stream().anyMatch(t -> HeaderRow.normalise(t).contains("deflator"))) {
                return c;
            }
            if (h.stream().anyMatch(t -> HeaderRow.normalise(t).equals("financialyear")
                    || HeaderRow.normalise(t).equals("calendaryear"))) {
                return -1;
            }
        }
        return -1;
    }

    private static List<List<String>> rows(Map<String, String> byYear) {
        List<List<String>> rows = new ArrayList<>();
        byYear.forEach((year, index) -> rows.add(List.of(year, index)));
        return rows;
    }
}
