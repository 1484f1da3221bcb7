package uk.nhs.digitalmaturity.failure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The log file of an unexpected failure: the stack trace the console no longer shows, for whoever fixes it.
 * Every exception of the chain (causes and suppressed ones) is written as its class, its message only where
 * {@link SafeMessages} allows it, and its stack frames, so the file may be attached to a bug report without
 * carrying a staff identifier.
 */
public final class FailureLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private FailureLog() {
    }

    /**
     * Writes the log into {@code folder} (the lakehouse's {@code logs/}; null when it is not a local folder),
     * or into {@code java.io.tmpdir} when that fails (a full disk). The file is {@code <name>.log}, or a UTC
     * time and the pid when {@code name} is null. Returns the file, or null if none could be written.
     */
    public static Path write(Throwable failure, String line, Path folder, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String file = "nhs-digital-" + (name != null ? name : STAMP.format(now) + "-" + ProcessHandle.current().pid())
                + ".log";
        String text = "nhs-digital failure, " + now + ", pid " + ProcessHandle.current().pid() + "\n"
                + line + "\n"
                + "Exception messages that may carry row content are withheld.\n\n" + render(failure);
        for (Path dir : new Path[] {folder, Path.of(System.getProperty("java.io.tmpdir"))}) {
            if (dir == null) {
                continue;
            }
            try {
                Files.createDirectories(dir);
                Path log = dir.resolve(file).toAbsolutePath();
                Files.writeString(log, text, StandardCharsets.UTF_8);
                return log;
            } catch (IOException | RuntimeException e) {
                // try the next folder
            }
        }
        return null;
    }

    /** The chain as {@link Throwable#printStackTrace()} lays it out, messages withheld where they may carry data. */
    public static String render(Throwable failure) {
        StringBuilder out = new StringBuilder();
        append(out, failure, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    private static void append(StringBuilder out, Throwable t, String prefix, String indent, Set<Throwable> seen) {
        if (!seen.add(t)) {
            out.append(indent).append(prefix).append("[circular reference: ").append(t.getClass().getName()).append("]\n");
            return;
        }
        out.append(indent).append(prefix).append(SafeMessages.describe(t)).append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            out.append(indent).append("\tat ").append(frame).append('\n');
        }
        for (Throwable s : t.getSuppressed()) {
            append(out, s, "Suppressed: ", indent + "\t", seen);
        }
        if (t.getCause() != null) {
            append(out, t.getCause(), "Caused by: ", indent, seen);
        }
    }
}
