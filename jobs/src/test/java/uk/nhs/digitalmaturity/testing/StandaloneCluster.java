package uk.nhs.digitalmaturity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A standalone Spark cluster on 127.0.0.1, as an operator starts one: a Master and one Worker, each its own JVM
 * from the Maven classpath, on free ports. The Worker starts its executors from {@code $SPARK_HOME/jars}, as in
 * a Spark distribution; here that folder holds links to the jars of {@code target/local-classpath.txt} (Spark,
 * Delta and their dependencies), so the executors run the very versions the project builds against.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final Duration START = Duration.ofMinutes(3);

    private final Path sparkHome;
    private final Path workDir;
    private final int masterPort = FreePort.next();
    private final int masterWebPort = FreePort.next();
    private final List<ChildProcess> daemons = new ArrayList<>();

    private StandaloneCluster(Path dir) {
        this.sparkHome = dir.resolve("spark-home");
        this.workDir = dir.resolve("work");
    }

    /**
     * Starts the Master, then a Worker with two cores and 1500 MiB, and waits until it has registered. Two
     * cores, as the machine has: the pipeline builds four tables at once, and with one core their tasks queued
     * behind each other on the executor.
     */
    public static StandaloneCluster start(Path dir) {
        StandaloneCluster cluster = new StandaloneCluster(dir);
        try {
            cluster.linkJars();
            ChildProcess master = cluster.daemon("spark-master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.masterWebPort));
            master.awaitStderr(l -> l.contains("I have been elected leader"), START);
            ChildProcess worker = cluster.daemon("spark-worker", "org.apache.spark.deploy.worker.Worker",
                    cluster.masterUrl(), "--host", "127.0.0.1", "--webui-port", String.valueOf(FreePort.next()),
                    "--cores", "2", "--memory", "1500m", "--work-dir", cluster.workDir.toString());
            worker.awaitStderr(l -> l.contains("Successfully registered with master"), START);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Master's status page as JSON: workers, and running and completed applications. */
    public String masterStatusUrl() {
        return "http://127.0.0.1:" + masterWebPort + "/json/";
    }

    /** Where the Worker keeps one folder per application, one per executor inside it (with its stderr). */
    public Path workDir() {
        return workDir;
    }

    /** The environment a cluster JVM (daemon or driver) needs: where Spark is, and the loopback address. */
    public Map<String, String> environment() {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12",
                "SPARK_LOCAL_IP", "127.0.0.1");
    }

    /** A JVM on the Maven classpath (Spark and Delta, not our jar) with Spark's Java 17 flags. */
    public ChildProcess java(String name, String heap, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        command.addAll(JvmFlags.spark());
        command.addAll(List.of("-cp", mavenClasspath(), mainClass));
        command.addAll(args);
        return ChildProcess.start(name, command, environment(), Repo.root());
    }

    private ChildProcess daemon(String name, String mainClass, String... args) {
        ChildProcess daemon = java(name, "512m", mainClass, List.of(args));
        daemons.add(daemon);
        return daemon;
    }

    /** Spark and Delta with their dependencies, as {@code package} wrote them for the launcher. */
    public static String mavenClasspath() {
        try {
            return Files.readString(Repo.buildDir().resolve("local-classpath.txt")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void linkJars() {
        try {
            Path jars = Files.createDirectories(sparkHome.resolve("jars"));
            int i = 0;
            for (String jar : mavenClasspath().split(java.io.File.pathSeparator)) {
                // numbered: two artifacts of different groups may share a file name
                Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", ++i, Path.of(jar).getFileName())),
                        Path.of(jar));
            }
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the Worker (and the executors it started), then the Master, whatever state they are in. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).kill();
        }
    }
}
