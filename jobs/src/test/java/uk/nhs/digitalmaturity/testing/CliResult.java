package uk.nhs.digitalmaturity.testing;

/** What a command printed and how it ended. */
public record CliResult(int exitCode, String out, String err) {
    /** Both streams, for assertion messages. */
    public String printed() {
        return out + err;
    }
}
