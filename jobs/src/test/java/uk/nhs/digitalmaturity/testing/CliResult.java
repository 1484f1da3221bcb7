package uk.nhs.digitalmaturity.testing;

/** What a command printed and how it ended. */
public record CliResult(int exitCode, String out, String err) {
    /** Both streams, as printed. */
    public String printed() {
        return out + err;
    }

    /** The exit code and both streams, labelled, for assertion messages. */
    public String summary() {
        return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
    }
}
