package uk.nhs.digitalmaturity.console;

import java.io.PrintStream;

/**
 * One line per stage on standard output, for the person or scheduler watching a run, with the seconds the
 * stage took. Lines carry counts, table names and file names, never a row's values.
 */
public class Progress {
    private final PrintStream out;
    private final String indent;
    private long last = System.nanoTime();

    public Progress(PrintStream out) {
        this(out, "");
    }

    private Progress(PrintStream out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    /** The same output, each line indented: the stages of a run within another command ({@code verify}). */
    public Progress indented() {
        return new Progress(out, indent + "  ");
    }

    public void line(String format, Object... args) {
        long now = System.nanoTime();
        out.println(indent + String.format(java.util.Locale.ROOT, format, args)
                + String.format(java.util.Locale.ROOT, "  [%.1f s]", (now - last) / 1e9));
        last = now;
        out.flush();
    }
}
