package uk.nhs.digitalmaturity.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs one command as its own process, as a scheduler would, and measures what its users feel: wall time from
 * start to exit (JVM and Spark start included) and peak resident memory. Peak memory is the kernel's high-water
 * mark ({@code VmHWM} in {@code /proc/<pid>/status}), sampled until the process ends; where there is no /proc
 * it is not reported rather than guessed.
 */
final class TimedProcess {
    /** What one process did: exit code, seconds, peak RSS in MiB (empty where unknown) and its output. */
    record Result(int exitCode, double seconds, OptionalLong peakRssMib, String output) {
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
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            while (process.isAlive()) {
                peakKib = Math.max(peakKib, highWaterMarkKib(status));
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String output = Files.readString(log);
            return new Result(process.exitValue(), seconds,
                    peakKib < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(peakKib / 1024.0)), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** VmHWM of a live process in KiB, or -1 (no /proc, or the process has just ended). */
    private static long highWaterMarkKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between isAlive() and the read
        }
        return -1;
    }
}
