package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.nhs.digitalmaturity.cli.NhsDigital;
import uk.nhs.digitalmaturity.failure.ExitCodes;

/**
 * The pipeline run once per test JVM on the committed {@code sample-data/} as at 2026-11-24, shared by every
 * test that checks the published figures (a sample run costs more than a minute on 2 cores). Standard output
 * and error of the run are kept, so tests can check that nothing restricted was logged.
 */
public final class SampleLakehouse {
    public static final String AS_AT = "2026-11-24";
    private static Path lakehouse;
    private static String log;

    private SampleLakehouse() {
    }

    public static synchronized Path get() {
        if (lakehouse == null) {
            try {
                Path dir = Files.createTempDirectory("sample-lakehouse");
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                PrintStream original = System.out;
                PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
                System.setOut(tee);
                int code;
                try {
                    code = NhsDigital.execute(new PrintWriter(tee, true), "run", "--landing",
                            SharedSpark.repo().resolve("sample-data").toString(), "--lakehouse", dir.toString(),
                            "--as-at", AS_AT);
                } finally {
                    System.setOut(original);
                }
                log = captured.toString(StandardCharsets.UTF_8);
                original.print(log);
                assertEquals(ExitCodes.OK, code, log);
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
        return log;
    }

    public static Dataset<Row> table(String relative) {
        return SharedSpark.get().read().format("delta").load(get().resolve(relative).toString());
    }

    public static Path publication() {
        return get().resolve("publication").resolve(AS_AT);
    }
}
