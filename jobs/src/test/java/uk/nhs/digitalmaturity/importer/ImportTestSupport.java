package uk.nhs.digitalmaturity.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.nhs.digitalmaturity.testing.Repo;

/** Shared helpers for the importer tests: the real publications, running the CLI, reading landing files. */
final class ImportTestSupport {
    private ImportTestSupport() {
    }

    /** {@code <repo root>/../shared}; the repo root is surefire's {@code nhs.repo.root}, else the working dir. */
    static Path sharedDir() {
        Path root = Repo.root();
        Path shared = Repo.shared();
        if (!Files.isDirectory(shared.resolve("real-data"))) {
            fail("The importer tests need the real publications in " + shared.resolve("real-data")
                    + " (<repo root>/../shared/real-data, repo root " + root.toAbsolutePath() + "). "
                    + "They are not skipped: put the shared folder beside the repository.");
        }
        return shared;
    }

    static Path realData(String name) {
        Path file = sharedDir().resolve("real-data").resolve(name);
        if (!Files.isRegularFile(file)) {
            fail("missing real publication " + file + " (see PROVENANCE.md beside it)");
        }
        return file;
    }

    static final String ETR = "etrust_2018-09.csv.gz";
    static final String WORKFORCE = "hchs-staff-by-staff-group-nationality-and-organisation-2017-09-and-2018-06.xlsx";
    static final String DEFLATORS = "gdp-deflators-budget-march-2020.xlsx";
    static final String DSPT = "dspt_2018-19_snapshot_2019-06-17.xlsx";

    /** Reads a landing file, checking the format rules on the way: UTF-8, no BOM, LF only, header first. */
    static List<Map<String, String>> readLanding(Path file, List<String> expectedHeader) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.startsWith("\uFEFF"), file + " starts with a byte-order mark");
        assertFalse(text.contains("\r"), file + " has CR line endings");
        assertTrue(text.endsWith("\n"), file + " does not end with a newline");
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader()
                     .setSkipHeaderRecord(true).build())) {
            assertEquals(expectedHeader, parser.getHeaderNames(), "header of " + file);
            for (CSVRecord r : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String h : expectedHeader) {
                    row.put(h, r.get(h));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every regular file under a directory (hidden temporary files included). */
    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** A copy of the first {@code fraction} of a file's bytes. */
    static Path truncated(Path source, Path dir, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Path out = dir.resolve("truncated-" + source.getFileName());
        Files.write(out, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return out;
    }
}
