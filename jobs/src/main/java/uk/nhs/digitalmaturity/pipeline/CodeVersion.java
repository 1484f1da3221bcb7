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
        // The project version as Maven wrote it at build time: the same for the jar and for the classes the tests
        // run from (a jar manifest's version is missing there); "unknown" only for classes built without Maven.
        String manifest = CodeVersion.class.getPackage().getImplementationVersion();
        String release = git.getProperty("git.build.version", manifest == null ? "unknown" : manifest);
        return new CodeVersion(release,
                git.getProperty("git.commit.id", "unknown"),
                Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }

    public String describe() {
        return release + " (commit " + gitCommit + (dirty ? ", uncommitted changes" : "") + ")";
    }
}
