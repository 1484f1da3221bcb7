package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.ChildProcess;
import uk.nhs.digitalmaturity.testing.Launcher;
import uk.nhs.digitalmaturity.testing.Packs;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.StandaloneCluster;

/**
 * The same answer on a cluster, tried as a cluster operator would: a standalone Master and Worker on
 * 127.0.0.1, the cluster jar (our code without Spark and Delta) submitted with {@code SparkSubmit --master
 * spark://...}, and the publication pack compared byte for byte with the launcher's local run of the same
 * landing zone.
 */
class StandaloneClusterIT {
    private static final Duration RUN = Duration.ofMinutes(30);
    private static final String FIXTURE = "finance";

    private static long classStarted;
    private static Path work;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        classStarted = System.nanoTime();
        work = Files.createTempDirectory("cluster-it");
        cluster = StandaloneCluster.start(work);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf("StandaloneClusterIT wall time: %.0f s%n", (System.nanoTime() - classStarted) / 1e9);
    }

    @Test
    void theClusterJarSubmittedToAStandaloneClusterPublishesTheLocalRunsPack() throws Exception {
        Path local = work.resolve("local-lakehouse");
        try (ChildProcess run = Launcher.run("local", Repo.fixture(FIXTURE), local)) {
            assertEquals(0, run.waitFor(RUN), run.printed());
        }

        Path onCluster = work.resolve("cluster-lakehouse");
        List<String> submit = new ArrayList<>(List.of(
                "--master", cluster.masterUrl(),
                "--class", "uk.nhs.digitalmaturity.cli.NhsDigital",
                "--conf", "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
                "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
                "--conf", "spark.executor.memory=1g",
                // Sized for two cores and a few hundred rows, as an operator sizes a small cluster; the local
                // launcher uses the same two. Spark's default of 200 partitions makes this run ten times longer.
                "--conf", "spark.sql.shuffle.partitions=2",
                "--conf", "spark.default.parallelism=2",
                // A run is about a thousand small jobs. Spark's default waits up to 3 s per task for a better-placed
                // slot; with one executor there is none to wait for.
                "--conf", "spark.locality.wait=0",
                Repo.buildDir().resolve("nhs-digital-0.2.0-cluster.jar").toString(),
                "run", "--landing", Repo.fixture(FIXTURE).toString(), "--lakehouse", onCluster.toString(),
                "--as-at", AsAt.FIXTURES, "--no-notebooks"));
        try (ChildProcess driver = cluster.java("spark-submit", "2g", "org.apache.spark.deploy.SparkSubmit", submit)) {
            int exit = driver.waitFor(RUN);
            List<String> err = driver.stderr();
            assertEquals(0, exit, String.join("\n", driver.stdout()) + "\n--- the end of its log\n"
                    + String.join("\n", err.subList(Math.max(0, err.size() - 60), err.size())));
            assertTrue(driver.stdout().stream().anyMatch(l -> l.startsWith("done ")), String.join("\n", driver.stdout()));
        }

        assertExecutorsRanOnTheWorker();
        Packs.assertIdentical(pack(local), pack(onCluster));
    }

    /**
     * A driver that quietly fell back to local mode would pass the pack comparison too: the Master must list the
     * finished application, and the Worker must have started an executor for it that ran tasks.
     */
    private static void assertExecutorsRanOnTheWorker() throws IOException {
        JsonNode status = new ObjectMapper().readTree(URI.create(cluster.masterStatusUrl()).toURL());
        List<String> completed = new ArrayList<>();
        status.path("completedapps").forEach(app -> completed.add(app.path("name").asText()));
        assertEquals(List.of("nhs-digital"), completed, status.toPrettyString());

        List<Path> executorLogs;
        try (Stream<Path> files = Files.walk(cluster.workDir())) {
            executorLogs = files.filter(p -> p.getFileName().toString().equals("stderr")).toList();
        }
        assertFalse(executorLogs.isEmpty(), "no executor folder under " + cluster.workDir());
        long tasks = 0;
        for (Path log : executorLogs) {
            try (Stream<String> lines = Files.lines(log)) {
                tasks += lines.filter(l -> l.contains("Finished task")).count();
            }
        }
        assertTrue(tasks > 0, "the executors under " + cluster.workDir() + " ran no task");
    }

    private static Path pack(Path lakehouse) {
        return lakehouse.resolve("publication").resolve(AsAt.FIXTURES);
    }
}
