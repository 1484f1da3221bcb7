package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.ChildProcess;
import uk.nhs.digitalmaturity.testing.DeltaVersions;
import uk.nhs.digitalmaturity.testing.FreePort;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Launcher;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The SQL endpoint as a BI tool meets it: {@code serve} started as a child process on a free port of 127.0.0.1
 * over a lakehouse of the sample data, and Hive's own JDBC driver (the one DBeaver and Spark's beeline use)
 * connecting to it. Then {@code sql}, the one-shot command, on the same lakehouse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlEndpointIT {
    private static final Duration RUN = Duration.ofMinutes(20);
    private static final Duration START = Duration.ofMinutes(3);
    private static final String SAMPLE_HEAP = "3g";
    /** The run-history views (README, "Auditing a published figure"). */
    private static final Set<String> AUDIT_VIEWS = Set.of("runs", "run_parameters", "run_inputs", "run_outputs");

    private static long classStarted;
    private static Path lakehouse;
    private static int port;
    private static ChildProcess serve;
    private static Map<String, Long> versionsBefore;

    @BeforeAll
    static void serveTheSample() throws IOException {
        classStarted = System.nanoTime();
        lakehouse = Files.createTempDirectory("sql-endpoint-it").resolve("lakehouse");
        String reuse = System.getProperty("sqlEndpointIT.sampleLakehouse");
        if (reuse != null) { // while working on the endpoint: a copy of a fresh sample lakehouse made earlier
            Landings.copy(Path.of(reuse), lakehouse);
        } else {
            try (ChildProcess run = sample("sample run")) {
                assertEquals(0, run.waitFor(RUN), run.printed());
            }
        }
        versionsBefore = DeltaVersions.of(lakehouse);
        port = FreePort.next();
        serve = Launcher.start("serve", "serve", "--lakehouse", lakehouse.toString(), "--port", String.valueOf(port),
                "--refresh-seconds", "2");
        serve.awaitStdout(l -> l.startsWith("serving "), 1, START);
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        System.out.printf("SqlEndpointIT wall time: %.0f s%n", (System.nanoTime() - classStarted) / 1e9);
    }

    private static ChildProcess sample(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--landing", Repo.sampleData().toString(), "--lakehouse",
                lakehouse.toString(), "--as-at", AsAt.SAMPLE, "--no-notebooks"));
        args.addAll(List.of(more));
        return Launcher.startWithHeap(SAMPLE_HEAP, name, args.toArray(String[]::new));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/reporting", "analyst", "");
    }

    /** The reporting tables in the lakehouse, from its folders (what the endpoint must list, no more). */
    private static Set<String> reportingFolders() throws IOException {
        try (Stream<Path> tables = Files.list(lakehouse.resolve("reporting"))) {
            return tables.filter(t -> Files.isDirectory(t.resolve("_delta_log")))
                    .map(t -> t.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    @Order(1)
    void theCatalogListsTheReportingTablesAndTheAuditViewsOnly() throws Exception {
        Set<String> schemas = new TreeSet<>();
        Map<String, Set<String>> tables = new TreeMap<>();
        Map<String, String> tableRemarks = new TreeMap<>();
        Map<String, String> columnRemarks = new TreeMap<>();
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet r = md.getSchemas()) {
                while (r.next()) {
                    schemas.add(r.getString("TABLE_SCHEM"));
                }
            }
            try (ResultSet r = md.getTables(null, "%", "%", null)) {
                while (r.next()) {
                    String schema = r.getString("TABLE_SCHEM");
                    tables.computeIfAbsent(schema, k -> new TreeSet<>()).add(r.getString("TABLE_NAME"));
                    tableRemarks.put(schema + "." + r.getString("TABLE_NAME"), r.getString("REMARKS"));
                }
            }
            try (ResultSet r = md.getColumns(null, "reporting", "trust_scorecard", "%")) {
                while (r.next()) {
                    columnRemarks.put(r.getString("COLUMN_NAME"), r.getString("REMARKS"));
                }
            }
        }
        // Spark always has an empty `default` database (it cannot be dropped) and lists `global_temp`.
        assertEquals(Set.of("audit", "default", "global_temp", "reporting"), schemas);
        assertEquals(Set.of("audit", "reporting"), tables.keySet(), tables.toString());
        assertEquals(reportingFolders(), tables.get("reporting"));
        assertEquals(26, tables.get("reporting").size(), "the twenty-six reporting tables of sql/reporting/");
        assertEquals(AUDIT_VIEWS, tables.get("audit"));
        // Comments as written in sql/reporting/trust_scorecard.yml.
        assertTrue(tableRemarks.get("reporting.trust_scorecard").startsWith("One row per NHS trust current at the "
                + "organisations date"), tableRemarks.get("reporting.trust_scorecard"));
        assertEquals("ODS code of the trust", columnRemarks.get("org_code"));
        assertEquals("Trust name", columnRemarks.get("org_name"));
        assertTrue(tableRemarks.get("audit.run_outputs").startsWith("Every reporting table of every execution"));
    }

    @Test
    @Order(2)
    void aQueryReturnsTheDeltaTablesRows() throws Exception {
        List<String> overJdbc;
        try (Connection c = connect()) {
            overJdbc = rows(c, "SELECT * FROM reporting.dspt_summary").stream().map(r -> String.join("|", r))
                    .sorted().toList();
            // Paragraph 2.11 of the report: in 2019-20, 223 trusts returned a DSPT assessment and 62 passed.
            assertEquals(List.of(List.of("223", "62")), rows(c, "SELECT DISTINCT trusts_returned, trusts_passed "
                    + "FROM reporting.dspt_summary WHERE dspt_year = '2019-20'"));
        }
        List<String> inDelta = SharedSpark.table(lakehouse, "reporting/dspt_summary").collectAsList().stream()
                .map(SqlEndpointIT::joined).sorted().toList();
        assertFalse(inDelta.isEmpty());
        assertEquals(inDelta, overJdbc);
    }

    /** What a BI tool and an analyst do besides SELECT: look around the catalog, travel in time, set the zone. */
    @Test
    @Order(2)
    void lookUpsAndTimeTravelWork() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertTrue(rows(c, "SHOW DATABASES").stream().anyMatch(r -> r.get(0).equals("audit")));
            assertEquals(26, rows(c, "SHOW TABLES IN reporting").size());
            assertTrue(rows(c, "DESCRIBE reporting.dspt_summary").stream().anyMatch(r -> r.get(0).equals("trusts_passed")));
            assertTrue(rows(c, "SHOW COLUMNS IN audit.run_outputs").stream().anyMatch(r -> r.get(0).equals("delta_version")));
            s.execute("SET spark.sql.session.timeZone = Europe/London");
            s.execute("USE audit");
            assertEquals(List.of(List.of("1")), rows(c, "SELECT count(*) FROM runs"));
            // Version 1 is the sample run's (a fresh lakehouse): the 2019-20 figures of paragraph 2.11 again.
            assertEquals(List.of(List.of("223", "62")), rows(c, "SELECT DISTINCT trusts_returned, trusts_passed "
                    + "FROM reporting.dspt_summary VERSION AS OF 1 WHERE dspt_year = '2019-20'"));
        }
        assertEquals(versionsBefore, DeltaVersions.of(lakehouse));
    }

    private static String joined(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.isNullAt(i) ? null : String.valueOf(row.get(i)));
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    /** Every kind of write the issue names, and the catalog changes around them. */
    private static List<String> writes() {
        String staff = lakehouse.resolve("restricted/workforce_staff").toUri().toString();
        String dspt = lakehouse.resolve("reporting/dspt_summary").toUri().toString();
        return List.of(
                "INSERT INTO reporting.dspt_summary SELECT * FROM reporting.dspt_summary",
                "INSERT OVERWRITE TABLE reporting.dspt_summary SELECT * FROM reporting.dspt_summary",
                "INSERT INTO delta.`" + dspt + "` SELECT * FROM reporting.dspt_summary",
                "CREATE TABLE reporting.copy AS SELECT * FROM reporting.dspt_summary",
                "CREATE TABLE reporting.copy USING delta AS SELECT * FROM reporting.dspt_summary",
                "CREATE TABLE reporting.staff USING delta LOCATION '" + staff + "'",
                "CREATE TABLE reporting.empty (a INT) USING parquet",
                "CREATE VIEW reporting.v AS SELECT 1 AS one",
                "CREATE TEMPORARY VIEW v AS SELECT 1 AS one",
                "DROP TABLE reporting.dspt_summary",
                "DROP VIEW audit.runs",
                "DROP DATABASE reporting CASCADE",
                "ALTER TABLE reporting.dspt_summary SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')",
                "ALTER TABLE reporting.dspt_summary ADD COLUMNS (extra INT)",
                "ALTER TABLE reporting.dspt_summary RENAME TO reporting.other",
                "COMMENT ON TABLE reporting.dspt_summary IS 'changed'",
                "MERGE INTO reporting.dspt_summary t USING reporting.dspt_summary s ON false "
                        + "WHEN NOT MATCHED THEN INSERT *",
                "DELETE FROM reporting.dspt_summary",
                "UPDATE reporting.dspt_summary SET trusts = trusts + 1",
                "TRUNCATE TABLE reporting.dspt_summary",
                "VACUUM reporting.dspt_summary RETAIN 0 HOURS",
                "OPTIMIZE reporting.dspt_summary",
                "RESTORE TABLE reporting.dspt_summary TO VERSION AS OF 0",
                "INSERT OVERWRITE DIRECTORY '" + lakehouse.resolve("exported") + "' USING parquet "
                        + "SELECT * FROM reporting.dspt_summary",
                "CACHE TABLE reporting.dspt_summary",
                "ADD JAR '" + lakehouse.resolve("nothing.jar") + "'",
                "CREATE FUNCTION reporting.f AS 'org.apache.hadoop.hive.ql.udf.UDFReflect'",
                "CREATE TEMPORARY FUNCTION f AS 'org.apache.hadoop.hive.ql.udf.UDFReflect'",
                "SET spark.sql.runSQLOnFiles = true",
                "SET spark.databricks.delta.retentionDurationCheck.enabled = false");
    }

    @Test
    @Order(3)
    void everyWriteIsRefusedAndNoDeltaVersionMoves() throws Exception {
        List<Executable> checks = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String write : writes()) {
                checks.add(() -> {
                    SQLException e = assertThrows(SQLException.class, () -> s.execute(write), write);
                    // Spark refuses a Hive-format CTAS itself (in-memory catalog) before the endpoint's rule.
                    assertTrue(e.getMessage().matches("(?s).*(is refused|NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT).*"),
                            write + " -> " + e.getMessage());
                });
            }
            assertAll(checks);
        }
        assertEquals(versionsBefore, DeltaVersions.of(lakehouse), "a Delta version moved, or a table appeared");
        assertFalse(Files.exists(lakehouse.resolve("exported")));
    }

    @Test
    @Order(4)
    void restrictedCannotBeReadByAnyRoute() throws Exception {
        Path staff = lakehouse.resolve("restricted/workforce_staff");
        String data;
        try (Stream<Path> files = Files.walk(staff)) { // partitioned by period: the files are one level down
            data = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow().toUri().toString();
        }
        String log = staff.resolve("_delta_log/00000000000000000000.json").toUri().toString();
        String sneaky = lakehouse.resolve("reporting").toUri() + "../restricted/workforce_staff";
        List<String> reads = List.of(
                "SELECT * FROM delta.`" + staff.toUri() + "`",
                "SELECT * FROM delta.`" + staff + "`",
                "SELECT * FROM delta.`" + sneaky + "`",
                "SELECT * FROM delta.`" + lakehouse.resolve("restricted/ceplus_results").toUri() + "`",
                "SELECT * FROM delta.`" + lakehouse.resolve("bronze/finance_returns").toUri() + "`",
                "SELECT * FROM parquet.`" + staff.toUri() + "`",
                "SELECT * FROM parquet.`" + data + "`",
                "SELECT * FROM json.`" + log + "`",
                "SELECT * FROM text.`" + log + "`",
                "SELECT * FROM binaryFile.`" + data + "`",
                "SELECT (SELECT count(*) FROM delta.`" + staff.toUri() + "`) AS n",
                "SELECT * FROM reporting.dspt_summary WHERE EXISTS (SELECT 1 FROM parquet.`" + data + "`)",
                "DESCRIBE delta.`" + staff.toUri() + "`",
                "DESCRIBE DETAIL delta.`" + staff.toUri() + "`",
                "DESCRIBE HISTORY delta.`" + staff.toUri() + "`",
                "SELECT reflect('java.lang.System', 'getProperty', 'user.dir')",
                "SELECT java_method('java.lang.System', 'getenv', 'HOME')");
        List<Executable> checks = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String read : reads) {
                checks.add(() -> {
                    SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(read).next(), read);
                    assertTrue(e.getMessage().matches("(?s).*(not served here|refused).*"), read + " -> " + e.getMessage());
                });
            }
            // A session setting is no way round: it is refused, and the path query after it still is.
            checks.add(() -> assertThrows(SQLException.class, () -> s.execute("SET spark.sql.runSQLOnFiles=true")));
            checks.add(() -> assertThrows(SQLException.class, () -> s.executeQuery(reads.get(0)).next()));
            // Nor are restricted or bronze names in the catalog.
            checks.add(() -> assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM restricted.workforce_staff").next()));
            assertAll(checks);
        }
        // Settings given in the connection URL reach the session without a SET statement: the rule ignores them.
        try (Connection c = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port
                + "/reporting;?spark.sql.runSQLOnFiles=true", "analyst", ""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(reads.get(0)).next());
            assertTrue(e.getMessage().contains("not served here"), e.getMessage());
        }
        assertEquals(versionsBefore, DeltaVersions.of(lakehouse));
    }

    @Test
    @Order(5)
    void sqlRunsTheReadmesAuditQuery() throws IOException {
        String query = readmeAuditQuery();
        ChildProcess sql = Launcher.start("sql audit", "sql", "--lakehouse", lakehouse.toString(), query);
        assertEquals(0, sql.waitFor(START), sql.printed());
        // One row per reporting table of the one run so far, each at Delta version 1 (a fresh lakehouse).
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        for (String line : sql.stdout()) {
            if (line.startsWith("|")) {
                List<String> cells = Stream.of(line.substring(1).split("\\|")).map(String::trim).toList();
                if (header == null) {
                    header = cells;
                } else {
                    rows.add(cells);
                }
            }
        }
        assertEquals(List.of("run_id", "execution", "status", "as_at", "code_version", "git_commit", "table_name",
                "delta_version", "rows"), header);
        Function<String, Integer> at = List.copyOf(header)::indexOf;
        assertEquals(26, rows.size(), sql.printed());
        Set<String> tables = new TreeSet<>();
        for (List<String> row : rows) {
            assertEquals("SUCCEEDED", row.get(at.apply("status")), row.toString());
            assertEquals(AsAt.SAMPLE, row.get(at.apply("as_at")));
            assertEquals("1", row.get(at.apply("delta_version")), row.toString());
            tables.add(row.get(at.apply("table_name")));
        }
        assertEquals(reportingFolders().stream().map(t -> "reporting." + t).collect(Collectors.toSet()), tables);
    }

    @Test
    @Order(6)
    void sqlPrintsAReportingQueryAsCsvAndRefusesAWrite() {
        ChildProcess csv = Launcher.start("sql csv", "sql", "--lakehouse", lakehouse.toString(), "--format", "csv",
                "SELECT DISTINCT dspt_year, trusts_returned, trusts_passed FROM reporting.dspt_summary ORDER BY 1");
        assertEquals(0, csv.waitFor(START), csv.printed());
        // Paragraph 2.11: 223 trusts returned the 2019-20 assessment and 62 passed. 2018-19: the sample's 227
        // trusts all returned it; 100 had not met the standard by April 2019 and 57 still had not by September
        // 2019, so at the reporting date 227 - 57 = 170 have passed.
        assertEquals(List.of("dspt_year,trusts_returned,trusts_passed", "2018-19,227,170", "2019-20,223,62"),
                csv.stdout());

        ChildProcess drop = Launcher.start("sql drop", "sql", "--lakehouse", lakehouse.toString(),
                "DROP TABLE reporting.trust_scorecard");
        assertEquals(2, drop.waitFor(START), drop.printed());
        assertTrue(drop.stderr().stream().anyMatch(l -> l.startsWith("usage: ") && l.contains("read-only")),
                drop.printed());
        assertEquals(versionsBefore, DeltaVersions.of(lakehouse));
    }

    @Test
    @Order(7)
    void aSecondEndpointOnTheSamePortIsAUsageError() {
        ChildProcess second = Launcher.start("second serve", "serve", "--lakehouse", lakehouse.toString(), "--port",
                String.valueOf(port));
        assertEquals(2, second.waitFor(START), second.printed());
        assertTrue(second.stderr().stream().anyMatch(l -> l.startsWith("usage: port " + port + " ")), second.printed());
    }

    @Test
    @Order(8)
    void aRunThatLandsWhileServingIsSeenByTheNextQuery() throws Exception {
        Set<String> filesBefore;
        String latestRunBefore;
        try (Connection c = connect()) {
            filesBefore = files(c);
            latestRunBefore = rows(c, "SELECT count(*) FROM audit.runs").get(0).get(0);
        }
        try (ChildProcess rebuild = sample("rebuild", "--rebuild")) {
            assertEquals(0, rebuild.waitFor(RUN), rebuild.printed());
        }
        Set<String> inDelta = SharedSpark.table(lakehouse, "reporting/dspt_summary").inputFiles().length == 0 ? Set.of()
                : Set.of(SharedSpark.table(lakehouse, "reporting/dspt_summary").inputFiles());
        try (Connection c = connect()) {
            Set<String> filesAfter = files(c);
            assertNotEquals(filesBefore, filesAfter, "the rebuild wrote new files");
            assertEquals(inDelta, filesAfter, "the endpoint reads the latest version");
            assertEquals("1", latestRunBefore);
            assertEquals(List.of(List.of("2", "2")), rows(c,
                    "SELECT count(*), max(execution) FROM audit.runs"));
            assertEquals(List.of(List.of("2")), rows(c, "SELECT max(delta_version) FROM audit.run_outputs "
                    + "WHERE table_name = 'reporting.dspt_summary'"));
        }
        // The refresher noticed and registered each rewritten table again (new comments would come with it).
        serve.awaitStdout(l -> l.startsWith("reloaded reporting.dspt_summary at Delta version 2"), 1,
                Duration.ofSeconds(30));
    }

    private static Set<String> files(Connection c) throws SQLException {
        return rows(c, "SELECT DISTINCT input_file_name() FROM reporting.dspt_summary").stream()
                .map(r -> r.get(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(9)
    void sigtermStopsItCleanly() throws IOException {
        assertTrue(serve.handle().isAlive(), "serve ended before it was told to\n" + serve.printed());
        serve.terminate();
        assertEquals(0, serve.waitFor(Duration.ofMinutes(1)), serve.printed());
        assertTrue(serve.hasStdout(l -> l.startsWith("stopped: jdbc:hive2://127.0.0.1:" + port)), serve.printed());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free again");
        }
    }

    /** The SQL block of the README's "Auditing a published figure", as a reader would copy it. */
    static String readmeAuditQuery() throws IOException {
        String readme = Files.readString(Repo.root().resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Auditing a published figure"));
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "no sql block in the README's auditing section");
        return m.group(1).trim();
    }
}
