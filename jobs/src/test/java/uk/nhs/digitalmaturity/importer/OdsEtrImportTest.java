package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.filesUnder;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.realData;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/** ods-etr on the real September 2018 ODS etr file (234 trusts, 29,721 trust sites). */
class OdsEtrImportTest {
    static final List<String> HEADER = List.of("org_code", "org_name", "org_type", "sector", "region_code",
            "open_date", "close_date");

    @TempDir
    static Path landing;
    static CliResult run;
    static Map<String, Map<String, String>> byCode;
    static Path output;

    @BeforeAll
    static void importRealFile() throws IOException {
        run = Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(), "--landing", landing.toString(),
                "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        output = landing.resolve("organisations/2018-09-30/organisations.csv");
        byCode = readLanding(output, HEADER).stream()
                .collect(Collectors.toMap(r -> r.get("org_code"), Function.identity()));
    }

    @Test
    void trustLevelCodesOnly() {
        assertEquals(234, byCode.size());
        assertTrue(byCode.keySet().stream().allMatch(c -> c.matches("R[A-Z0-9]{2}")));
        assertTrue(run.out().contains("dropped 29721 (trust site (5-character code): 29721)"), run.out());
    }

    @Test
    void fieldsMapped() {
        assertEquals(Map.of("org_code", "R0A", "org_name", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST",
                "org_type", "FOUNDATION_TRUST", "sector", "UNKNOWN", "region_code", "Y54",
                "open_date", "2017-10-01", "close_date", ""), byCode.get("R0A"));
        // closed on 30 June 2018 (merged into East Suffolk and North Essex NHS Foundation Trust)
        assertEquals("2018-06-30", byCode.get("RGQ").get("close_date"));
        assertEquals("NHS_TRUST", byCode.get("RGQ").get("org_type"));
        assertEquals(151, byCode.values().stream().filter(r -> r.get("org_type").equals("FOUNDATION_TRUST")).count());
        assertEquals(5, byCode.values().stream().filter(r -> !r.get("close_date").isEmpty()).count());
        // national grouping: NHS England regions Y54, Y55, Y56, Y58, Y59, and W00 for the 3 Welsh trusts
        assertEquals(Map.of("Y54", 71L, "Y55", 70L, "Y56", 35L, "Y58", 25L, "Y59", 30L, "W00", 3L),
                byCode.values().stream().collect(Collectors.groupingBy(r -> r.get("region_code"),
                        Collectors.counting())));
    }

