package uk.nhs.digitalmaturity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test class, the heap still in use after a full collection, appended to
 * {@code target/heap-log.txt} (one line per class, in run order). The suite shares one JVM and one
 * SparkSession, so anything a pipeline run leaves behind shows here as a rising line; it must stay flat
 * whatever the class order ({@code -Dsurefire.runOrder=alphabetical} and {@code reversealphabetical}).
 * Registered for every class through JUnit's extension auto-detection ({@code junit-platform.properties}).
 *
 * <p>Above {@link #LIMIT_MB} after a full collection the class fails: the suite's heap is 6 GiB, and a
 * session that keeps what runs leave behind crosses this line after a few dozen runs.
 */
public final class HeapLog implements AfterAllCallback {
    static final long LIMIT_MB = 2048;
    static final long SETTLE_ABOVE_MB = 512;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Override
    public void afterAll(ExtensionContext context) {
        long used = usedAfterCollection();
        String line = String.format(Locale.ROOT, "%-60s %6d MiB%n", context.getRequiredTestClass().getName(), used);
        try {
            Path log = Repo.buildDir().resolve("heap-log.txt");
            Files.createDirectories(log.getParent());
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print("heap after " + line);
        if (used > LIMIT_MB) {
            throw new AssertionError("heap in use after " + context.getRequiredTestClass().getSimpleName() + " is "
                    + used + " MiB after a full collection (limit " + LIMIT_MB + "): something a run leaves in the "
                    + "shared session is growing; see target/heap-log.txt");
        }
    }

    /**
     * The heap in use once collections stop freeing memory. Spark drops some blocks only after a collection has
     * shown their owners unreachable (its cleaner thread then removes them), so above {@link #SETTLE_ABOVE_MB}
     * the measure waits for that and collects again, until the heap stops shrinking.
     */
    static long usedAfterCollection() {
        System.gc();
        long used = usedMb();
        for (int round = 0; round < 10 && used > SETTLE_ABOVE_MB; round++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            System.gc();
            long now = usedMb();
            if (now > used - 16) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    private static long usedMb() {
        return MEMORY.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
