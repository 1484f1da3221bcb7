package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.filesUnder;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.realData;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/**
 * workforce-xlsx on the real NHS Workforce Statistics workbook (sheet 'Data', 81,603 rows: September 2017 and
 * June 2018, FTE by organisation, staff group and nationality, CCGs included) and on a small workbook with the
 * awkward parts the real one lacks (organisation type column, suppressed cells, total rows, footnotes).
 */
class WorkforceImportTest {
    static final List<String> HEADER = List.of("period", "org_code", "staff_group", "fte");

    @TempDir
    static Path landing;
    static CliResult all;
    static CliResult june;
    static List<Map<String, String>> allRows;
    static List<Map<String, String>> juneRows;

    @BeforeAll
    static void importRealWorkbook() throws IOException {
        String file = realData(ImportTestSupport.WORKFORCE).toString();
        all = Cli.run("import", "workforce-xlsx", file, "--landing", landing.toString(), "--snapshot", "2018-09-27");
        assertEquals(ExitCodes.OK, all.exitCode(), all.summary());
        allRows = readLanding(landing.resolve("workforce/2018-09-27/workforce_org.csv"), HEADER);
        june = Cli.run("import", "workforce-xlsx", file, "--landing", landing.toString(), "--snapshot", "2018-09-28",
                "--period", "2018-06");
        assertEquals(ExitCodes.OK, june.exitCode(), june.summary());
        juneRows = readLanding(landing.resolve("workforce/2018-09-28/workforce_org.csv"), HEADER);
    }

