package uk.nhs.digitalmaturity.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs one command as its own process, as a scheduler would, and measures what its users feel: wall time from
 * start to exit (JVM and Spark start included), peak resident memory and the bytes it read. Peak memory is the
 * kernel's high-water mark ({@code VmHWM} in {@code /proc/<pid>/status}); bytes read are {@code rchar} in
 * {@code /proc/<pid>/io} (every read() of the process, page-cache hits included, so a warm cache does not hide
 * a rescan). Both are sampled every 100 ms until the process ends, keeping the last value seen: the reads of
 * the last moments before exit may be missed. Where there is no /proc they are not reported rather than guessed.
 */
final class TimedProcess {
    /**
     * What one process did: exit code, seconds, peak RSS in MiB and bytes read (each empty where unknown), and
     * its output.
     */
    record Result(int exitCode, double seconds, OptionalLong peakRssMib, OptionalLong bytesRead, String output) {
    }

    private TimedProcess() {
    }

    static Result run(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            long peakKib = -1;
            long rchar = -1;
            Path proc = Path.of("/proc", String.valueOf(process.pid()));
            while (process.isAlive()) {
                peakKib = Math.max(peakKib, field(proc.resolve("status"), "VmHWM:"));
                rchar = Math.max(rchar, field(proc.resolve("io"), "rchar:"));
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String output = Files.readString(log);
            return new Result(process.exitValue(), seconds,
                    peakKib < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(peakKib / 1024.0)),
                    rchar < 0 ? OptionalLong.empty() : OptionalLong.of(rchar), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /**
     * The number on the line starting with {@code key} of a live process's /proc file ({@code VmHWM:} in KiB,
     * {@code rchar:} in bytes), or -1 (no /proc, or the process has just ended).
     */
    private static long field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between isAlive() and the read
        }
        return -1;
    }
}
