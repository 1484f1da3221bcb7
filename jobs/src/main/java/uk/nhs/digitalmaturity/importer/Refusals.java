package uk.nhs.digitalmaturity.importer;

import java.nio.file.Path;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/** Builds the refusal for a file an importer does not recognise: it names the file, what was expected and why. */
final class Refusals {
    private Refusals() {
    }

    static ContractViolation notRecognised(Path file, ImportKind kind, String found) {
        return new ContractViolation(file + ": not recognised as " + kind.expectation() + ": " + found
                + ". Nothing was written.");
    }

    static ContractViolation notRecognised(Path file, ImportKind kind, String found, Throwable cause) {
        return new ContractViolation(file + ": not recognised as " + kind.expectation() + ": " + found
                + ". Nothing was written.", cause);
    }

    /** A recognised file with a value the importer cannot map (e.g. an unknown status label). */
    static ContractViolation badValue(Path file, String where, String problem) {
        return new ContractViolation(file + ", " + where + ": " + problem + ". Nothing was written.");
    }
}
