package uk.nhs.digitalmaturity.failure;

/** An output table failed a data test (exit code {@link ExitCodes#DATA_TEST_FAILED}); it was not written. */
public class DataTestFailure extends RuntimeException {
    public DataTestFailure(String message) {
        super(message);
    }
}
