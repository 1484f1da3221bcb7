package uk.nhs.digitalmaturity.benchmark;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.config.PipelineConfig;
import uk.nhs.digitalmaturity.config.SqlResources;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.ingest.StaffFteSummary;
import uk.nhs.digitalmaturity.model.SqlNames;
import uk.nhs.digitalmaturity.silver.CurrentViews;
import uk.nhs.digitalmaturity.silver.OrganisationGraph;

/**
 * Spark and DuckDB side by side on the heaviest queries, over the same data: the lakehouse's bronze and
 * restricted tables exported once as Parquet, read by both engines. Both run the text of {@code sql/} (DuckDB
 * through {@link DuckDbDialect}), in the same process, warm, each query timed from submission to the last row
 * fetched. Every result is compared value by value before any time is reported, so the two did the same work.
 */
final class PeerComparison {
    /** Relative tolerance of the equality check (DuckDB divides decimals in double precision). */
    static final double TOLERANCE = 1e-9;

    /** One compared query: the silver views it needs, its SQL file and a total order of its rows. */
    record Query(String name, String description, String sqlFile, String orderBy, boolean reporting) {
    }

    /** Medians of one query, and the largest relative difference seen between the engines. */
    record Timing(Query query, double sparkSeconds, double duckdbSeconds, long rows, double maxRelativeDifference) {
        double ratio() {
            return sparkSeconds / duckdbSeconds;
        }
    }

    static final List<Query> QUERIES = List.of(
            new Query("informatics_workforce", "Informatics workforce per trust per month",
                    "reporting/informatics_workforce.sql", "scope, reporting_unit, period", true),
            new Query("it_capex_per_fte", "IT capex per FTE (NAO Figure 7)",
                    "reporting/it_capex_per_fte.sql", "org_code", true),
            new Query("workforce_staff_fte", "Staff-level summary at ingest (every assignment of every month)",
                    "ingest/workforce_staff_fte.sql", "_source_file, period, org_code, occupation_code", false));

    /** The tables the queries read, as exported. */
    private static final List<String> TABLES = List.of(
            Source.ORGANISATIONS.qualifiedTable(), Source.SUCCESSORS.qualifiedTable(),
            Source.FINANCE_RETURNS.qualifiedTable(), Source.FINANCE_CODES.qualifiedTable(),
            Source.DEFLATORS.qualifiedTable(), Source.INFORMATICS_OCCUPATIONS.qualifiedTable(),
            Source.WORKFORCE_ORG.qualifiedTable(), Source.WORKFORCE_STAFF.qualifiedTable(),
            Zone.RESTRICTED.database() + "." + StaffFteSummary.TABLE);

    private final SparkSession spark;
    private final PipelineConfig config;
    private final LocalDate asAt;
    private final Path parquet;
    private final Map<String, String> silver;

    PeerComparison(SparkSession spark, PipelineConfig config, LocalDate asAt, Path parquet,
                   Map<String, String> silverViews) {
        this.spark = spark;
        this.config = config;
        this.asAt = asAt;
        this.parquet = parquet;
        this.silver = silverViews;
    }

    /**
     * Exports the lakehouse's tables (and the organisation map, which Java derives from them) as Parquet, and
     * points Spark's catalog at the export, so that both engines read the same files.
     */
    void export(String lakehouse) {
        for (String table : TABLES) {
            String[] parts = table.split("\\.");
            spark.read().format("delta").load(lakehouse + "/" + parts[0] + "/" + parts[1])
                    .write().mode("overwrite").parquet(parquetPath(table));
        }
        attachSparkToExport();
        OrganisationGraph.read(spark).registerMap(spark, config.organisationsAt(asAt));
        spark.table(OrganisationGraph.VIEW).coalesce(1).write().mode("overwrite").parquet(parquetPath(OrganisationGraph.VIEW));
        spark.read().parquet(parquetPath(OrganisationGraph.VIEW)).createOrReplaceTempView(OrganisationGraph.VIEW);
    }

    private void attachSparkToExport() {
        for (String table : TABLES) {
            String database = table.split("\\.")[0];
            spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
            spark.sql("DROP TABLE IF EXISTS " + table);
            spark.sql("CREATE TABLE " + table + " USING parquet LOCATION '" + parquetPath(table) + "'");
        }
        for (CurrentViews.View view : CurrentViews.all(asAt)) {
            if (TABLES.contains(view.table())) {
                spark.sql(view.sql()).createOrReplaceTempView(view.name());
            }
        }
    }

    private String parquetPath(String table) {
        return parquet.resolve(table).toAbsolutePath().toString();
    }

