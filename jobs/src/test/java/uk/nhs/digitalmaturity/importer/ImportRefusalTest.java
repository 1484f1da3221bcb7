package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.filesUnder;
import static uk.nhs.digitalmaturity.importer.ImportTestSupport.realData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;

/**
 * Every importer refuses a truncated file and a file of another kind cleanly: exit code 3, a message naming the
 * file and what was expected, and nothing written under the landing zone (not even a temporary file).
 */
class ImportRefusalTest {

    /** kind, extra options, a real file of this kind (to truncate), a real file of another kind. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("ods-etr", List.of(), ImportTestSupport.ETR, ImportTestSupport.DSPT, "ODS etr file"),
                Arguments.of("ods-succ", List.of(), ImportTestSupport.ETR, ImportTestSupport.ETR, "ODS succ file"),
                Arguments.of("workforce-xlsx", List.of(), ImportTestSupport.WORKFORCE, ImportTestSupport.DEFLATORS,
                        "NHS Workforce Statistics xlsx workbook"),
                Arguments.of("deflators-xlsx", List.of(), ImportTestSupport.DEFLATORS, ImportTestSupport.DSPT,
                        "HM Treasury GDP deflators xlsx workbook"),
                Arguments.of("dspt-xlsx", List.of("--dspt-year", "2018-19"), ImportTestSupport.DSPT,
                        ImportTestSupport.DEFLATORS, "DSPT publication xlsx workbook"));
    }

    @ParameterizedTest(name = "{0} refuses a truncated file")
    @MethodSource("kinds")
    void truncatedFile(String kind, List<String> options, String own, String other, String expectation,
                       @TempDir Path dir) throws IOException {
        // ods-succ has no real file: its truncated input is a cut-off etr gzip, refused as corrupt before layout
        Path file = ImportTestSupport.truncated(realData(own), dir, 0.5);
        assertRefused(kind, options, file, expectation, dir.resolve("landing"));
    }

    @ParameterizedTest(name = "{0} refuses a file of another kind")
    @MethodSource("kinds")
    void wrongFile(String kind, List<String> options, String own, String other, String expectation,
                   @TempDir Path dir) throws IOException {
        assertRefused(kind, options, realData(other), expectation, dir.resolve("landing"));
    }

    @Test
    void plainTextEtrCutMidLineIsRefusedByFieldCount(@TempDir Path dir) throws IOException {
        String etr;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(realData(ImportTestSupport.ETR)))) {
            etr = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        // cut between two fields: the last line is short
        int between = etr.indexOf("\",\"", etr.length() / 2) + 2;
        Path shortLine = Files.writeString(dir.resolve("etr-short.csv"), etr.substring(0, between));
        CliResult r = assertRefused("ods-etr", List.of(), shortLine, "ODS etr file",
                dir.resolve("landing"));
        assertTrue(r.err().contains("fields, expected 27"), r.err());
        // cut inside a quoted field
        int inside = etr.indexOf("\",\"", etr.length() / 2) + 4;
        Path openQuote = Files.writeString(dir.resolve("etr-quote.csv"), etr.substring(0, inside));
        r = assertRefused("ods-etr", List.of(), openQuote, "ODS etr file", dir.resolve("landing"));
        assertTrue(r.err().contains("it ends inside a quoted field, so it is truncated"), r.err());
    }

    @Test
    void notAnXlsxAtAll(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("deflators.xlsx"), "fin_year,index\n2018-19,100\n");
        CliResult r = assertRefused("deflators-xlsx", List.of(), file,
                "HM Treasury GDP deflators xlsx workbook", dir.resolve("landing"));
        assertTrue(r.err().contains("it is not an xlsx (zip) file"), r.err());
    }

    @Test
    void landingFilesAreImmutableUnlessForced(@TempDir Path dir) throws IOException {
        Path landing = dir.resolve("landing");
        String deflators = realData(ImportTestSupport.DEFLATORS).toString();
        assertEquals(ExitCodes.OK, Cli.run("import", "deflators-xlsx", deflators, "--landing", landing.toString(),
                "--snapshot", "2020-03-11").exitCode());
        Path target = landing.resolve("deflators/2020-03-11/gdp_deflators.csv");
        byte[] original = Files.readAllBytes(target);

        // the same publication again: nothing to do, success
        CliResult same = Cli.run("import", "deflators-xlsx", deflators, "--landing", landing.toString(),
                "--snapshot", "2020-03-11");
        assertEquals(ExitCodes.OK, same.exitCode(), same.summary());
        assertTrue(same.out().contains("unchanged"), same.out());

        // different content for the same snapshot: refused, the existing file left as it was
        Files.writeString(target, "fin_year,index\n2018-19,100\n");
        byte[] edited = Files.readAllBytes(target);
        CliResult refused = Cli.run("import", "deflators-xlsx", deflators, "--landing",
                landing.toString(), "--snapshot", "2020-03-11");
        assertEquals(ExitCodes.CONTRACT_VIOLATION, refused.exitCode(), refused.summary());
        assertTrue(refused.err().contains(target.toString()) && refused.err().contains("--force"), refused.err());
        assertArrayEquals(edited, Files.readAllBytes(target));
        assertEquals(List.of(target), filesUnder(landing), "no temporary file left behind");

        // --force replaces it
        CliResult forced = Cli.run("import", "deflators-xlsx", deflators, "--landing",
                landing.toString(), "--snapshot", "2020-03-11", "--force");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.summary());
        assertTrue(forced.out().contains("replaced (--force)"), forced.out());
        assertArrayEquals(original, Files.readAllBytes(target));
    }

    @Test
    void usageErrors(@TempDir Path dir) {
        String deflators = realData(ImportTestSupport.DEFLATORS).toString();
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"import", "gdp", deflators, "--landing", dir.toString(), "--snapshot", "2020-03-11"});
        bad.add(new String[] {"import", "deflators-xlsx", deflators, "--landing", dir.toString(), "--snapshot",
                "11/03/2020"});
        bad.add(new String[] {"import", "deflators-xlsx", dir.resolve("missing.xlsx").toString(), "--landing",
                dir.toString(), "--snapshot", "2020-03-11"});
        bad.add(new String[] {"import", "deflators-xlsx", deflators, "--landing", dir.toString(), "--snapshot",
                "2020-03-11", "--period", "2018-06"});
        bad.add(new String[] {"import", "workforce-xlsx", deflators, "--landing", dir.toString(), "--snapshot",
                "2020-03-11", "--period", "2018-JUN"});
        for (String[] args : bad) {
            CliResult r = Cli.run(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", args) + "\n" + r.summary());
        }
    }

    static CliResult assertRefused(String kind, List<String> options, Path file,
                                                     String expectation, Path landing) throws IOException {
        List<String> args = new ArrayList<>(List.of("import", kind, file.toString(), "--landing",
                landing.toString(), "--snapshot", "2019-06-17"));
        args.addAll(options);
        CliResult r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.CONTRACT_VIOLATION, r.exitCode(), r.summary());
        assertTrue(r.err().contains(file.toString()), "message names the file: " + r.err());
        assertTrue(r.err().contains("not recognised as") && r.err().contains(expectation),
                "message says what was expected: " + r.err());
        assertTrue(r.err().contains("Nothing was written"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace for a refusal: " + r.err());
        assertEquals(List.of(), filesUnder(landing), "nothing written under " + landing);
        return r;
    }
}
