package uk.nhs.digitalmaturity.storage;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Zone;

/**
 * The lakehouse folder: one sub-folder per database ({@code bronze}, {@code restricted}, {@code reporting},
 * {@code ops}), a Delta table per sub-sub-folder, plus {@code publication/<as-at>/}. Tables are registered
 * in Spark's catalog as external tables over these paths, so BI tools can also read them straight from
 * Delta without any catalog.
 */
public class Lakehouse {
    /** The folder of the silver views kept between runs (not a database: they are never registered). */
    public static final String SILVER = "silver";

    private final String root;

    public Lakehouse(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** The lakehouse as a fully qualified path (a local folder becomes {@code file:/...}). */
    public static Lakehouse at(SparkSession spark, String location) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(path);
            return new Lakehouse(fs.makeQualified(path).toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create lakehouse " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lakehouse at {@code location} if the folder exists, else null: the commands that only read (runs, sql,
     * serve, export, verify) must not create an empty lakehouse where a path was mistyped.
     */
    public static Lakehouse existing(org.apache.hadoop.conf.Configuration hadoop, String location) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(hadoop);
            return fs.exists(path) ? new Lakehouse(fs.makeQualified(path).toString()) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read lakehouse " + location + ": " + e.getMessage(), e);
        }
    }

    public String root() {
        return root;
    }

    public String tablePath(Zone zone, String table) {
        return root + "/" + zone.database() + "/" + table;
    }

    /** A silver view kept between runs ({@code silver/<view>/}: internal, not registered, not published). */
    public String silverPath(String view) {
        return root + "/" + SILVER + "/" + view;
    }

    /**
     * Every Delta table of the lakehouse, {@code zone.table} (as runs name them; {@code silver.<view>} for the
     * stored views) to its path, in the order of the data: bronze, restricted, silver, reporting, ops; tables in a
     * folder by name.
     */
    public java.util.Map<String, String> deltaTables(SparkSession spark) {
        java.util.List<String> folders = new java.util.ArrayList<>();
        for (Zone zone : Zone.values()) {
            folders.add(zone.database());
            if (zone == Zone.RESTRICTED) {
                folders.add(SILVER);
            }
        }
        java.util.Map<String, String> tables = new java.util.LinkedHashMap<>();
        try {
            for (String folder : folders) {
                Path dir = new Path(root + "/" + folder);
                FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
                if (!fs.exists(dir)) {
                    continue;
                }
                java.util.List<String> names = new java.util.ArrayList<>();
                for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(dir)) {
                    if (f.isDirectory() && fs.exists(new Path(f.getPath(), "_delta_log"))) {
                        names.add(f.getPath().getName());
                    }
                }
                java.util.Collections.sort(names);
                names.forEach(n -> tables.put(folder + "." + n, root + "/" + folder + "/" + n));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the tables of " + root + ": " + e.getMessage(), e);
        }
        return tables;
    }

    public String publicationPath(LocalDate asAt) {
        return root + "/publication/" + asAt;
    }

    public String notebooksPath(LocalDate asAt) {
        return root + "/notebooks/" + asAt;
    }

    /**
     * The notebooks' query results kept for later runs: beside the ledgers in {@code ops/}, under a leading
     * underscore (not a table; no listing of tables takes it for one), and not in the notebooks' folder, which
     * holds notebooks alone.
     */
    public String notebookResultsPath() {
        return root + "/" + Zone.OPS.database() + "/_notebook_results";
    }

    /** Creates the databases (without locations: dropping one must never delete a folder). */
    public void createDatabases(SparkSession spark) {
        for (Zone zone : Zone.values()) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + zone.database());
        }
    }

    private static boolean registeredAt(SparkSession spark, Zone zone, String table, String path) {
        org.apache.spark.sql.catalyst.TableIdentifier id = new org.apache.spark.sql.catalyst.TableIdentifier(
                table, scala.Option.apply(zone.database()));
        org.apache.spark.sql.catalyst.catalog.SessionCatalog catalog = spark.sessionState().catalog();
        try {
            return catalog.tableExists(id) && new Path(catalog.getTableMetadata(id).location()).equals(new Path(path));
        } catch (Exception e) { // NoSuchDatabaseException is checked in Scala's eyes only
            return false;
        }
    }

    /** Points {@code zone.table} at this lakehouse's folder, if the Delta table exists there. */
    public void register(SparkSession spark, Zone zone, String table) {
        String path = tablePath(zone, table);
        String name = zone.database() + "." + table;
        if (registeredAt(spark, zone, table, path)) {
            return;
        }
        // External tables: dropping the registration leaves the data where it is.
        spark.sql("DROP TABLE IF EXISTS " + name);
        if (DeltaTables.exists(spark, path)) {
            spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + path.replace("'", "\\'") + "'");
        }
    }
}
