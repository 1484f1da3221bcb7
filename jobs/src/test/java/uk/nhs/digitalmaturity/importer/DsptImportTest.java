package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.filesUnder;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.realData;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/** dspt-xlsx on the real 2018-19 DSPT publication (31,970 organisations) and on small workbooks written here. */
class DsptImportTest {
    static final List<String> HEADER = List.of("org_code", "dspt_year", "status", "status_date");

    @TempDir
    static Path landing;
    static CliResult run;
    static List<Map<String, String>> rows;

    @BeforeAll
    static void importRealPublication() throws IOException {
        run = Cli.run("import", "dspt-xlsx", realData(ImportTestSupport.DSPT).toString(), "--landing",
                landing.toString(), "--snapshot", "2019-06-17", "--dspt-year", "2018-19");
        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        rows = readLanding(landing.resolve("cyber/2019-06-17/dspt_status.csv"), HEADER);
    }

    @Test
    void publishedTrustCountsByStatus() {
        // NHS trusts = 3-character codes beginning R or T: 230 rows. These are the published numbers.
        assertEquals(230, rows.size());
        Map<String, Long> byStatus = rows.stream()
                .collect(Collectors.groupingBy(r -> r.get("status"), TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("STANDARDS_MET", 118L, "STANDARDS_EXCEEDED", 9L, "PLAN_AGREED", 92L,
                "STANDARDS_NOT_MET", 8L, "NOT_PUBLISHED", 3L), byStatus);
    }

    @Test
    void datesYearsAndCodes() {
        Map<String, Map<String, String>> byCode = rows.stream()
                .collect(Collectors.toMap(r -> r.get("org_code"), Function.identity()));
        assertEquals(230, byCode.size(), "one row per trust");
        assertTrue(rows.stream().allMatch(r -> r.get("dspt_year").equals("2018-19")));
        // R0A's DateOfPublication is serial 43553 = 2019-03-29 (1900 date system), computed independently by
        // jobs/src/test/resources/importer/independent_check.py (1899-12-30 + 43553 days).
        assertEquals(Map.of("org_code", "R0A", "dspt_year", "2018-19", "status", "PLAN_AGREED",
                "status_date", "2019-03-29"), byCode.get("R0A"));
        // blank status and date -> NOT_PUBLISHED dated with the snapshot date
        assertEquals("NOT_PUBLISHED", byCode.get("RQF").get("status"));
        assertTrue(rows.stream().filter(r -> r.get("status").equals("NOT_PUBLISHED"))
                .allMatch(r -> r.get("status_date").equals("2019-06-17")));
        assertTrue(rows.stream().filter(r -> !r.get("status").equals("NOT_PUBLISHED"))
                .allMatch(r -> r.get("status_date").compareTo("2018-04-01") >= 0
                        && r.get("status_date").compareTo("2019-06-17") <= 0));
        // NHS Digital's own code is not a trust code
        assertTrue(!byCode.containsKey("X26"));
        assertEquals(rows.stream().map(r -> r.get("org_code")).sorted().toList(),
                rows.stream().map(r -> r.get("org_code")).toList(), "rows sorted by org_code");
    }

    @Test
    void summaryLineAccountsForEveryRow() {
        // 31,970 organisations = 230 kept + 31,740 dropped as not trusts
        String out = run.out().trim();
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("230 rows wrote"), out);
        assertTrue(out.contains("dropped 31740 (not an NHS trust code (3 characters beginning R or T): 31740)"), out);
        assertTrue(out.contains("3 rows without a DateOfPublication dated with the snapshot date 2019-06-17"), out);
    }

    @Test
    void trustsFromLandingKeepsTheCodesInTheLatestOrganisationsSnapshot(@TempDir Path land) throws IOException {
        CliResult none = Cli.run("import", "dspt-xlsx", realData(ImportTestSupport.DSPT).toString(),
                "--landing", land.toString(), "--snapshot", "2019-06-17", "--dspt-year", "2018-19",
                "--trusts-from-landing");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, none.exitCode(), none.summary());
        assertTrue(none.err().contains("import the ODS etr file first"), none.err());
        assertEquals(List.of(), filesUnder(land));

