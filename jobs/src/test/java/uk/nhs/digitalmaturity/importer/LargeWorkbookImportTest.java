package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/**
 * A 30,000-row workforce workbook, written here with POI's streaming SXSSFWorkbook, imports correctly; and it
 * imports in a separate JVM limited to a 64 MB heap, which a workbook loaded whole into memory (POI's
 * XSSFWorkbook, roughly a kilobyte per cell) would not fit. No timing assertions.
 */
class LargeWorkbookImportTest {
    static final int TRUSTS = 120;
    static final int CCGS = 30;
    static final int GROUPS = 10;
    static final int NATIONALITIES = 20;
    static final int ROWS = (TRUSTS + CCGS) * GROUPS * NATIONALITIES;

    @TempDir
    static Path dir;
    static Path workbook;
    /** Expected FTE per "org_code|staff_group" (trusts only), summed exactly. */
    static final Map<String, BigDecimal> expected = new TreeMap<>();
    static BigDecimal expectedTotal = BigDecimal.ZERO;

    @BeforeAll
    static void writeWorkbook() throws IOException {
        assertEquals(30_000, ROWS);
        workbook = dir.resolve("large-workforce.xlsx");
        Random random = new Random(20180630L);
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        try (OutputStream out = Files.newOutputStream(workbook)) {
            Sheet notes = wb.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("Generated test workbook: NHS Workforce Statistics shape");
            Sheet data = wb.createSheet("Data");
            data.createRow(0).createCell(0).setCellValue("HCHS staff by organisation, staff group and nationality");
            data.createRow(1).createCell(0).setCellValue("Full time equivalent, June 2018");
            Row header = data.createRow(3);
            String[] names = {"Month", "Organisation code", "Organisation name", "Staff group", "Nationality", "FTE"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            int r = 4;
            for (int o = 0; o < TRUSTS + CCGS; o++) {
                boolean trust = o < TRUSTS;
                String suffix = String.format("%2s", Integer.toString(o, 36).toUpperCase()).replace(' ', '0');
                String code = trust ? "R" + suffix : "0" + suffix; // trusts R00..R3B; CCG-like codes 03C..045
                for (int g = 0; g < GROUPS; g++) {
                    String group = "Staff group " + g;
                    for (int n = 0; n < NATIONALITIES; n++) {
                        BigDecimal fte = BigDecimal.valueOf(random.nextInt(5_000_000), 5); // 0 .. 49.99999
                        Row row = data.createRow(r++);
                        row.createCell(0).setCellValue("2018-JUN");
                        row.createCell(1).setCellValue(code);
                        row.createCell(2).setCellValue(trust ? "Trust " + code : "NHS " + code + " CCG");
                        row.createCell(3).setCellValue(group);
                        row.createCell(4).setCellValue("Nationality " + n);
                        row.createCell(5).setCellValue(fte.doubleValue());
                        if (trust) {
                            expected.merge(code + "|" + group, fte, BigDecimal::add);
                            expectedTotal = expectedTotal.add(fte);
                        }
                    }
                }
            }
            wb.write(out);
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    @Test
    void importsThirtyThousandRowsWithExactTotals() throws IOException {
        Path landing = dir.resolve("landing-in-process");
        CliResult r = Cli.run("import", "workforce-xlsx", workbook.toString(), "--landing",
                landing.toString(), "--snapshot", "2018-09-27");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        List<Map<String, String>> rows = readLanding(landing.resolve("workforce/2018-09-27/workforce_org.csv"),
                List.of("period", "org_code", "staff_group", "fte"));
        assertEquals(TRUSTS * GROUPS, rows.size());
        Map<String, BigDecimal> actual = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, String> row : rows) {
            assertEquals("2018-06", row.get("period"));
            BigDecimal fte = new BigDecimal(row.get("fte"));
            actual.put(row.get("org_code") + "|" + row.get("staff_group"), fte);
            total = total.add(fte);
        }
        assertEquals(0, expectedTotal.compareTo(total), "total FTE");
        for (Map.Entry<String, BigDecimal> e : expected.entrySet()) {
            assertEquals(0, e.getValue().compareTo(actual.get(e.getKey())), e.getKey());
        }
        assertTrue(r.out().contains("dropped " + CCGS * GROUPS * NATIONALITIES), r.out());
    }

    @Test
    void importsWithinA64MegabyteHeap() throws Exception {
        Path landing = dir.resolve("landing-small-heap");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "uk.nhs.digitalmaturity.cli.NhsDigital",
                "import", "workforce-xlsx", workbook.toString(), "--landing", landing.toString(),
                "--snapshot", "2018-09-27"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertTrue(finished, "the child JVM did not finish: " + log);
        assertEquals(ExitCodes.OK, process.exitValue(), log);
        assertTrue(log.contains((TRUSTS * GROUPS) + " rows wrote"), log);
        // the same bytes as the in-process import
        Path inProcess = dir.resolve("landing-reference");
        assertEquals(ExitCodes.OK, Cli.run("import", "workforce-xlsx", workbook.toString(), "--landing",
                inProcess.toString(), "--snapshot", "2018-09-27").exitCode());
        assertArrayEquals(Files.readAllBytes(inProcess.resolve("workforce/2018-09-27/workforce_org.csv")),
                Files.readAllBytes(landing.resolve("workforce/2018-09-27/workforce_org.csv")));
    }
}
