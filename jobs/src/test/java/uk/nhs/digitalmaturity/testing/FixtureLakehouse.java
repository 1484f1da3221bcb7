package uk.nhs.digitalmaturity.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import uk.nhs.digitalmaturity.failure.ExitCodes;

/**
 * A hand-worked fixture ({@code jobs/src/test/resources/fixtures/<name>}) run once per test JVM as at
 * {@link AsAt#FIXTURES} from an empty lakehouse, shared by the test classes that read it. Shared means
 * read-only: a test that runs again, or changes the landing zone, works on {@link #copy} of it.
 */
public final class FixtureLakehouse {
    private static final Map<String, Path> RUNS = new HashMap<>();

    private FixtureLakehouse() {
    }

    public static synchronized Path of(String fixture) {
        return RUNS.computeIfAbsent(fixture, name -> {
            try {
                Path dir = Files.createTempDirectory("fixture-" + name + "-lakehouse");
                CliResult run = Cli.pipeline(Repo.fixture(name), dir);
                assertEquals(ExitCodes.OK, run.exitCode(), run.printed());
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A copy of the fixture's run, lakehouse and landing zone, under {@code dir}: a run on the copy ingests
     * only what the test adds, so each case costs what it tests rather than a whole first run.
     */
    public static Copy copy(String fixture, Path dir) {
        Path lakehouse = Landings.copy(of(fixture), dir.resolve("lakehouse"));
        Path landing = Landings.copy(Repo.fixture(fixture), dir.resolve("landing"));
        return new Copy(landing, lakehouse);
    }

    public record Copy(Path landing, Path lakehouse) {
        public CliResult run(String... more) {
            return Cli.pipeline(landing, lakehouse, more);
        }
    }
}