    @Test
    void sectorMap(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("sectors.csv");
        Files.writeString(map, "\uFEFFORG_CODE,Sector\nR0A,acute\nRX9,Ambulance\nZZZ,COMMUNITY\n");
        CliResult r = Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(),
                "--landing", dir.toString(), "--snapshot", "2018-09-30", "--sector-map", map.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        Map<String, Map<String, String>> rows = readLanding(dir.resolve("organisations/2018-09-30/organisations.csv"),
                HEADER).stream().collect(Collectors.toMap(x -> x.get("org_code"), Function.identity()));
        assertEquals("ACUTE", rows.get("R0A").get("sector"));
        assertEquals("AMBULANCE", rows.get("RX9").get("sector"));
        assertEquals("UNKNOWN", rows.get("RGT").get("sector"));
        assertTrue(r.out().contains("1 sector-map codes are not trusts in the file(s)"), r.out());

        Files.writeString(map, "org_code,sector\nR0A,HOSPITAL\n");
        CliResult bad = Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(),
                "--landing", dir.resolve("other").toString(), "--snapshot", "2018-09-30", "--sector-map",
                map.toString());
        assertEquals(ExitCodes.CONTRACT_VIOLATION, bad.exitCode(), bad.summary());
        assertTrue(bad.err().contains("'HOSPITAL'"), bad.err());
        assertEquals(List.of(), filesUnder(dir.resolve("other")));
    }

    @Test
    void plainCsvAndZipGiveTheSameFile(@TempDir Path dir) throws IOException {
        byte[] csv;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(realData(ImportTestSupport.ETR)))) {
            csv = in.readAllBytes();
        }
        Path plain = Files.write(dir.resolve("etr.csv"), csv);
        Path zip = dir.resolve("etr.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("etr.csv"));
            z.write(csv);
            z.closeEntry();
        }
        byte[] expected = Files.readAllBytes(output);
        for (Path input : List.of(plain, zip)) {
            Path land = dir.resolve("landing-" + input.getFileName());
            CliResult r = Cli.run("import", "ods-etr", input.toString(), "--landing", land.toString(),
                    "--snapshot", "2018-09-30");
            assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
            assertArrayEquals(expected, Files.readAllBytes(land.resolve("organisations/2018-09-30/organisations.csv")),
                    "output from " + input.getFileName());
        }
    }

    /**
     * ODS lists the former care trusts (TAD, TAF, TAH, TAJ: NHS foundation trusts that appear in the workforce and
     * DSPT publications) in its care-trust file {@code ect}, same 27-field layout, not in {@code etr}. Fixture in
     * that layout: codes and names are real, the other values are illustrative.
     */
    @Test
    void etrWithTheCareTrustFile(@TempDir Path dir) throws IOException {
        String ect = String.join("\r\n",
                ectLine("TAD", "BRADFORD DISTRICT CARE NHS FOUNDATION TRUST", "Y54"),
                ectLine("TAD01", "NEW MILL", "Y54"),
                ectLine("TAF", "CAMDEN AND ISLINGTON NHS FOUNDATION TRUST", "Y56"),
                ectLine("TAH", "SHEFFIELD HEALTH & SOCIAL CARE NHS FOUNDATION TRUST", "Y54"),
                ectLine("TAJ", "BLACK COUNTRY PARTNERSHIP NHS FOUNDATION TRUST", "Y55")) + "\r\n";
        Path ectFile = Files.writeString(dir.resolve("ect.csv"), ect);
        Path land = dir.resolve("landing");
        CliResult r = Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(),
                ectFile.toString(), "--landing", land.toString(), "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        assertTrue(r.out().contains("import ods-etr etrust_2018-09.csv.gz, ect.csv: 238 rows"), r.out());
        assertTrue(r.out().contains("trusts per file {etrust_2018-09.csv.gz=234, ect.csv=4}"), r.out());
        Map<String, Map<String, String>> rows = readLanding(land.resolve("organisations/2018-09-30/organisations.csv"),
                HEADER).stream().collect(Collectors.toMap(x -> x.get("org_code"), Function.identity()));
        assertEquals(238, rows.size());
        assertEquals("FOUNDATION_TRUST", rows.get("TAJ").get("org_type"));

        // the same code in both files is refused
        Path clash = Files.writeString(dir.resolve("clash.csv"), ectLine("R0A", "CLASH NHS TRUST", "Y54") + "\r\n");
        CliResult refused = Cli.run("import", "ods-etr", realData(ImportTestSupport.ETR).toString(),
                clash.toString(), "--landing", dir.resolve("other").toString(), "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, refused.exitCode(), refused.summary());
        assertTrue(refused.err().contains("organisation code R0A appears twice"), refused.err());
        assertEquals(List.of(), filesUnder(dir.resolve("other")));

        // kinds other than the ODS ones take one file
        CliResult usage = Cli.run("import", "deflators-xlsx",
                realData(ImportTestSupport.DEFLATORS).toString(), realData(ImportTestSupport.DEFLATORS).toString(),
                "--landing", dir.resolve("other").toString(), "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.USAGE, usage.exitCode(), usage.summary());
    }

    static String ectLine(String code, String name, String grouping) {
        String[] f = new String[OdsEtrImporter.FIELDS];
        java.util.Arrays.fill(f, "");
        f[0] = code;
        f[1] = name;
        f[2] = grouping;
        f[3] = "Q00";
        f[9] = "AB1 2CD";
        f[10] = "20020401";
        f[21] = "0";
        return java.util.Arrays.stream(f).map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }
}
