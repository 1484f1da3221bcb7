package uk.nhs.digitalmaturity;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.storage.SparkSessions;

/** One SparkSession for the whole test JVM, built exactly as the launcher builds it. */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.getOrCreate(PipelineConfig.load(null));
        }
        return session;
    }

    /** The repository root (surefire sets nhs.repo.root; an IDE runs from the root). */
    public static Path repo() {
        return Path.of(System.getProperty("nhs.repo.root", ".")).toAbsolutePath().normalize();
    }

    public static Path fixture(String name) {
        return repo().resolve("jobs/src/test/resources/fixtures").resolve(name);
    }
}
