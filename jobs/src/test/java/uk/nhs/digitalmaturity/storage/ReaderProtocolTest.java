package uk.nhs.digitalmaturity.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.SampleLakehouse;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * The reporting tables, and {@code ops/runs} that audit queries read, as readers other than Spark meet them
 * (README, "Reading the tables without Spark"). Such a reader opens a table only if its protocol asks for
 * nothing it lacks; reader version 1 with no reader features (so no deletion vectors and no column mapping) is
 * what all of them read. Checked on the Delta logs of the sample run, then Delta Kernel, Delta's own reader
 * library for connectors, opens every reporting table and must see what Spark sees.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderProtocolTest {
    /**
     * The table properties that turn on a reader-writer feature (Delta protocol, "Table Features"), with the
     * value that turns it on (empty: any value but {@code none}). A pipeline change that sets one would
     * upgrade the protocol too; the property is checked as well because it is what a reviewer sees in a diff.
     */
    private static final Map<String, String> READER_FEATURE_PROPERTIES = Map.of(
            "delta.enableDeletionVectors", "true",
            "delta.columnMapping.mode", "",
            "delta.enableTypeWidening", "true",
            "delta.checkpointPolicy", "v2");
    /** Reader-writer features a {@code delta.feature.<name>} property can switch on (Delta protocol, 3.3). */
    private static final Set<String> READER_WRITER_FEATURES = Set.of("columnMapping", "deletionVectors",
            "timestampNtz", "typeWidening", "typeWidening-preview", "v2Checkpoint", "vacuumProtocolCheck",
            "variantType", "variantType-preview");

    private final SparkSession spark = SharedSpark.get();
    private Path lakehouse;

    @BeforeAll
    void sampleRun() {
        lakehouse = SampleLakehouse.get(); // one sample run shared by the whole suite
        // Kernel warns, for each table not yet checkpointed (every sample table is at version 1), that
        // _last_checkpoint is missing: expected here, and noise in the suite's output.
        Configurator.setLevel("io.delta.kernel", Level.ERROR);
    }

    @AfterAll
    void releaseDeltaLogs() {
        SparkSessions.release(spark); // the DeltaLogs this class cached, and the copy's
    }

    @Test
    void everyReportingTableOfTheSqlFolderIsWrittenAndChecked() {
        // Each reporting table has one .yml, SQL models and Java models alike (README, "The output tables"):
        // a table the sample run did not write, or a folder no model owns, shows up here.
        assertEquals(modelsUnder(Repo.root().resolve("sql/reporting")), names(reportingTables()));
        assertEquals(26, reportingTables().size()); // 23 SQL models and 3 Java models
    }

    @Test
    void reportingTablesAndTheRunLedgerNeedOnlyReaderVersionOne() {
        List<Path> tables = new ArrayList<>(reportingTables());
        tables.add(lakehouse.resolve("ops/runs"));
        List<String> problems = new ArrayList<>();
        for (Path table : tables) {
            problems.addAll(readerProblems(table));
        }
        assertEquals(List.of(), problems);
        // What the README states: reader 1, writer 2 (the protocol Delta writes when no feature is asked for).
        // A writer-only feature would not stop a reader: if one fails this, update the README with it.
        for (Path table : tables) {
            Protocol protocol = snapshot(table).protocol();
            assertEquals("1/2", protocol.minReaderVersion() + "/" + protocol.minWriterVersion(), table.toString());
        }
    }

    @Test
    void aTableWithDeletionVectorsIsReported(@TempDir Path temp) {
        Path copy = Landings.copy(lakehouse.resolve("reporting/dspt_summary"), temp.resolve("dspt_summary"));
        spark.sql("ALTER TABLE delta.`" + copy + "` SET TBLPROPERTIES ('delta.enableDeletionVectors'='true')");
        // Delta 3.3 upgrades to reader 3 / writer 7 with the deletionVectors feature on both sides.
        assertEquals(List.of(
                "dspt_summary: minReaderVersion 3, not 1",
                "dspt_summary: reader features [deletionVectors]",
                "dspt_summary: delta.enableDeletionVectors = true"), readerProblems(copy));
    }

    @Test
    void aTableWithColumnMappingIsReported(@TempDir Path temp) {
        Path copy = Landings.copy(lakehouse.resolve("reporting/dspt_summary"), temp.resolve("dspt_summary"));
        spark.sql("ALTER TABLE delta.`" + copy + "` SET TBLPROPERTIES ('delta.columnMapping.mode'='name')");
        // Column mapping alone needs reader 2 / writer 5, without table features.
        assertEquals(List.of(
                "dspt_summary: minReaderVersion 2, not 1",
                "dspt_summary: delta.columnMapping.mode = name"), readerProblems(copy));
    }

    @Test
    void deltaKernelReadsEveryReportingTableAsSparkDoes() {
        Engine kernel = DefaultEngine.create(new Configuration());
        for (Path table : reportingTables()) {
            long sparkRows = SharedSpark.table(lakehouse, "reporting/" + table.getFileName()).count();
            long[] kernelRows = {0};
            readWithKernel(kernel, table, row -> kernelRows[0]++);
            assertEquals(sparkRows, kernelRows[0], table.getFileName() + ": rows, Delta Kernel against Spark");
        }
        // "30 trusts rated themselves high on capability in 2017" (NAO, paragraph 1.20; ../shared/nao-figures.md)
        List<Long> highCapability2017 = new ArrayList<>();
        readWithKernel(kernel, lakehouse.resolve("reporting/dma_theme_summary"), row -> {
            StructType schema = row.getSchema();
            if ("2017".equals(text(row, schema.indexOf("survey_year")))
                    && "CAPABILITY".equals(row.getString(schema.indexOf("theme")))
                    && "HIGH".equals(row.getString(schema.indexOf("band")))) {
                highCapability2017.add(Long.valueOf(text(row, schema.indexOf("trusts"))));
            }
        });
        assertEquals(List.of(30L), highCapability2017);
    }

    /**
     * What would stop a reader of Delta reader version 1 opening the table, one line each, from its Delta log:
     * an empty list when any such reader can open it.
     */
    private List<String> readerProblems(Path table) {
        org.apache.spark.sql.delta.Snapshot snapshot = snapshot(table);
        Protocol protocol = snapshot.protocol();
        String name = table.getFileName().toString();
        List<String> problems = new ArrayList<>();
        if (protocol.minReaderVersion() != 1) {
            problems.add(name + ": minReaderVersion " + protocol.minReaderVersion() + ", not 1");
        }
        Set<String> readerFeatures = new TreeSet<>(JavaConverters.setAsJavaSet(protocol.readerFeatureNames()));
        if (!readerFeatures.isEmpty()) {
            problems.add(name + ": reader features " + readerFeatures);
        }
        Map<String, String> properties =
                new TreeMap<>(JavaConverters.mapAsJavaMap(snapshot.metadata().configuration()));
        properties.forEach((key, value) -> {
            if (turnsOnAReaderFeature(key, value)) {
                problems.add(name + ": " + key + " = " + value);
            }
        });
        return problems;
    }

    private static boolean turnsOnAReaderFeature(String key, String value) {
        if (key.startsWith("delta.feature.")) {
            return READER_WRITER_FEATURES.contains(key.substring("delta.feature.".length()));
        }
        String on = READER_FEATURE_PROPERTIES.get(key);
        if (on == null) {
            return false;
        }
        return on.isEmpty() ? !value.equalsIgnoreCase("none") : value.equalsIgnoreCase(on);
    }

    private org.apache.spark.sql.delta.Snapshot snapshot(Path table) {
        return DeltaLog.forTable(spark, table.toString()).update(false, Option.empty(), Option.empty());
    }

    /** Every row of the latest version as Delta Kernel's default engine reads it (Kernel's own example's loop). */
    private static void readWithKernel(Engine engine, Path table, Consumer<Row> each) {
        Snapshot snapshot = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder(engine).build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        Row scanFile = files.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(singleton(file), physicalSchema, Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                                    rows.forEachRemaining(each);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloseableIterator<FileStatus> singleton(FileStatus file) {
        return new CloseableIterator<>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public FileStatus next() {
                done = true;
                return file;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A whole-number or text column as text, whichever type the model gave it. */
    private static String text(Row row, int ordinal) {
        DataType type = row.getSchema().at(ordinal).getDataType();
        if (type instanceof IntegerType) {
            return String.valueOf(row.getInt(ordinal));
        } else if (type instanceof LongType) {
            return String.valueOf(row.getLong(ordinal));
        } else if (type instanceof StringType) {
            return row.getString(ordinal);
        }
        throw new IllegalArgumentException(type.toString());
    }

    private List<Path> reportingTables() {
        try (Stream<Path> folders = Files.list(lakehouse.resolve("reporting"))) {
            return folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(List<Path> folders) {
        Set<String> names = new TreeSet<>();
        folders.forEach(folder -> names.add(folder.getFileName().toString()));
        return names;
    }

    private static Set<String> modelsUnder(Path sqlFolder) {
        try (Stream<Path> files = Files.list(sqlFolder)) {
            Set<String> names = new TreeSet<>();
            files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".yml"))
                    .forEach(file -> names.add(file.substring(0, file.length() - ".yml".length())));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
