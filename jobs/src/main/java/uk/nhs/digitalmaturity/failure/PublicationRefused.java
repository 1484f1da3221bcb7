package uk.nhs.digitalmaturity.failure;

/**
 * The leak scan found something restricted in a reporting table or in the pack, so nothing was published.
 * It shares the data-test exit code and status (4, {@code DATA_TEST_FAILED}): to a scheduler both mean
 * "the outputs are not fit to publish; look at the inputs or the SQL".
 */
public class PublicationRefused extends PipelineFailure {
    public PublicationRefused(String message) {
        super("data test failed", ExitCodes.DATA_TEST_FAILED, RunStatus.DATA_TEST_FAILED, message, null);
    }
}
