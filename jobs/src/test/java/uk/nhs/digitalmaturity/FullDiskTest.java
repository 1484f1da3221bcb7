package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.Cli;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.FullDiskFileSystem;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * A disk that fills up inside ingest (simulated through the Hadoop file system, {@link FullDiskFileSystem}):
 * one plain line and exit 1, the execution recorded FAILED, and a rerun with space heals to the clean result.
 */
class FullDiskTest {
    private final SparkSession spark = SharedSpark.get();
    @TempDir
    Path temp;

    @AfterEach
    void space() {
        FullDiskFileSystem.free();
    }

    private static CliResult run(String lakehouse) {
        return Cli.run("run", "--landing", Repo.fixture("basic").toString(), "--lakehouse", lakehouse, "--as-at",
                AsAt.FIXTURES);
    }

    @Test
    void aDiskFullInsideIngestIsOneLineAndARerunWithSpaceHeals() throws IOException {
        FullDiskFileSystem.register(spark.sparkContext().hadoopConfiguration());
        Path local = temp.resolve("lakehouse");
        String lakehouse = FullDiskFileSystem.uri(local);
        // the tables are created, then the first bronze data file fills the disk
        FullDiskFileSystem.fill(p -> p.contains("/bronze/") && p.endsWith(".parquet"), 1000);

        CliResult full = run(lakehouse);

        assertEquals(ExitCodes.UNEXPECTED_FAILURE, full.exitCode(), full.summary());
        List<String> err = full.err().lines().toList();
        assertEquals(1, err.size(), "one line, no stack trace, no Spark log line:\n" + full.err());
        String line = err.get(0);
        assertTrue(line.startsWith("unexpected failure: no space left on device writing " + lakehouse.replace("://", ":")
                + "/bronze/"), line);
        assertTrue(line.contains("free space and run again"), line);
        Path log = Path.of(line.substring(line.indexOf("(details: ") + 10, line.length() - 1));
        assertTrue(Files.readString(log).contains("java.io.IOException: No space left on device"), log.toString());
        assertTrue(full.out().lines().anyMatch(l -> l.startsWith("run    ")), full.out());

        FullDiskFileSystem.free();
        Row failed = spark.read().format("delta").load(lakehouse + "/ops/runs")
                .select("status", "exit_code", "message", "ended_at").head();
        assertEquals("FAILED", failed.getString(0));
        assertEquals(1, failed.getInt(1));
        assertTrue(failed.getString(2).startsWith("no space left on device writing "), failed.getString(2));
        assertFalse(failed.isNullAt(3));

        CliResult rerun = run(lakehouse);

        assertEquals(ExitCodes.OK, rerun.exitCode(), rerun.summary());
        assertFalse(rerun.out().startsWith("found"), "a FAILED execution is not abandoned: " + rerun.out());
        Path clean = FixtureLakehouse.of("basic");
        assertSamePack(clean.resolve("publication/" + AsAt.FIXTURES), local.resolve("publication/" + AsAt.FIXTURES));
        for (Source source : Source.values()) {
            String table = source.zone().database() + "/" + source.table();
            assertEquals(SharedSpark.table(clean, table).count(),
                    spark.read().format("delta").load(lakehouse + "/" + table).count(), table);
        }
        assertEquals(SharedSpark.table(clean, "restricted/quarantine").count(),
                spark.read().format("delta").load(lakehouse + "/restricted/quarantine").count());
    }

    private static void assertSamePack(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(expected)) {
            files = walk.sorted().toList();
        }
        try (Stream<Path> walk = Files.list(actual)) {
            assertEquals(files.stream().map(p -> p.getFileName().toString()).toList(),
                    walk.sorted().map(p -> p.getFileName().toString()).toList());
        }
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(actual.resolve(f.getFileName().toString())),
                    f.getFileName().toString());
        }
    }
}
