package uk.nhs.digitalmaturity.cli;

import picocli.CommandLine.IVersionProvider;
import uk.nhs.digitalmaturity.pipeline.CodeVersion;

/** `--version` prints the code version stamped into every run record and publication. */
public class CodeVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"nhs-digital " + CodeVersion.current().describe()};
    }
}
