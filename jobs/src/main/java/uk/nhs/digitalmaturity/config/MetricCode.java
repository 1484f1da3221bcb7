package uk.nhs.digitalmaturity.config;

import java.util.List;
import uk.nhs.digitalmaturity.contract.Sha256;

/**
 * The identity of everything in the code that can change a published number: the SQL of {@code sql/}, the Java
 * sources of the packages that validate, fold, compute and round ({@link #PACKAGES}, packed into the jar under
 * {@code metric-code/} by the build), and the defaults file. A run's id digests this, so a changed Wilcoxon
 * test or default parameter is a different run, and {@code verify} can tell that the code has moved.
 * Sources, not class files: the same source gives the same digest whichever compiler built the jar.
 */
public final class MetricCode {
    /** The packages whose Java can change a number (pom.xml packs the same list into metric-code/). */
    public static final List<String> PACKAGES = List.of("contract", "config", "ingest", "silver", "model", "publish");
    static final String SOURCES = "metric-code";
    static final String DEFAULTS = "pipeline-defaults.yaml";

    private MetricCode() {
    }

    /** SHA-256 over the names and contents of every file above, in a fixed order. */
    public static String digest() {
        return digest(MetricCode.class.getClassLoader());
    }

    /** As {@link #digest()}, reading the packaged files through {@code loader} (tests point it at a copy). */
    static String digest(ClassLoader loader) {
        Sha256.Texts sha = Sha256.texts();
        for (String root : List.of("sql", SOURCES)) {
            List<String> files = PackagedFiles.tree(loader, root);
            if (files.isEmpty()) {
                throw new IllegalStateException("no " + root + "/ in the jar: the build packs it (pom.xml)");
            }
            for (String file : files) {
                sha.add(root + "/" + file).add(new String(PackagedFiles.read(loader, root + "/" + file),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        sha.add(DEFAULTS).add(new String(PackagedFiles.read(loader, DEFAULTS), java.nio.charset.StandardCharsets.UTF_8));
        return sha.hex();
    }
}
