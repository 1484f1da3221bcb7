package uk.nhs.digitalmaturity.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/nhs-digital} as a child process, as cron or Airflow starts it. The launcher {@code exec}s java, so
 * the child is the JVM itself: killing it is killing the run. Integration tests run after {@code package}, so
 * the jar is fresh and the launcher must not rebuild (a {@code building} line says it did).
 */
public final class Launcher {
    /** Generous for the fixtures, and no larger than the launcher's own default (3g). */
    public static final String HEAP = "2g";

    private Launcher() {
    }

    public static ChildProcess start(String name, String... args) {
        return startWithHeap(HEAP, name, args);
    }

    /** As {@link #start}, with the heap a bigger landing zone (the sample's) needs. */
    public static ChildProcess startWithHeap(String heap, String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Repo.root().resolve("bin/nhs-digital").toString());
        command.addAll(List.of(args));
        return ChildProcess.start(name, command, Map.of("NHS_DIGITAL_HEAP", heap, "SPARK_LOCAL_IP", "127.0.0.1"),
                Repo.root());
    }

    /** {@code run} of a landing zone into a lakehouse as at the fixtures' date, without notebooks. */
    public static ChildProcess run(String name, Path landing, Path lakehouse, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--landing", landing.toString(), "--lakehouse",
                lakehouse.toString(), "--as-at", AsAt.FIXTURES, "--no-notebooks"));
        args.addAll(List.of(more));
        return start(name, args.toArray(String[]::new));
    }

    /** True when the child's command is java: the launcher exec'd, so no shell is left between us and the JVM. */
    public static boolean isJava(ChildProcess child) {
        return child.handle().info().command().map(c -> Path.of(c).getFileName().toString().equals("java"))
                .orElse(false);
    }
}