    /** Runs every query once to warm up and compare, then {@code repeats} times each, and keeps the medians. */
    List<Timing> run(int repeats) {
        Map<String, Object> parameters = config.sqlParameters(asAt);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            attachDuckDbToExport(duck, parameters);
            List<Timing> timings = new ArrayList<>();
            for (Query q : QUERIES) {
                defineViews(q, duck, parameters);
                List<List<Object>> sparkRows = sparkRows(q);
                List<List<Object>> duckRows = duckRows(duck, q);
                double difference = compare(q, sparkRows, duckRows);
                double[] sparkTimes = new double[repeats];
                double[] duckTimes = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    sparkRows(q);
                    long t1 = System.nanoTime();
                    duckRows(duck, q);
                    long t2 = System.nanoTime();
                    sparkTimes[i] = (t1 - t0) / 1e9;
                    duckTimes[i] = (t2 - t1) / 1e9;
                }
                timings.add(new Timing(q, Medians.of(sparkTimes), Medians.of(duckTimes), sparkRows.size(), difference));
            }
            return timings;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
        }
    }

    private void attachDuckDbToExport(Connection duck, Map<String, Object> parameters) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads TO " + Runtime.getRuntime().availableProcessors());
            for (String table : TABLES) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + table.split("\\.")[0]);
                s.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_parquet('"
                        + parquetPath(table) + "/*.parquet')");
            }
            s.execute("CREATE OR REPLACE VIEW " + OrganisationGraph.VIEW + " AS SELECT * FROM read_parquet('"
                    + parquetPath(OrganisationGraph.VIEW) + "/*.parquet')");
            for (CurrentViews.View view : CurrentViews.all(asAt)) {
                if (TABLES.contains(view.table())) {
                    s.execute("CREATE OR REPLACE VIEW " + view.name() + " AS "
                            + DuckDbDialect.translate(view.sql(), parameters));
                }
            }
        }
    }

    /** The silver views a query reads (directly or through each other), defined in both engines. */
    private void defineViews(Query q, Connection duck, Map<String, Object> parameters) throws SQLException {
        Map<String, Object> sparkParameters = parameters;
        if (q.sqlFile().startsWith("ingest/")) {
            // The summary is written from the new files' rows; here, from all of them.
            String all = "SELECT * FROM " + Source.WORKFORCE_STAFF.qualifiedTable();
            spark.sql(all).createOrReplaceTempView("new_workforce_staff");
            try (Statement s = duck.createStatement()) {
                s.execute("CREATE OR REPLACE VIEW new_workforce_staff AS " + all);
            }
        }
        for (String view : silverViewsRead(SqlResources.read(q.sqlFile()))) {
            spark.sql(silver.get(view), sparkParameters).createOrReplaceTempView(view);
            try (Statement s = duck.createStatement()) {
                s.execute("CREATE OR REPLACE VIEW " + view + " AS " + DuckDbDialect.translate(silver.get(view), parameters));
            }
        }
        spark.sql(SqlResources.read(q.sqlFile()), sparkParameters).createOrReplaceTempView("compared_" + q.name());
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW compared_" + q.name() + " AS "
                    + DuckDbDialect.translate(SqlResources.read(q.sqlFile()), parameters));
        }
    }

    /** Silver views read by the SQL, dependencies first. */
    private List<String> silverViewsRead(String sql) {
        List<String> ordered = new ArrayList<>();
        visit(sql, ordered, new TreeSet<>());
        return ordered;
    }

    private void visit(String sql, List<String> ordered, Set<String> seen) {
        for (String name : SqlNames.referenced(sql)) {
            if (silver.containsKey(name) && seen.add(name)) {
                visit(silver.get(name), ordered, seen);
                ordered.add(name);
            }
        }
    }

    private List<List<Object>> sparkRows(Query q) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : spark.sql("SELECT * FROM compared_" + q.name() + " ORDER BY " + q.orderBy()).collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                values.add(r.get(i));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<List<Object>> duckRows(Connection duck, Query q) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM compared_" + q.name() + " ORDER BY " + q.orderBy())) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getObject(i));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** The largest relative difference of any number; throws on any other difference. */
    static double compare(Query q, List<List<Object>> spark, List<List<Object>> duck) {
        if (spark.size() != duck.size()) {
            throw new IllegalStateException(q.name() + ": Spark returned " + spark.size() + " rows, DuckDB "
                    + duck.size());
        }
        double worst = 0;
        for (int r = 0; r < spark.size(); r++) {
            List<Object> a = spark.get(r);
            List<Object> b = duck.get(r);
            if (a.size() != b.size()) {
                throw new IllegalStateException(q.name() + ": row " + r + " has " + a.size() + " columns in Spark, "
                        + b.size() + " in DuckDB");
            }
            for (int c = 0; c < a.size(); c++) {
                worst = Math.max(worst, difference(q, r, c, a.get(c), b.get(c)));
            }
        }
        return worst;
    }

    private static double difference(Query q, int row, int column, Object a, Object b) {
        if (a == null || b == null) {
            if (a != b) {
                throw mismatch(q, row, column, a, b);
            }
            return 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal p = new BigDecimal(x.toString());
            BigDecimal d = new BigDecimal(y.toString());
            if (p.compareTo(d) == 0) {
                return 0;
            }
            double relative = p.subtract(d).abs().doubleValue() / Math.max(p.abs().doubleValue(), d.abs().doubleValue());
            if (relative > TOLERANCE) {
                throw mismatch(q, row, column, a, b);
            }
            return relative;
        }
        if (!a.toString().equals(b.toString())) {
            throw mismatch(q, row, column, a, b);
        }
        return 0;
    }

    private static IllegalStateException mismatch(Query q, int row, int column, Object a, Object b) {
        return new IllegalStateException(q.name() + ": row " + row + " column " + (column + 1) + " differs: Spark "
                + a + ", DuckDB " + b);
    }
}
