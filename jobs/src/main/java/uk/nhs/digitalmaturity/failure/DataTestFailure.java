package uk.nhs.digitalmaturity.failure;

/** An output table failed a data test (exit code {@link ExitCodes#DATA_TEST_FAILED}); it was not written. */
public class DataTestFailure extends PipelineFailure {
    public DataTestFailure(String message) {
        super("data test failed", ExitCodes.DATA_TEST_FAILED, RunStatus.DATA_TEST_FAILED, message, null);
    }
}
