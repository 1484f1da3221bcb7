package uk.nhs.digitalmaturity.failure;

import java.nio.file.Path;

/**
 * Anything the pipeline did not expect (a bug, a full disk, a lost executor): exit code 1, retrying may help.
 * Its line is a report, not a dump: {@code unexpected failure: <cause in plain words>; <what to do> (details:
 * <log file>)}, from {@link FailureReport}; the stack trace goes to the log file ({@link FailureLog}) with
 * every message that may carry row content withheld. The message (also written to {@code ops.runs}) is the
 * same line without its label.
 */
public final class UnexpectedFailure extends PipelineFailure {
    private final transient Path log;

    UnexpectedFailure(Throwable cause) {
        this(cause, null);
    }

    private UnexpectedFailure(Throwable cause, Path log) {
        super("unexpected failure", ExitCodes.UNEXPECTED_FAILURE, RunStatus.FAILED,
                FailureReport.of(cause).text() + (log != null ? " (details: " + log + ")" : ""), cause);
        this.log = log;
    }

    /**
     * {@code cause} as a failure whose log file is written now, into {@code folder} (null: the temp folder),
     * named {@code name} (null: a UTC time and the pid).
     */
    public static UnexpectedFailure logged(Throwable cause, Path folder, String name) {
        String text = "unexpected failure: " + FailureReport.of(cause).text();
        Path log = FailureLog.write(cause, text, folder, name);
        return log != null ? new UnexpectedFailure(cause, log)
                : new UnexpectedFailure(cause, Path.of("none: no log file could be written"));
    }

    /** This failure with a log file: itself if it has one, else one written to the temp folder. */
    public UnexpectedFailure logged() {
        return log != null ? this : logged(getCause(), null, null);
    }

    /** The log file, or null if it is not written yet. */
    public Path log() {
        return log;
    }
}
