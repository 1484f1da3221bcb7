package uk.nhs.digitalmaturity.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.failure.ExitCodes;

/**
 * The pipeline run once per test JVM on the committed {@code sample-data/} as at {@link AsAt#SAMPLE}, from an
 * empty lakehouse (so every table is at Delta version 1, as in the committed notebooks), shared by every test
 * that checks the published figures (a sample run costs more than a minute on 2 cores). What the run printed
 * is kept, so tests can check that nothing restricted was logged.
 */
public final class SampleLakehouse {
    private static Path lakehouse;
    private static CliResult run;

    private SampleLakehouse() {
    }

    public static synchronized Path get() {
        if (lakehouse == null) {
            try {
                Path dir = Files.createTempDirectory("sample-lakehouse");
                run = Cli.pipelineAsAt(AsAt.SAMPLE, Repo.sampleData(), dir);
                assertEquals(ExitCodes.OK, run.exitCode(), run.printed());
                lakehouse = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lakehouse;
    }

    /** What the run printed (standard output and error). */
    public static String log() {
        get();
        return run.printed();
    }

    public static Dataset<Row> table(String relative) {
        return SharedSpark.table(get(), relative);
    }

    public static Path publication() {
        return get().resolve("publication").resolve(AsAt.SAMPLE);
    }
}
