package uk.nhs.digitalmaturity.runrecord;

import java.io.PrintStream;

/**
 * One line per stage on standard output, for the person or scheduler watching a run. Lines carry counts,
 * table names and file names, never a row's values.
 */
public class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void line(String format, Object... args) {
        out.println(String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }
}
