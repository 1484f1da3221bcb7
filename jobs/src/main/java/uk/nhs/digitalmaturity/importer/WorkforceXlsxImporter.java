package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NHS Workforce Statistics xlsx (HCHS staff by organisation and staff group, with further breakdowns such as
 * nationality) to {@code workforce/<snapshot>/workforce_org.csv} ({@code period, org_code, staff_group, fte}).
 *
 * <ul>
 *   <li>The data sheet is the first sheet with a header row naming Month (or Period / Date), Organisation code,
 *   Staff group and FTE within its first 50 rows; title rows and notes sheets are passed over.</li>
 *   <li>Months {@code 2018-JUN} (also {@code JUN-2018}, {@code June 2018}, {@code 2018-06}, or a date) become
 *   {@code 2018-06}.</li>
 *   <li>Every other column (nationality, organisation name, …) is a breakdown the contract does not keep: FTE is
 *   summed over it to one row per (period, org_code, staff_group).</li>
 *   <li>Trusts only: by the Organisation type column when the sheet has one (a type naming a trust, or one of the
 *   provider clusters Acute, Mental Health, Community, Ambulance, Specialist), otherwise by the code: three
 *   characters beginning R or T. CCGs and other bodies are dropped and counted.</li>
 *   <li>Disclosure control: an FTE cell that is blank or a suppression marker ({@code *}, {@code -},
 *   {@code ..}, {@code c}, {@code x}, {@code :}) contributes nothing to the sum (it is not read as zero) and is
 *   counted per marker. Any other non-numeric FTE is a refusal.</li>
 *   <li>Rows whose staff group or breakdown is a total ({@code Total}, {@code All staff groups}, …) are dropped so
 *   that nothing is counted twice.</li>
 * </ul>
 */
final class WorkforceXlsxImporter implements Importer {
    static final int HEADER_SCAN_ROWS = 50;
    static final String NOT_TRUST_CODE = "not an NHS trust code (CCGs and other bodies)";
    static final String PERIOD_NOT_REQUESTED = "period not requested (--period)";
    static final String TOTAL_ROW = "total row (would count staff twice)";
    static final String BLANK_ROW = "blank row";
    static final String FOOTNOTE_ROW = "footnote row below the table";
    static final Set<String> SUPPRESSION_MARKERS = Set.of("*", "-", "..", "c", "x", ":", "[c]", "[x]", "[z]");
    static final Set<String> TOTAL_LABELS = Set.of("total", "alltotal", "grandtotal", "allstaffgroups",
            "allstaff", "all", "allnationalities", "totalfte");
    static final Set<String> TRUST_CLUSTERS = Set.of("acute", "mentalhealth", "community", "communityprovider",
            "ambulance", "specialist", "acuteteaching", "acutelarge", "acutemedium", "acutesmall",
            "acutespecialist", "acutemulti", "acutemultiservice", "mentalhealthandlearningdisability");

    static final List<HeaderRow.Column> COLUMNS = List.of(
            HeaderRow.Column.required("period", "month", "period", "date", "reportingperiod", "monthyear"),
            HeaderRow.Column.required("org_code", "organisationcode", "orgcode", "odscode", "organisationodscode",
                    "trustcode", "orgcodeods"),
            HeaderRow.Column.required("staff_group", "staffgroup", "mainstaffgroup", "staffgroup1"),
            HeaderRow.Column.required("fte", "fte", "fulltimeequivalent", "ftes", "totalfte"),
            HeaderRow.Column.optional("org_name", "organisationname", "orgname", "name"),
            HeaderRow.Column.optional("org_type", "organisationtype", "orgtype", "clustergroup", "cluster",
                    "benchmarkgroup"));

