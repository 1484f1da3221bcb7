package uk.nhs.digitalmaturity.failure;

/** How an execution ended. */
public enum RunStatus {
    /** Started and not ended yet; a row left so by a process that died is marked {@link #ABANDONED}. */
    RUNNING,
    /** New data was ingested or tables were rebuilt. */
    SUCCEEDED,
    /** Nothing new since the last run with the same inputs and parameters: no table was written. */
    NOTHING_TO_DO,
    CONTRACT_VIOLATION,
    DATA_TEST_FAILED,
    FAILED,
    /**
     * {@code maintain} ended well: tables compacted, checkpointed and vacuumed, no data changed. A status of its
     * own, so that a run looking for the last good run (SUCCEEDED or NOTHING_TO_DO) never takes maintenance for one.
     */
    MAINTAINED,
    /**
     * Left {@code RUNNING} by a process that died (killed, a node lost): the next run, holding the lakehouse's
     * lock and so sure that nobody else runs, marks it so and does the work again.
     */
    ABANDONED
}
