package uk.nhs.digitalmaturity.failure;

/**
 * The process exit codes, documented in the README. Schedulers (cron, Airflow) branch on these, so they
 * never change meaning.
 */
public final class ExitCodes {
    /** The run finished; outputs are current (possibly because nothing had changed). */
    public static final int OK = 0;
    /** Something unexpected failed (a bug, a full disk, a lost executor): retrying may help. */
    public static final int UNEXPECTED_FAILURE = 1;
    /** The command line was wrong (picocli's own convention for usage errors). */
    public static final int USAGE = 2;
    /**
     * The landing zone breaks the extract contract in a way that makes the run meaningless (a changed
     * landing file, a successor cycle, a missing deflator year, an unreadable or unrecognised file).
     * Retrying will not help: the data must be fixed.
     */
    public static final int CONTRACT_VIOLATION = 3;
    /** An output table failed one of its data tests (sql/reporting/*.yml): nothing was published. */
    public static final int DATA_TEST_FAILED = 4;
    /**
     * Another run (or maintenance) holds the lakehouse's lock: nothing was read or written. Retry later, or
     * give {@code run --wait-for-lock SECONDS}.
     */
    public static final int LAKEHOUSE_BUSY = 5;
    /**
     * {@code verify}: recomputed from bronze, the run's publication pack is not the one it published (the report
     * names each file and table that differs, and the first keys). Bronze, or the history under it, changed.
     */
    public static final int NOT_REPRODUCED = 6;
    /**
     * {@code verify}: this build's code version is not the run's, so a difference would prove nothing about the
     * data. Verify with the run's release, or give {@code --allow-code-change} to see which tables the code changed.
     */
    public static final int CODE_CHANGED = 7;

    private ExitCodes() {
    }
}
