package uk.nhs.digitalmaturity.failure;

/**
 * A failure that ends a command, carrying what the scheduler and {@code ops.runs} are told: the exit code,
 * the run status and the words that open the error line. The one place a failure becomes an exit code:
 * the command line and the run both ask {@link #of(Throwable)}.
 */
public abstract class PipelineFailure extends RuntimeException {
    private final int exitCode;
    private final RunStatus status;
    private final String label;

    protected PipelineFailure(String label, int exitCode, RunStatus status, String message, Throwable cause) {
        super(message, cause);
        this.label = label;
        this.exitCode = exitCode;
        this.status = status;
    }

    /**
     * Any throwable as a failure: a {@code PipelineFailure} is itself, one that arrives as the cause of another
     * (a contract violation thrown inside a Spark task reaches the driver wrapped) is that cause, anything else
     * is unexpected.
     */
    public static PipelineFailure of(Throwable t) {
        for (Throwable c : FailureReport.chain(t)) {
            if (c instanceof PipelineFailure f) {
                return f;
            }
        }
        return new UnexpectedFailure(t);
    }

    public int exitCode() {
        return exitCode;
    }

    public RunStatus status() {
        return status;
    }

    /** The error line printed on standard error, e.g. {@code contract violation: <file>: row 2: <rule>}. */
    public String line() {
        return label + ": " + getMessage();
    }

    /** Whether the stack trace helps (a bug); an expected failure's message says all there is. */
    public boolean unexpected() {
        return exitCode == ExitCodes.UNEXPECTED_FAILURE;
    }
}
