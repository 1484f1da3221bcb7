package uk.nhs.digitalmaturity.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * Spark's Thrift JDBC/ODBC server (HiveServer2 protocol: Hive JDBC, Spark ODBC, PyHive, BI tools' Spark
 * connectors) over a {@link ReadOnlySession}, with a thread that calls {@link ServedCatalog#refresh} so that
 * what a nightly run writes is served without a restart.
 */
public final class SqlEndpoint implements AutoCloseable {
    private final HiveThriftServer2 server;
    private final ScheduledExecutorService refresher;

    private SqlEndpoint(HiveThriftServer2 server, ScheduledExecutorService refresher) {
        this.server = server;
        this.refresher = refresher;
    }

    /** The port is taken (by another endpoint, or anything else): a usage error naming it. */
    public static final class PortInUse extends RuntimeException {
        PortInUse(String host, int port) {
            super("port " + port + " on " + host + " is in use: stop what holds it, or choose another --port");
        }
    }

    /**
     * Starts listening on {@code host:port} and returns once clients can connect. {@code changes} receives a
     * line for each table the refresher registers again.
     */
    public static SqlEndpoint start(SparkSession spark, ServedCatalog catalog, String host, int port,
                                    Duration refreshEvery, Consumer<String> changes) {
        requireFree(host, port);
        Configuration hive = spark.sparkContext().hadoopConfiguration();
        hive.set("hive.server2.thrift.bind.host", host);
        hive.set("hive.server2.thrift.port", String.valueOf(port));
        hive.set("hive.server2.transport.mode", "binary");
        // Hive's per-query log files (in the temp folder) would keep every statement and its errors on disk.
        hive.set("hive.server2.logging.operation.enabled", "false");
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "served-catalog-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = refreshEvery.toMillis();
        refresher.scheduleWithFixedDelay(() -> {
            try {
                catalog.refresh().forEach(c -> changes.accept("reloaded " + c));
            } catch (RuntimeException e) {
                // A run mid-write (a table folder without its first commit yet): try again next time.
                changes.accept("reload postponed: " + e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new SqlEndpoint(server, refresher);
    }

    /**
     * Refuses a port that is taken, before anything starts: Hive's own failure to bind is a stack trace on a
     * background thread, after Spark has started.
     */
    public static void requireFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw new PortInUse(host, port);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        server.stop();
    }
}
