package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.runrecord.RunRecord;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;
import uk.nhs.digitalmaturity.storage.LakehouseLock;
import uk.nhs.digitalmaturity.testing.CliResult;
import uk.nhs.digitalmaturity.testing.FixtureLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * What {@code ops.runs} says about executions that did not end well, and the lakehouse's lock, on copies of the
 * {@code basic} fixture's run (each case pays only for its own run, mostly a nothing-to-do one).
 */
class RunLifecycleTest {
    private final SparkSession spark = SharedSpark.get();
    @TempDir
    static Path temp;

    private static List<Row> runs(Path lakehouse) {
        return SharedSpark.table(lakehouse, "ops/runs").orderBy("started_at", "execution")
                .select("run_id", "execution", "status", "exit_code", "ended_at", "message").collectAsList();
    }

    @Test
    void aRunStoppedAtTheLandingScanLeavesARecordWithItsStatusAndExitCode() throws IOException {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("basic", temp.resolve("changed"));
        String firstRunId = runs(copy.lakehouse()).get(0).getString(0);
        Path ingested = copy.landing().resolve("finance/2019-06-03/finance_returns.csv");
        Files.writeString(ingested, "RAA,2018-19,CAP_IT_HW,1\n", StandardOpenOption.APPEND);

        CliResult run = copy.run();

        assertEquals(ExitCodes.CONTRACT_VIOLATION, run.exitCode(), run.summary());
        List<Row> rows = runs(copy.lakehouse());
        Row last = rows.get(rows.size() - 1);
        assertEquals("CONTRACT_VIOLATION", last.getString(2));
        assertEquals(3, last.getInt(3));
        assertTrue(last.getString(5).contains("finance/2019-06-03/finance_returns.csv: changed since run"), last.getString(5));
        // no full run id (it digests the visible inputs): the id of what bronze holds, here the first run's
        assertEquals(firstRunId, last.getString(0));
        assertEquals(rows.size(), last.getInt(1), "one execution per row so far, all of the same inputs");
    }

    @Test
    void anExecutionLeftRunningByADeadProcessIsMarkedAbandonedByTheNextRunOnItsFirstLine() {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("basic", temp.resolve("abandoned"));
        Lakehouse lakehouse = Lakehouse.at(spark, copy.lakehouse().toString());
        PipelineConfig config = PipelineConfig.load(null);
        RunLedger ledger = new RunLedger(spark, lakehouse, new DeltaTables(spark, config.logRetention(),
                config.deletedFileRetention()));
        ledger.write(RunRecord.builder(new RunRecord.Identity("r20191231-0123456789ab", 1, "run", Map.of(),
                LocalDate.of(2019, 12, 31), "0.1.0", "abc", "landing", lakehouse.root(),
                Instant.parse("2026-11-24T02:30:00Z"))).running());
        Row running = runs(copy.lakehouse()).stream().filter(r -> r.getString(0).equals("r20191231-0123456789ab"))
                .findFirst().orElseThrow();
        assertEquals("RUNNING", running.getString(2));
        assertTrue(running.isNullAt(3), "no exit code while running");

        CliResult run = copy.run();

        assertEquals(ExitCodes.OK, run.exitCode(), run.summary());
        String first = run.out().lines().findFirst().orElse("");
        assertTrue(first.startsWith("found  r20191231-0123456789ab (execution 1), started 2026-11-24T02:30:00Z, left "
                + "RUNNING by a process that died: marked ABANDONED"), run.out());
        assertTrue(run.out().lines().skip(1).anyMatch(l -> l.startsWith("done   ")), run.out());
        Row abandoned = runs(copy.lakehouse()).stream().filter(r -> r.getString(0).equals("r20191231-0123456789ab"))
                .findFirst().orElseThrow();
        assertEquals("ABANDONED", abandoned.getString(2));
        assertTrue(abandoned.isNullAt(3), "an abandoned execution has no exit code");
        assertTrue(abandoned.isNullAt(4), "nor a known end");
        assertTrue(abandoned.getString(5).startsWith("left RUNNING by a process that died; found and marked "
                + "ABANDONED by run r"), abandoned.getString(5));
        assertEquals(0, runs(copy.lakehouse()).stream().filter(r -> r.getString(2).equals("RUNNING")).count());

        CliResult again = copy.run();
        assertFalse(again.out().contains("found "), "reported once: " + again.out());
    }

    @Test
    void aRunWhileAnotherHoldsTheLakehouseExitsFiveNamingItOrWaitsForIt() throws Exception {
        FixtureLakehouse.Copy copy = FixtureLakehouse.copy("basic", temp.resolve("busy"));
        String root = copy.lakehouse().toUri().toString();
        long runsVersion = DeltaTable.forPath(spark, copy.lakehouse().resolve("ops/runs").toString()).history(1)
                .select("version").head().getLong(0);
        LakehouseLock held = LakehouseLock.acquire(spark.sparkContext().hadoopConfiguration(), root, "run (test)",
                Duration.ZERO);
        held.runId("r20191231-aaaaaaaaaaaa");
        try {
            CliResult refused = copy.run();
            assertEquals(ExitCodes.LAKEHOUSE_BUSY, refused.exitCode(), refused.summary());
            List<String> lines = refused.err().lines().toList();
            assertEquals(1, lines.size(), refused.err());
            assertTrue(lines.get(0).startsWith("lakehouse busy: "), lines.get(0));
            assertTrue(lines.get(0).contains("held by run r20191231-aaaaaaaaaaaa (host "), lines.get(0));
            assertTrue(lines.get(0).contains(", pid " + ProcessHandle.current().pid() + ", started 20"), lines.get(0));
            assertEquals("", refused.out(), "nothing printed: the run never got the lakehouse");
            assertEquals(runsVersion, DeltaTable.forPath(spark, copy.lakehouse().resolve("ops/runs").toString())
                    .history(1).select("version").head().getLong(0), "no ops.runs row for the refused run");

            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.close();
            });
            releaser.start();
            long t0 = System.nanoTime();
            CliResult waited = copy.run("--wait-for-lock", "30");
            releaser.join();
            assertEquals(ExitCodes.OK, waited.exitCode(), waited.summary());
            assertTrue(System.nanoTime() - t0 >= Duration.ofSeconds(2).toNanos(), "it waited for the holder");
        } finally {
            held.close();
        }
    }
}