    static BigDecimal total(List<Map<String, String>> rows, String period) {
        return rows.stream().filter(r -> r.get("period").equals(period))
                .map(r -> new BigDecimal(r.get("fte"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static long trusts(List<Map<String, String>> rows, String period) {
        return rows.stream().filter(r -> r.get("period").equals(period)).map(r -> r.get("org_code")).distinct()
                .count();
    }

    @Test
    void june2018TrustTotalsMatchAnIndependentSum() {
        // Computed independently by jobs/src/test/resources/importer/independent_check.py: a Python
        // standard-library pass (zipfile + xml.etree) over xl/worksheets/sheet2.xml and sharedStrings.xml,
        // summing Decimal(repr(float(FTE))) over rows with Month = 2018-JUN and a 3-character organisation
        // code beginning R or T. Result: 1043913.01236 FTE in 229 trusts, 2523 (trust, staff group) pairs.
        assertEquals(0, new BigDecimal("1043913.01236").compareTo(total(juneRows, "2018-06")),
                "June 2018 trust FTE " + total(juneRows, "2018-06"));
        assertEquals(229, trusts(juneRows, "2018-06"));
        assertEquals(2523, juneRows.size());
        assertTrue(juneRows.stream().allMatch(r -> r.get("period").equals("2018-06")));
        // same script: RGT HCHS doctors, 59 nationality rows summed
        assertTrue(juneRows.contains(Map.of("period", "2018-06", "org_code", "RGT", "staff_group", "HCHS doctors",
                "fte", "1289.38109")));
    }

    @Test
    void bothMonthsWithoutThePeriodFilter() {
        // independent_check.py: September 2017 1035978.93767 FTE in 233 trusts, 2544 pairs
        assertEquals(Set.of("2017-09", "2018-06"), allRows.stream().map(r -> r.get("period"))
                .collect(Collectors.toSet()), "2017-SEP and 2018-JUN become 2017-09 and 2018-06");
        assertEquals(0, new BigDecimal("1035978.93767").compareTo(total(allRows, "2017-09")));
        assertEquals(233, trusts(allRows, "2017-09"));
        assertEquals(0, new BigDecimal("1043913.01236").compareTo(total(allRows, "2018-06")));
        assertEquals(2544 + 2523, allRows.size());
        assertEquals(allRows.stream().map(r -> r.get("period") + "|" + r.get("org_code") + "|" + r.get("staff_group"))
                        .sorted().toList(),
                allRows.stream().map(r -> r.get("period") + "|" + r.get("org_code") + "|" + r.get("staff_group"))
                        .toList(), "stable sort by period, org_code, staff_group");
        assertTrue(allRows.stream().allMatch(r -> TrustCodes.isTrustCode(r.get("org_code"))));
    }

    @Test
    void droppedRowsAreCountedPerReason() {
        // 81,603 rows: 4,439 CCG rows (2,225 of them in June 2018); 40,511 September 2017 rows with --period
        assertTrue(all.out().contains("dropped 4439 (not an NHS trust code (CCGs and other bodies): 4439)"), all.out());
        assertTrue(june.out().contains("dropped 42736 (not an NHS trust code (CCGs and other bodies): 2225; "
                + "period not requested (--period): 40511)"), june.out());
        assertTrue(all.out().contains("FTE summed over Nationality"), all.out());
    }

    @Test
    void monthForms() {
        assertEquals("2018-06", Months.normalise("2018-JUN").orElseThrow());
        assertEquals("2017-09", Months.normalise("2017-SEP").orElseThrow());
        assertEquals("2017-09", Months.normalise("Sept 2017").orElseThrow());
        assertEquals("2018-06", Months.normalise("JUN-2018").orElseThrow());
        assertEquals("2018-06", Months.normalise("June 2018").orElseThrow());
        assertEquals("2018-06", Months.normalise("30/06/2018").orElseThrow());
        assertTrue(Months.normalise("2018-JUX").isEmpty());
        assertTrue(Months.normalise("2018-13").isEmpty());
    }

    @Test
    void typeColumnSuppressionTotalsAndFootnotes(@TempDir Path dir) throws IOException {
        Path xlsx = dir.resolve("workforce.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet notes = wb.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("NHS Workforce Statistics - test fixture");
            Sheet data = wb.createSheet("Table 3");
            data.createRow(0).createCell(0).setCellValue("Staff by organisation");
            data.createRow(1).createCell(0).setCellValue("Full time equivalent");
            Row h = data.createRow(3);
            String[] names = {"Period", "Organisation type", "Org code", "Organisation name", "Staff group",
                    "Nationality", "FTE"};
            for (int i = 0; i < names.length; i++) {
                h.createCell(i).setCellValue(names[i]);
            }
            double june30 = org.apache.poi.ss.usermodel.DateUtil.getExcelDate(LocalDate.of(2018, 6, 30));
            Object[][] rows = {
                    {june30, "Acute", "RAA", "HCHS doctors", "British", 10.5},
                    {june30, "Acute", "RAA", "HCHS doctors", "Irish", 0.25},
                    {june30, "Acute", "RAA", "HCHS doctors", "Polish", "*"},
                    {june30, "Acute", "RAA", "HCHS doctors", "Total", 11.0},
                    {june30, "Acute", "RAA", "Total", "British", 30.0},
                    {june30, "Mental Health", "RAB", "Nurses & health visitors", "British", 7.0},
                    {june30, "Mental Health", "RAB", "Nurses & health visitors", "Unknown", ""},
                    {june30, "Community Provider Trust", "RAC", "Central functions", "British", "1.5"},
                    {june30, "Clinical Commissioning Group", "00J", "Central functions", "British", 4.0},
                    {june30, "Support Organisation", "X26", "Central functions", "British", 3.0}};
            for (int r = 0; r < rows.length; r++) {
                Row row = data.createRow(4 + r);
                for (int c = 0; c < 6; c++) {
                    int col = c < 3 ? c : c + 1;
                    Object v = rows[r][c];
                    Cell cell = row.createCell(col);
                    if (v instanceof Double d) {
                        cell.setCellValue(d);
                    } else if (!((String) v).isEmpty()) {
                        cell.setCellValue((String) v);
                    } else {
                        cell.setBlank();
                    }
                }
                row.createCell(3).setCellValue("Organisation " + rows[r][2]);
            }
            data.createRow(16).createCell(0).setCellValue("Source: test fixture. * = suppressed.");
            wb.write(out);
        }
        CliResult r = Cli.run("import", "workforce-xlsx", xlsx.toString(), "--landing",
                dir.toString(), "--snapshot", "2018-09-27");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        Map<String, String> fte = new TreeMap<>();
        readLanding(dir.resolve("workforce/2018-09-27/workforce_org.csv"), HEADER)
                .forEach(x -> fte.put(x.get("period") + " " + x.get("org_code") + " " + x.get("staff_group"),
                        x.get("fte")));
        assertEquals(Map.of("2018-06 RAA HCHS doctors", "10.75", "2018-06 RAB Nurses & health visitors", "7",
                "2018-06 RAC Central functions", "1.5"), fte);
        assertTrue(r.out().contains("FTE blank (disclosure control): 1"), r.out());
        assertTrue(r.out().contains("FTE suppressed '*' (disclosure control): 1"), r.out());
        assertTrue(r.out().contains("total row (would count staff twice): 2"), r.out());
        assertTrue(r.out().contains("organisation type 'Clinical Commissioning Group' is not a trust: 1"), r.out());
        assertTrue(r.out().contains("organisation type 'Support Organisation' is not a trust: 1"), r.out());
        assertTrue(r.out().contains("footnote row below the table: 1"), r.out());
        assertTrue(r.out().contains("sheet 'Table 3'"), r.out());
    }

    @Test
    void unreadableFteIsRefused(@TempDir Path dir) throws IOException {
        Path xlsx = dir.resolve("workforce.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet data = wb.createSheet("Data");
            String[][] rows = {{"Month", "Organisation code", "Staff group", "FTE"},
                    {"2018-JUN", "RAA", "HCHS doctors", "ten"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = data.createRow(r);
                for (int c = 0; c < 4; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
        }
        Path land = dir.resolve("landing");
        CliResult r = Cli.run("import", "workforce-xlsx", xlsx.toString(), "--landing", land.toString(),
                "--snapshot", "2018-09-27");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, r.exitCode(), r.summary());
        assertTrue(r.err().contains("sheet 'Data' row 2: FTE 'ten' is neither a number nor a disclosure-control marker"),
                r.err());
        assertEquals(List.of(), filesUnder(land));
    }
}
