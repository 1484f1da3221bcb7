package uk.nhs.digitalmaturity.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process started as a scheduler would start it, its standard output and error read line by line on their
 * own threads (so a test can act the moment a line appears, and a chatty child never blocks on a full pipe).
 * {@link #kill()} is SIGKILL on Linux, sent to the process and every descendant.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.readers = new Thread[] {reader(process.getInputStream(), stdout), reader(process.getErrorStream(), stderr)};
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workingDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().putAll(env);
        try {
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private Thread reader(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the pipe closes when the process is killed: what was read is kept
            }
            synchronized (this) {
                notifyAll();
            }
        }, name + "-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Waits for the {@code nth} (1-based) stdout line that matches, and returns it. Fails, with everything the
     * child printed, if it ends first or the time runs out.
     */
    public String awaitStdout(Predicate<String> matches, int nth, Duration timeout) {
        return await(stdout, matches, nth, timeout, "stdout");
    }

    /** True when a stdout line already read matches. */
    public synchronized boolean hasStdout(Predicate<String> matches) {
        return stdout.stream().anyMatch(matches);
    }

    /** The same on standard error (where Spark's daemons log). */
    public String awaitStderr(Predicate<String> matches, Duration timeout) {
        return await(stderr, matches, 1, timeout, "stderr");
    }

    private synchronized String await(List<String> lines, Predicate<String> matches, int nth, Duration timeout,
                                      String stream) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = 0;
            for (String line : lines) {
                if (matches.test(line) && ++seen == nth) {
                    return line;
                }
            }
            boolean readersDone = !readers[0].isAlive() && !readers[1].isAlive();
            if (readersDone && !process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before line " + nth
                        + " of the awaited kind on " + stream + "\n" + printed());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + ": no such line on " + stream + " after " + timeout + "\n" + printed());
            }
            try {
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the process to end and for both streams to be read to their end; returns the exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " still running after " + timeout + ", killed\n" + printed());
            }
            for (Thread t : readers) {
                t.join(10_000);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * SIGKILL to every descendant and to the process itself, as the OOM killer or {@code kill -9} would; returns
     * when the process is gone and its streams are drained.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
            for (Thread t : readers) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM (as systemd or Kubernetes sends it), to the process only; returns at once. Through its handle:
     * {@code Process.destroy()} also closes our ends of its pipes, and what it prints while stopping is lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    public synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Both streams, for assertion messages. */
    public synchronized String printed() {
        return "--- " + name + " stdout\n" + String.join("\n", stdout) + "\n--- " + name + " stderr\n"
                + String.join("\n", stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
