package uk.nhs.digitalmaturity.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The files of {@code sql/}, as packaged in the jar (the build copies the repository's {@code sql/} folder
 * verbatim, so what runs is what an auditor reads).
 */
public final class SqlResources {
    private SqlResources() {
    }

    /** File names in a folder of {@code sql/}, sorted. */
    public static List<String> list(String folder) {
        return PackagedFiles.tree("sql/" + folder).stream().filter(f -> !f.contains("/")).toList();
    }

    public static String read(String relative) {
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream("sql/" + relative)) {
            if (in == null) {
                throw new IllegalStateException("missing sql/" + relative);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sql/" + relative, e);
        }
    }

}
