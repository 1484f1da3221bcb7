package uk.nhs.digitalmaturity.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: replaced by the real command. */
@Command(name = "generate-sample", description = "(not yet implemented)")
public class GenerateSampleCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.UNEXPECTED_FAILURE;
    }
}
