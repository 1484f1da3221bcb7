package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.filesUnder;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.readLanding;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/**
 * ods-succ on a fixture in ODS's succ layout (no real succ file is in real-data): no header, quoted fields,
 * CRLF like the etr file; predecessor, successor, reason, effective date YYYYMMDD, indicator. The trust merges
 * are real ones from 2017-18 (Central Manchester + South Manchester -> Manchester University NHS FT, Heart of
 * England -> University Hospitals Birmingham, Ipswich -> East Suffolk and North Essex).
 */
class OdsSuccImportTest {
    static final String FIXTURE = String.join("\r\n",
            "\"RW3\",\"R0A\",\"R\",\"20171001\",\"\"",
            "\"RM2\",\"R0A\",\"R\",\"20171001\",\"\"",
            "\"RR1\",\"RRK\",\"R\",\"20180401\",\"\"",
            "\"RGQ\",\"RDE\",\"R\",\"20180701\",\"\"",
            "\"00C\",\"16C\",\"R\",\"20170401\",\"\"",
            "\"A81001\",\"A81002\",\"R\",\"20180101\",\"\"",
            "\"RGQ02\",\"RDE05\",\"R\",\"20180701\",\"\"") + "\r\n";

    @Test
    void keepsTrustToTrustSuccessions(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("succ.csv"), FIXTURE, StandardCharsets.US_ASCII);
        CliResult r = Cli.run("import", "ods-succ", file.toString(), "--landing", dir.toString(),
                "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        List<Map<String, String>> rows = readLanding(dir.resolve("organisations/2018-09-30/successors.csv"),
                List.of("predecessor_code", "successor_code", "effective_date"));
        assertEquals(List.of("RGQ RDE 2018-07-01", "RM2 R0A 2017-10-01", "RR1 RRK 2018-04-01", "RW3 R0A 2017-10-01"),
                rows.stream().map(x -> x.get("predecessor_code") + " " + x.get("successor_code") + " "
                        + x.get("effective_date")).toList());
        assertTrue(r.out().contains("dropped 3 (not between two NHS trust codes (3 characters beginning R or T): 3)"),
                r.out());
    }

    @Test
    void zippedLikeTheOdsDownload(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("succ.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("succ.csv"));
            z.write(FIXTURE.getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        CliResult r = Cli.run("import", "ods-succ", zip.toString(), "--landing", dir.toString(),
                "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        assertEquals(5, Files.readAllLines(dir.resolve("organisations/2018-09-30/successors.csv")).size());
    }

    @Test
    void refusesABadDate(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("succ.csv"), "\"RW3\",\"R0A\",\"R\",\"2017-10-01\",\"\"\r\n");
        Path land = dir.resolve("landing");
        CliResult r = Cli.run("import", "ods-succ", file.toString(), "--landing", land.toString(),
                "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, r.exitCode(), r.summary());
        assertTrue(r.err().contains("line 1: field 4 (effective date) '2017-10-01' is not a YYYYMMDD date"), r.err());
        assertEquals(List.of(), filesUnder(land));
    }

    @Test
    void succWithItsArchive(@TempDir Path dir) throws IOException {
        Path succ = Files.writeString(dir.resolve("succ.csv"), FIXTURE, StandardCharsets.US_ASCII);
        Path archive = Files.writeString(dir.resolve("succarc.csv"), String.join("\r\n",
                "\"RW3\",\"R0A\",\"R\",\"20171001\",\"\"", // also in succ: kept once
                "\"RXX\",\"RYY\",\"R\",\"20130401\",\"\"") + "\r\n", // an illustrative older line
                StandardCharsets.US_ASCII);
        CliResult r = Cli.run("import", "ods-succ", succ.toString(), archive.toString(), "--landing",
                dir.toString(), "--snapshot", "2018-09-30");
        assertEquals(ExitCodes.OK, r.exitCode(), r.summary());
        assertEquals(List.of("predecessor_code,successor_code,effective_date", "RGQ,RDE,2018-07-01",
                        "RM2,R0A,2017-10-01", "RR1,RRK,2018-04-01", "RW3,R0A,2017-10-01", "RXX,RYY,2013-04-01"),
                Files.readAllLines(dir.resolve("organisations/2018-09-30/successors.csv")));
        assertTrue(r.out().contains("duplicate line: 1"), r.out());
    }
}
