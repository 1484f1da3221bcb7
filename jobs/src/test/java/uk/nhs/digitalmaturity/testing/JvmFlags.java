package uk.nhs.digitalmaturity.testing;

import java.util.List;

/**
 * Spark's Java 17 flags ({@code org.apache.spark.launcher.JavaModuleOptions}), for a JVM a test starts itself.
 * The same list as {@code bin/nhs-digital} and {@code spark.jvm.flags} in pom.xml: the test JVM runs with them, so
 * they are read back from its own arguments rather than copied a third time.
 */
public final class JvmFlags {
    private JvmFlags() {
    }

    public static List<String> spark() {
        List<String> flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.equals("-Djdk.reflect.useDirectMethodHandle=false"))
                .toList();
        if (flags.stream().noneMatch(a -> a.startsWith("--add-opens"))) {
            throw new IllegalStateException("this JVM was started without Spark's --add-opens flags (see pom.xml)");
        }
        return flags;
    }
}