        assertEquals(ExitCodes.OK, Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(),
                "--landing", land.toString(), "--snapshot", "2018-09-30").exitCode());
        CliResult r = Cli.run("import", "dspt-xlsx", realData(ImportTestSupport.DSPT).toString(),
                "--landing", land.toString(), "--snapshot", "2019-06-17", "--dspt-year", "2018-19",
                "--trusts-from-landing");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        List<Map<String, String>> kept = readLanding(land.resolve("cyber/2019-06-17/dspt_status.csv"), HEADER);
        // 230 trust rows minus R0B (opened 2019), TAD, TAF, TAH, TAJ, which are not in the September 2018 etr
        assertEquals(225, kept.size());
        assertTrue(kept.stream().noneMatch(k -> List.of("R0B", "TAD", "TAF", "TAH", "TAJ")
                .contains(k.get("org_code"))));
    }

    @Test
    void labelsAreMatchedTrimmedCaseInsensitiveAndWithYearSuffix(@TempDir Path dir) throws IOException {
        Path xlsx = workbook(dir.resolve("dspt.xlsx"), new Object[][] {
                {"RAA", " standards MET ", 43553.0},
                {"RAB", "Standards Exceeded (19-20)", "29/03/2019"},
                {"RAC", "Standards not fully met (plan agreed)", 43500.0},
                {"RAD", "Standards Not Met", 43501.0},
                {"RAE", "Entry Level", 43502.0},
                {"RAF", "Approaching Standards", 43503.0},
                {"RAG", "Interim Submitted", 43504.0},
                {"RAH", "", ""},
                {"A81001", "Standards Met", "CompletedThroughQIO"},
                {"00J", "Entry Level (19-20)", 43505.0}});
        CliResult r = Cli.run("import", "dspt-xlsx", xlsx.toString(), "--landing", dir.toString(),
                "--snapshot", "2019-06-17", "--dspt-year", "2018-19");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        List<Map<String, String>> out = readLanding(dir.resolve("cyber/2019-06-17/dspt_status.csv"), HEADER);
        assertEquals(List.of("RAA STANDARDS_MET 2019-03-29", "RAB STANDARDS_EXCEEDED 2019-03-29",
                        "RAC PLAN_AGREED 2019-02-04", "RAD STANDARDS_NOT_MET 2019-02-05",
                        "RAE ENTRY_LEVEL 2019-02-06", "RAF APPROACHING_STANDARDS 2019-02-07",
                        "RAG INTERIM_SUBMITTED 2019-02-08", "RAH NOT_PUBLISHED 2019-06-17"),
                out.stream().map(x -> x.get("org_code") + " " + x.get("status") + " " + x.get("status_date"))
                        .toList());
        assertTrue(r.out().contains("dropped 2 (not an NHS trust code"), r.out());
    }

    @Test
    void unknownLabelIsRefusedNamingTheLabelAndRow(@TempDir Path dir) throws IOException {
        Path xlsx = workbook(dir.resolve("dspt.xlsx"), new Object[][] {
                {"RAA", "Standards Met", 43553.0},
                {"A81001", "Standards Smashed", 43553.0}});
        Path land = dir.resolve("landing");
        CliResult r = Cli.run("import", "dspt-xlsx", xlsx.toString(), "--landing", land.toString(),
                "--snapshot", "2019-06-17", "--dspt-year", "2018-19");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, r.exitCode(), r.summary());
        // title rows 1-2, blank row 3, header row 4: the second data row is row 6
        assertTrue(r.err().contains(xlsx.toString()) && r.err().contains("row 6")
                && r.err().contains("'Standards Smashed'"), r.err());
        assertEquals(List.of(), filesUnder(land));
    }

    @Test
    void dsptYearIsRequiredAndChecked(@TempDir Path dir) {
        String file = realData(ImportTestSupport.DSPT).toString();
        CliResult missing = Cli.run("import", "dspt-xlsx", file, "--landing", dir.toString(),
                "--snapshot", "2019-06-17");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.summary());
        assertTrue(missing.err().contains("--dspt-year"), missing.err());
        CliResult bad = Cli.run("import", "dspt-xlsx", file, "--landing", dir.toString(),
                "--snapshot", "2019-06-17", "--dspt-year", "2018-20");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.summary());
    }

    /** A DSPT-shaped workbook: two title rows, a blank row, the header on row 4, then the given rows. */
    static Path workbook(Path file, Object[][] data) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("DSPT Organisation Profile Progr");
            sheet.createRow(0).createCell(0).setCellValue("Data Security and Protection Toolkit");
            sheet.createRow(1).createCell(0).setCellValue("Publication status, test fixture");
            Row header = sheet.createRow(3);
            String[] names = {"OrganisationName", "ODSCode", "PublicationStatus", "DateOfPublication",
                    "PrimarySector"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int r = 0; r < data.length; r++) {
                Row row = sheet.createRow(4 + r);
                row.createCell(0).setCellValue("Organisation " + data[r][0]);
                row.createCell(1).setCellValue((String) data[r][0]);
                row.createCell(2).setCellValue((String) data[r][1]);
                if (data[r][2] instanceof Double d) {
                    row.createCell(3).setCellValue(d);
                } else if (!((String) data[r][2]).isEmpty()) {
                    row.createCell(3).setCellValue((String) data[r][2]);
                }
                row.createCell(4).setCellValue("Acute");
            }
            wb.write(out);
        }
        return file;
    }
}
