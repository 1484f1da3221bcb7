package uk.nhs.digitalmaturity.failure;

/**
 * {@code verify} found a difference (exit code {@link ExitCodes#NOT_REPRODUCED}): recomputed from the run's own
 * bronze rows, parameters and code, the pack is not the one the run published. The difference report is printed
 * before; the message says how many files differ and where the scratch lakehouse was kept.
 */
public class NotReproduced extends PipelineFailure {
    public NotReproduced(String message) {
        super("not reproduced", ExitCodes.NOT_REPRODUCED, RunStatus.FAILED, message, null);
    }
}
