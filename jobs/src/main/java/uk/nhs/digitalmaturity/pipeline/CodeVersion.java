package uk.nhs.digitalmaturity.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which code produced a result. {@code release} is the Maven project version; {@code gitCommit} is the
 * commit the jar was built from ("unknown" outside a git checkout).
 */
public record CodeVersion(String release, String gitCommit, boolean dirty) {

    public static CodeVersion current() {
        Properties git = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("/nhs-digital-git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read nhs-digital-git.properties", e);
        }
        String release = CodeVersion.class.getPackage().getImplementationVersion();
        return new CodeVersion(release == null ? "0.1.0" : release,
                git.getProperty("git.commit.id", "unknown"),
                Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    public String describe() {
        return release + " (commit " + gitCommit + (dirty ? ", uncommitted changes" : "") + ")";
    }
}
