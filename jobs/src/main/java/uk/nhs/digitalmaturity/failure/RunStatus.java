package uk.nhs.digitalmaturity.failure;

/** How an execution ended. */
public enum RunStatus {
    RUNNING,
    /** New data was ingested or tables were rebuilt. */
    SUCCEEDED,
    /** Nothing new since the last run with the same inputs and parameters: no table was written. */
    NOTHING_TO_DO,
    CONTRACT_VIOLATION,
    DATA_TEST_FAILED,
    FAILED
}
