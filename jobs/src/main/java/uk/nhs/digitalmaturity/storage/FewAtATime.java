package uk.nhs.digitalmaturity.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Small reads of reporting tables, {@value #AT_ONCE} at a time: the pack's tables, the notebooks' queries. Each
 * is a few hundred rows, so a read is Delta log access and a tiny job, driver latency that overlaps well; the
 * result is in the order asked for, whatever order the reads finish in.
 */
public final class FewAtATime {
    public static final int AT_ONCE = 4;

    private FewAtATime() {
    }

    public static <T> Map<String, T> read(Map<String, Supplier<T>> reads) {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            Map<String, CompletableFuture<T>> started = new LinkedHashMap<>();
            reads.forEach((name, read) -> started.put(name, CompletableFuture.supplyAsync(read, pool)));
            Map<String, T> out = new LinkedHashMap<>();
            started.forEach((name, f) -> out.put(name, f.join()));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
