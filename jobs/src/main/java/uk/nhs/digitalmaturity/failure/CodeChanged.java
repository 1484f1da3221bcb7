package uk.nhs.digitalmaturity.failure;

/**
 * {@code verify} refused (exit code {@link ExitCodes#CODE_CHANGED}): the run was computed by other metric code than
 * this build's, so nothing was recomputed. The message names both code versions and the way round.
 */
public class CodeChanged extends PipelineFailure {
    public CodeChanged(String message) {
        super("code changed", ExitCodes.CODE_CHANGED, RunStatus.FAILED, message, null);
    }
}
