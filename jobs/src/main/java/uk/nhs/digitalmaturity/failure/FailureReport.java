package uk.nhs.digitalmaturity.failure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unexpected failure in plain words: what went wrong, where when it is known, and what to do, for the one
 * line a scheduler's log shows instead of a stack trace. The cause chain is read (messages included, since
 * Spark reports a task's failure only as text) but nothing of a message is repeated except a path or, for
 * the types {@link SafeMessages} allows, the message itself.
 */
public final class FailureReport {
    enum Kind { DISK_FULL, OUT_OF_MEMORY, EXECUTOR_LOST, OTHER }

    private static final Pattern DISK_FULL = Pattern.compile("No space left on device|Disk quota exceeded",
            Pattern.CASE_INSENSITIVE);
    /** Spark's write failures name the table's folder: "Task failed while writing rows to file:/…/bronze/x." */
    private static final Pattern WRITING = Pattern.compile("writing rows to (\\S+?)\\.?(?=\\s|$)");
    private static final Pattern EXECUTOR_LOST = Pattern.compile(
            "ExecutorLostFailure|ExecutorDeadException|lost executor|executor \\S+ (?:lost|exited)",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_MESSAGE = 300;

    private final Kind kind;
    private final String text;

    private FailureReport(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public static FailureReport of(Throwable failure) {
        List<Throwable> chain = chain(failure);
        String where = null;
        for (Throwable t : chain) {
            Matcher m = WRITING.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                where = m.group(1);
                break;
            }
        }
        if (chain.stream().anyMatch(t -> DISK_FULL.matcher(String.valueOf(t.getMessage())).find())) {
            return new FailureReport(Kind.DISK_FULL, "no space left on device"
                    + (where != null ? " writing " + where : " (in the lakehouse, or Spark's local folder spark.local.dir)")
                    + "; free space and run again: the rerun heals what this run half-wrote");
        }
        if (chain.stream().anyMatch(t -> isA(t, "java.lang.OutOfMemoryError")
                || String.valueOf(t.getMessage()).contains("java.lang.OutOfMemoryError"))) {
            return new FailureReport(Kind.OUT_OF_MEMORY, "out of memory"
                    + "; raise the driver heap (NHS_DIGITAL_HEAP, default 3g) or, on a cluster, executor memory "
                    + "(spark.executor.memory), and run again");
        }
        if (chain.stream().anyMatch(t -> EXECUTOR_LOST.matcher(t.getClass().getName() + " " + t.getMessage()).find())) {
            return new FailureReport(Kind.EXECUTOR_LOST, "a Spark executor was lost"
                    + (where != null ? " writing " + where : "")
                    + "; run again; if it repeats, raise executor memory (spark.executor.memory) or read the "
                    + "cluster's worker logs");
        }
        Throwable root = chain.get(chain.size() - 1);
        String cause = SafeMessages.safe(root) && root.getMessage() != null
                ? root.getClass().getName() + ": " + firstLine(root.getMessage())
                : root.getClass().getName() + (SafeMessages.safe(root) ? "" : " (message withheld: it may contain row content)");
        return new FailureReport(Kind.OTHER, cause + (where != null ? " writing " + where : "")
                + "; run again; if it repeats, report it with the log file");
    }

    Kind kind() {
        return kind;
    }

    /** The cause in plain words and what to do, e.g. {@code no space left on device writing …; free space …}. */
    public String text() {
        return text;
    }

    /** The throwable and its causes, outermost first, each once. */
    static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ": " + text;
    }
}
