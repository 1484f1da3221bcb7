package uk.nhs.digitalmaturity.failure;

import java.util.List;
import java.util.Set;

/**
 * Which exception messages may be printed or logged as they are. A message may carry row content: Univocity's
 * {@code TextParsingException} prints the parsed line, {@code NumberFormatException} the text it could not
 * read, and Spark's "Job aborted … : <cause>" nests its task's exception as text. So a message is kept only for
 * types whose messages are written by code and name paths, tables, columns or rules: an allow-list, by class
 * name (this package sees no Spark, Delta or Hadoop class) and including subclasses. Everything else is
 * {@link #WITHHELD}.
 */
public final class SafeMessages {
    public static final String WITHHELD = "[message withheld: may contain row content]";

    /** Classes (and their subclasses) whose messages come from code, paths and names. */
    private static final Set<String> SAFE = Set.of(
            "uk.nhs.digitalmaturity.failure.PipelineFailure",
            "java.io.IOException",                      // file systems: paths and errno texts
            "java.lang.OutOfMemoryError",
            "java.lang.StackOverflowError",
            "java.lang.NullPointerException",           // helpful NPE messages name variables, not values
            "java.lang.ClassNotFoundException",
            "java.lang.NoClassDefFoundError",
            "java.lang.InterruptedException",
            "java.util.concurrent.TimeoutException",
            "java.util.ConcurrentModificationException", // Delta's concurrent-writer exceptions
            "org.apache.hadoop.fs.FSError",              // a local disk's IOException, wrapped
            "org.apache.spark.sql.AnalysisException",    // tables, columns and SQL from sql/
            "io.delta.exceptions.DeltaConcurrentModificationException");

    /** IOExceptions whose messages quote the text they parsed. */
    private static final List<String> UNSAFE_PREFIXES = List.of("com.fasterxml.jackson.", "com.univocity.");

    private SafeMessages() {
    }

    /** Whether {@code t}'s own message may be shown. */
    public static boolean safe(Throwable t) {
        String name = t.getClass().getName();
        if (UNSAFE_PREFIXES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (SAFE.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The message if it is safe (null if there is none), else {@link #WITHHELD}. */
    public static String message(Throwable t) {
        return safe(t) ? t.getMessage() : WITHHELD;
    }

    /** {@code class: message} as {@link Throwable#toString()} would print it, with the message withheld if need be. */
    public static String describe(Throwable t) {
        String message = message(t);
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
