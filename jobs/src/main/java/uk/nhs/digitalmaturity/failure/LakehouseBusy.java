package uk.nhs.digitalmaturity.failure;

/**
 * Another process holds the lakehouse (exit code {@link ExitCodes#LAKEHOUSE_BUSY}): the refused run read and
 * wrote nothing, so it has no run record. The message names the holder (run id, host, pid, since when) and what
 * to do.
 */
public class LakehouseBusy extends PipelineFailure {
    public LakehouseBusy(String message) {
        // The status is never written (the run never got the lakehouse); FAILED is what it would be.
        super("lakehouse busy", ExitCodes.LAKEHOUSE_BUSY, RunStatus.FAILED, message, null);
    }
}
