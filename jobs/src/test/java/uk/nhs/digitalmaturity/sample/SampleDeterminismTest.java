package uk.nhs.digitalmaturity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.landing.WrittenFile;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.Repo;

/**
 * Regenerating the sample with the default seed gives byte-identical files to the committed {@code sample-data/}:
 * the committed copy is exactly what the generator writes, and nobody has edited it by hand.
 */
class SampleDeterminismTest {

    @Test
    void committedSampleIsExactlyWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sample-data");
        assertEquals(ExitCodes.OK, Cli.run("generate-sample", "--out", out.toString()).exitCode());

        Path committed = Repo.sampleData();
        List<String> expected = csvFiles(committed);
        List<String> generated = csvFiles(out);
        assertEquals(expected, generated, "the same files");
        for (String file : generated) {
            assertEquals(-1L, Files.mismatch(committed.resolve(file), out.resolve(file)),
                    file + " differs from the committed copy: regenerate with"
                            + " `nhs-digital generate-sample --out sample-data` and commit");
        }
    }

    @Test
    void theSameSeedTwiceGivesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<WrittenFile> first = SampleLandingGenerator.generate(GeneratorOptions.sample(a));
        SampleLandingGenerator.generate(new GeneratorOptions(b, 7L, SampleScale.SAMPLE, 12, 1, 0));
        assertEquals(csvFiles(a), csvFiles(b));
        assertEquals(csvFiles(a), first.stream().map(WrittenFile::path).toList(), "the report lists every file");
        // real reference data does not depend on the seed; modelled data does
        assertEquals(-1L, Files.mismatch(a.resolve("organisations/2019-06-03/organisations.csv"),
                b.resolve("organisations/2019-06-03/organisations.csv")));
        assertTrue(Files.mismatch(a.resolve("dma/2019-06-03/dma_responses.csv"),
                b.resolve("dma/2019-06-03/dma_responses.csv")) >= 0);
    }

    private static List<String> csvFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".csv")).map(p -> root.relativize(p).toString()
                    .replace('\\', '/')).sorted().toList();
        }
    }
}
