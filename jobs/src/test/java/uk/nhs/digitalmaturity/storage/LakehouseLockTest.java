package uk.nhs.digitalmaturity.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.failure.LakehouseBusy;

/** The lakehouse lock on a local folder through Hadoop's local file system: no Spark. */
class LakehouseLockTest {
    private static final Configuration CONF = new Configuration();
    private static final long ME = ProcessHandle.current().pid();

    @TempDir
    Path lake;

    private LakehouseLock acquire(Duration wait) {
        return LakehouseLock.acquire(CONF, lake.toUri().toString(), "run --test", wait);
    }

    private List<String> lockFiles() throws Exception {
        try (Stream<Path> files = Files.list(lake.resolve(LakehouseLock.FOLDER))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A lease written as another process would have left it, its heartbeat {@code age} old. */
    private void leftBehind(String name, String host, long pid, Duration age) throws Exception {
        Path file = lake.resolve(LakehouseLock.FOLDER).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, new ObjectMapper().writeValueAsBytes(new LakehouseLock.Holder("r20261124-0123456789ab", host,
                pid, null, "2026-11-24T02:30:00Z", "run", "someone-else")));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void ofTwoRacersExactlyOneWinsAndTheOtherIsToldWhoHoldsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Object> racer = () -> {
                    start.await();
                    try {
                        return acquire(Duration.ZERO);
                    } catch (LakehouseBusy busy) {
                        return busy;
                    }
                };
                List<Future<Object>> results = new ArrayList<>(List.of(pool.submit(racer), pool.submit(racer)));
                List<LakehouseLock> won = new ArrayList<>();
                List<LakehouseBusy> lost = new ArrayList<>();
                for (Future<Object> f : results) {
                    Object r = f.get();
                    if (r instanceof LakehouseLock l) {
                        won.add(l);
                    } else {
                        lost.add((LakehouseBusy) r);
                    }
                }
                assertEquals(1, won.size(), "round " + round + ": exactly one holder");
                assertTrue(lost.get(0).getMessage().contains("pid " + ME), lost.get(0).getMessage());
                won.get(0).close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLiveHolderIsRefusedWithItsRunIdHostPidAndStart() {
        try (LakehouseLock held = acquire(Duration.ZERO)) {
            LakehouseBusy starting = assertThrows(LakehouseBusy.class, () -> acquire(Duration.ZERO));
            assertTrue(starting.getMessage().contains("run starting (host " + LakehouseLock.host() + ", pid " + ME
                    + ", started 20"), starting.getMessage());
            held.runId("r20261124-1a2b3c4d5e6f");
            LakehouseBusy named = assertThrows(LakehouseBusy.class, () -> acquire(Duration.ofMillis(300)));
            assertTrue(named.line().startsWith("lakehouse busy: "), named.line());
            assertTrue(named.getMessage().contains("run r20261124-1a2b3c4d5e6f (host"), named.getMessage());
            assertTrue(named.getMessage().contains("--wait-for-lock"), named.getMessage());
            assertFalse(named.line().contains("\n"));
        }
    }

    @Test
    void aLeaseOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        leftBehind("lease-000007", LakehouseLock.host(), gone.pid(), Duration.ZERO); // fresh heartbeat, dead pid
        try (LakehouseLock lock = acquire(Duration.ZERO)) {
            assertEquals("lease-000008", lock.lease().getName());
            assertEquals(List.of("lease-000008"), lockFiles(), "the dead lease is cleared");
        }
    }

    @Test
    void anotherHostsLeaseIsLiveWhileItsHeartbeatIsFreshAndTakenOverWhenStale() throws Exception {
        leftBehind("lease-000003", "another-host.example", ME, Duration.ofSeconds(30));
        LakehouseBusy busy = assertThrows(LakehouseBusy.class, () -> acquire(Duration.ZERO));
        assertTrue(busy.getMessage().contains("host another-host.example"), busy.getMessage());
        leftBehind("lease-000003", "another-host.example", ME, LakehouseLock.LEASE_TIMEOUT.plusSeconds(5));
        try (LakehouseLock lock = acquire(Duration.ZERO)) {
            assertEquals("lease-000004", lock.lease().getName());
        }
    }

    @Test
    void releaseLetsTheNextInAndNumbersAreNeverReused() throws Exception {
        LakehouseLock first = acquire(Duration.ZERO);
        first.close();
        assertEquals(List.of("released-000001"), lockFiles());
        try (LakehouseLock second = acquire(Duration.ZERO)) {
            assertEquals("lease-000002", second.lease().getName());
            assertEquals(List.of("lease-000002"), lockFiles());
        }
    }

    @Test
    void aWaitingAcquirerGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        LakehouseLock held = acquire(Duration.ZERO);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.close();
        });
        releaser.start();
        long t0 = System.nanoTime();
        try (LakehouseLock next = acquire(Duration.ofSeconds(20))) {
            assertTrue(System.nanoTime() - t0 >= 1_000_000_000L, "it waited");
            assertEquals("lease-000002", next.lease().getName());
        }
        releaser.join();
    }

    @Test
    void theHeartbeatKeepsTheLeaseFresh() throws Exception {
        try (LakehouseLock lock = LakehouseLock.acquire(CONF, lake.toUri().toString(), "run", Duration.ZERO,
                Duration.ofMillis(100), LakehouseLock.LEASE_TIMEOUT)) {
            Path file = lake.resolve(LakehouseLock.FOLDER).resolve(lock.lease().getName());
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600)));
            Thread.sleep(500);
            assertTrue(Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minusSeconds(5)));
        }
    }
}
