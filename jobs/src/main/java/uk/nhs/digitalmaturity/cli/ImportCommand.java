package uk.nhs.digitalmaturity.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: replaced by the real command. */
@Command(name = "import", description = "(not yet implemented)")
public class ImportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.UNEXPECTED_FAILURE;
    }
}
