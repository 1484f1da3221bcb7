package uk.nhs.digitalmaturity.failure;

/** Anything the pipeline did not expect (a bug, a full disk, a lost executor): exit code 1, retrying may help. */
public final class UnexpectedFailure extends PipelineFailure {
    UnexpectedFailure(Throwable cause) {
        super("unexpected failure", ExitCodes.UNEXPECTED_FAILURE, RunStatus.FAILED, String.valueOf(cause), cause);
    }

    /** The error line keeps the form the README documents: {@code unexpected failure: <exception>}. */
    @Override
    public String line() {
        return "unexpected failure: " + getCause();
    }
}
