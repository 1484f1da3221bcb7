package uk.nhs.digitalmaturity.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import uk.nhs.digitalmaturity.console.Progress;
import uk.nhs.digitalmaturity.failure.ExitCodes;
import uk.nhs.digitalmaturity.serve.ReadOnlySession;
import uk.nhs.digitalmaturity.serve.ServedCatalog;
import uk.nhs.digitalmaturity.serve.SqlEndpoint;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/** {@code nhs-digital serve}: the reporting tables and the run history, read-only, to BI tools over JDBC/ODBC. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the lakehouse's reporting tables (database reporting) and run history (database audit)",
                "read-only over JDBC/ODBC (Spark's Thrift server, HiveServer2 protocol) until stopped (Ctrl-C, SIGTERM).",
                "Tables a nightly run rewrites are served at their new versions without a restart."})
public class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lakehouse", defaultValue = "lakehouse", description = "Lakehouse folder (default: ${DEFAULT-VALUE})")
    String lakehouse;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = {"Address to listen on (default: ${DEFAULT-VALUE},"
            + " this machine only); 0.0.0.0 listens on every interface: put authentication and TLS in front (README)"})
    String host;

    @Option(names = "--port", defaultValue = "10000", description = "Port (default: ${DEFAULT-VALUE}, HiveServer2's)")
    int port;

    @Option(names = "--refresh-seconds", defaultValue = "10", description = {
            "How often to look for tables a run has rewritten or added (default: ${DEFAULT-VALUE})"})
    int refreshSeconds;

    @Override
    public Integer call() throws InterruptedException {
        Lakehouse lake = ReadOnlySession.existing(lakehouse);
        if (lake == null) {
            return usage("no lakehouse at " + lakehouse + ": run `nhs-digital run` first, or give --lakehouse");
        }
        if (port < 1 || port > 65535 || refreshSeconds < 1) {
            return usage("--port must be 1 to 65535 and --refresh-seconds at least 1");
        }
        try {
            SqlEndpoint.requireFree(host, port);
        } catch (SqlEndpoint.PortInUse e) {
            return usage(e.getMessage());
        }
        Progress progress = new Progress(System.out);
        SparkSession spark = ReadOnlySession.open(lake);
        ServedCatalog catalog = new ServedCatalog(spark, lake);
        catalog.refresh();
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> stop.countDown());
        }
        SqlEndpoint endpoint;
        try {
            endpoint = SqlEndpoint.start(spark, catalog, host, port, Duration.ofSeconds(refreshSeconds),
                    line -> progress.line("%s", line));
        } catch (SqlEndpoint.PortInUse e) {
            return usage(e.getMessage());
        }
        progress.line("serving %s on jdbc:hive2://%s:%d/reporting (%d reporting tables, %d audit views; read-only)",
                lake.root(), host, port, catalog.tables(), catalog.views());
        stop.await();
        endpoint.close();
        progress.line("stopped: jdbc:hive2://%s:%d", host, port);
        return ExitCodes.OK;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("usage: " + message);
        return ExitCodes.USAGE;
    }
}