    private record Key(String period, String orgCode, String staffGroup) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = period.compareTo(o.period);
            if (c == 0) {
                c = orgCode.compareTo(o.orgCode);
            }
            return c != 0 ? c : staffGroup.compareTo(o.staffGroup);
        }
    }

    @Override
    public ImportedTable read(Path file, ImportOptions options) throws IOException {
        ImportKind kind = ImportKind.WORKFORCE_XLSX;
        Optional<String> wantedPeriod = options.period();
        DropCounts drops = new DropCounts();
        Map<Key, BigDecimal> fte = new TreeMap<>();
        Map<String, Long> suppressed = new TreeMap<>();
        Set<String> periodsSeen = new TreeSet<>();
        long rowsRead = 0;
        String sheetName;
        Map<Integer, String> breakdowns;
        try (XlsxWorkbook workbook = XlsxWorkbook.open(file, kind)) {
            XlsxWorkbook.Located located = workbook.findHeader(COLUMNS, HEADER_SCAN_ROWS);
            HeaderRow.Match h = located.header();
            sheetName = located.sheet().name();
            breakdowns = new TreeMap<>(h.others());
            breakdowns.remove(h.index("org_name"));
            int periodCol = h.index("period");
            int codeCol = h.index("org_code");
            int groupCol = h.index("staff_group");
            int fteCol = h.index("fte");
            int typeCol = h.index("org_type");
            boolean footer = false;
            for (Optional<XlsxWorkbook.XRow> next = located.sheet().next(); next.isPresent();
                    next = located.sheet().next()) {
                XlsxWorkbook.XRow row = next.get();
                rowsRead++;
                if (row.isBlank()) {
                    drops.add(BLANK_ROW);
                    continue;
                }
                String periodText = row.text(periodCol);
                String code = TrustCodes.normalise(row.text(codeCol));
                String group = row.text(groupCol);
                if (footer || (code.isEmpty() && group.isEmpty() && row.text(fteCol).isEmpty())) {
                    // a note under the table: text in the first cells only; once seen, the table has ended
                    footer = true;
                    drops.add(FOOTNOTE_ROW);
                    continue;
                }
                Optional<String> period = row.numeric(periodCol)
                        .flatMap(serial -> ExcelDates.fromSerial(serial, workbook.date1904()).map(Months::of))
                        .or(() -> Months.normalise(periodText));
                if (period.isEmpty()) {
                    throw Refusals.badValue(file, "sheet '" + sheetName + "' row " + row.number(),
                            "month '" + periodText + "' is not a month (expected e.g. 2018-JUN)");
                }
                periodsSeen.add(period.get());
                if (wantedPeriod.isPresent() && !wantedPeriod.get().equals(period.get())) {
                    drops.add(PERIOD_NOT_REQUESTED);
                    continue;
                }
                if (typeCol >= 0) {
                    String type = row.text(typeCol);
                    if (!isTrustType(type)) {
                        drops.add("organisation type '" + type + "' is not a trust");
                        continue;
                    }
                    if (code.isEmpty()) {
                        throw Refusals.badValue(file, "sheet '" + sheetName + "' row " + row.number(),
                                "organisation code is blank");
                    }
                } else if (!TrustCodes.isTrustCode(code)) {
                    drops.add(NOT_TRUST_CODE);
                    continue;
                }
                if (group.isEmpty()) {
                    throw Refusals.badValue(file, "sheet '" + sheetName + "' row " + row.number(),
                            "staff group is blank");
                }
                if (isTotal(group) || breakdowns.keySet().stream().anyMatch(c -> isTotal(row.text(c)))) {
                    drops.add(TOTAL_ROW);
                    continue;
                }
                Optional<BigDecimal> value = row.decimal(fteCol);
                if (value.isEmpty()) {
                    String marker = row.text(fteCol);
                    if (marker.isEmpty() || SUPPRESSION_MARKERS.contains(marker.toLowerCase(Locale.ROOT))) {
                        String reason = marker.isEmpty() ? "FTE blank (disclosure control)"
                                : "FTE suppressed '" + marker + "' (disclosure control)";
                        drops.add(reason);
                        suppressed.merge(reason, 1L, Long::sum);
                        continue;
                    }
                    throw Refusals.badValue(file, "sheet '" + sheetName + "' row " + row.number(),
                            "FTE '" + marker + "' is neither a number nor a disclosure-control marker");
                }
                if (value.get().signum() < 0) {
                    throw Refusals.badValue(file, "sheet '" + sheetName + "' row " + row.number(),
                            "FTE " + value.get().toPlainString() + " is negative");
                }
                fte.merge(new Key(period.get(), code, group), value.get(), BigDecimal::add);
            }
        }
        if (rowsRead == 0 || (fte.isEmpty() && drops.total() == drops.count(BLANK_ROW) + drops.count(FOOTNOTE_ROW))) {
            throw Refusals.notRecognised(file, kind, "sheet '" + sheetName + "' has a header but no data rows");
        }
        List<List<String>> rows = new ArrayList<>();
        Set<String> trusts = new TreeSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<Key, BigDecimal> e : fte.entrySet()) {
            Key k = e.getKey();
            rows.add(List.of(k.period(), k.orgCode(), k.staffGroup(), Numbers.format(e.getValue())));
            trusts.add(k.period() + "/" + k.orgCode());
            total = total.add(e.getValue());
        }
        List<String> notes = new ArrayList<>();
        notes.add("sheet '" + sheetName + "'");
        if (!breakdowns.isEmpty()) {
            notes.add("FTE summed over " + String.join(", ", breakdowns.values()));
        }
        notes.add("periods in file " + periodsSeen);
        Map<String, Long> trustsPerPeriod = new TreeMap<>();
        trusts.forEach(t -> trustsPerPeriod.merge(t.substring(0, t.indexOf('/')), 1L, Long::sum));
        notes.add("trusts per period " + trustsPerPeriod);
        notes.add("total FTE " + Numbers.format(total));
        if (!suppressed.isEmpty()) {
            notes.add("suppressed or blank FTE cells left out of the sums: " + suppressed);
        }
        if (wantedPeriod.isPresent() && !periodsSeen.contains(wantedPeriod.get())) {
            throw Refusals.badValue(file, "sheet '" + sheetName + "'", "--period " + wantedPeriod.get()
                    + " is not in the file (periods: " + periodsSeen + ")");
        }
        return new ImportedTable(kind.source().header(), rows, drops, notes);
    }

    static boolean isTrustType(String type) {
        String t = HeaderRow.normalise(type);
        if (t.contains("ccg") || t.contains("commissioning")) {
            return false;
        }
        return t.contains("trust") || TRUST_CLUSTERS.contains(t);
    }

    static boolean isTotal(String value) {
        return TOTAL_LABELS.contains(HeaderRow.normalise(value));
    }
}
