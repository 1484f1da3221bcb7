package uk.nhs.digitalmaturity.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes read and peak memory of a small shell command (Linux: /proc). */
class TimedProcessTest {
    @TempDir
    Path dir;

    @Test
    void bytesReadCountWhatTheProcessRead() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/io")), "no /proc/<pid>/io here");
        // head reads 8 MB in a child that the shell waits for (a reaped child's reads are added to its parent's
        // rchar); then the shell becomes sleep, so the pid lives on long enough to be sampled
        TimedProcess.Result r = TimedProcess.run(List.of("sh", "-c",
                "head -c 8000000 /dev/zero > /dev/null; echo done; exec sleep 0.5"), dir.resolve("log/run.log"));
        assertEquals(0, r.exitCode());
        assertEquals("done\n", r.output());
        assertTrue(r.bytesRead().isPresent());
        assertTrue(r.bytesRead().getAsLong() >= 8_000_000L, "rchar " + r.bytesRead().getAsLong());
        assertTrue(r.peakRssMib().isPresent());
        assertTrue(r.seconds() >= 0.5);
    }
}
