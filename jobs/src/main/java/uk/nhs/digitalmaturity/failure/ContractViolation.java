package uk.nhs.digitalmaturity.failure;

/**
 * A breach of the extract contract that stops the run (exit code {@link ExitCodes#CONTRACT_VIOLATION}).
 * The message names the file, the row where there is one, and the rule, and never a staff identifier.
 */
public class ContractViolation extends PipelineFailure {
    public ContractViolation(String message) {
        this(message, null);
    }

    public ContractViolation(String message, Throwable cause) {
        super("contract violation", ExitCodes.CONTRACT_VIOLATION, RunStatus.CONTRACT_VIOLATION, message, cause);
    }
}
