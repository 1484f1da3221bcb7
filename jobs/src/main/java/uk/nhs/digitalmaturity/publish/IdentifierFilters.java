package uk.nhs.digitalmaturity.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.sketch.BloomFilter;
import org.apache.spark.util.sketch.IncompatibleMergeException;
import scala.Tuple2;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.storage.AtomicFolder;
import uk.nhs.digitalmaturity.storage.KeptFiles;

/**
 * Which data files of a restricted Delta table may hold given values of one identifier column: a Bloom
 * filter per data file and column, built the first time a scan needs it and kept beside the table
 * ({@code <table>/_identifier_filters/<column>/}, hidden from Spark's readers and from VACUUM by its leading
 * underscore, restricted as the table is). Delta data files never change once written, so a filter stays
 * true for its file; one whose file has left the table is deleted.
 *
 * <p>This is what keeps the leak scan's cost with the new data rather than the history: a new month of staff
 * adds one or two data files, whose filters are built once; every older file is judged from its filter in the
 * driver, and read only when its filter says a candidate might be there (a false positive in about
 * {@value #FALSE_POSITIVES} per candidate and file, or a real leak), and then only that file is read.
 * A filter never says no to a value its file holds, so nothing is missed.
 */
final class IdentifierFilters {
    /** Low enough that tens of thousands of published strings against years of monthly files rarely read one. */
    static final double FALSE_POSITIVES = 1e-7;
    private static final String FOLDER = "_identifier_filters";

    private final SparkSession spark;

    IdentifierFilters(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * The values among {@code candidates} that {@code column} of the Delta table at {@code tablePath} holds:
     * filters first, then an exact read of only the data files whose filters matched.
     */
    Set<String> held(String tablePath, String column, List<String> candidates) throws IOException {
        FileSystem fs = AtomicFolder.fileSystem(spark, tablePath);
        Path folder = new Path(fs.makeQualified(new Path(tablePath)), FOLDER + "/" + column);
        // The table's current data files, as its Delta log lists them (deletion vectors are off, so a data
        // file's rows are the table's rows; were they on, the file would hold more, never fewer).
        List<String> files = Arrays.stream(spark.read().format("delta").load(tablePath).inputFiles()).sorted()
                .toList();
        Map<String, Path> keptAt = new LinkedHashMap<>();
        for (String file : files) {
            keptAt.put(file, new Path(folder, Sha256.hex(nameOf(file).getBytes(StandardCharsets.UTF_8))
                    + ".bloom"));
        }
        Map<String, BloomFilter> filters = filters(fs, keptAt, column);
        Map<String, List<String>> maybe = new LinkedHashMap<>();
        for (String file : files) {
            BloomFilter filter = filters.get(file);
            List<String> possible = candidates.stream().filter(filter::mightContainString).toList();
            if (!possible.isEmpty()) {
                maybe.put(file, possible);
            }
        }
        Set<String> kept = new TreeSet<>();
        keptAt.values().forEach(p -> kept.add(p.getName()));
        KeptFiles.prune(fs, folder, kept); // the filters of data files no longer in the table
        Set<String> hits = new TreeSet<>();
        if (!maybe.isEmpty()) {
            List<String> wanted = maybe.values().stream().flatMap(Collection::stream).distinct().sorted().toList();
            Dataset<Row> values = spark.read().parquet(maybe.keySet().toArray(String[]::new)).select(col(column));
            values.where(col(column).isin(wanted.toArray())).distinct().collectAsList()
                    .forEach(r -> hits.add(r.getString(0)));
        }
        return hits;
    }

    /** Each file's filter: the kept ones read, the missing ones built together and kept. */
    private Map<String, BloomFilter> filters(FileSystem fs, Map<String, Path> keptAt, String column)
            throws IOException {
        Map<String, BloomFilter> filters = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> file : keptAt.entrySet()) {
            BloomFilter kept = read(fs, file.getValue());
            if (kept == null) {
                missing.add(file.getKey());
            } else {
                filters.put(file.getKey(), kept);
            }
        }
        if (!missing.isEmpty()) {
            // A plain loop, not forEach: a failure to keep a filter is an IOException the leak scan names.
            for (Map.Entry<String, BloomFilter> built : build(fs, missing, column).entrySet()) {
                keep(fs, keptAt.get(built.getKey()), built.getValue());
                filters.put(built.getKey(), built.getValue());
            }
        }
        return filters;
    }

    /** A kept filter, or null when there is none (or it cannot be read: a disk fault; it is built again). */
    private static BloomFilter read(FileSystem fs, Path kept) throws IOException {
        byte[] bytes = KeptFiles.read(fs, kept);
        if (bytes == null) {
            return null;
        }
        try {
            return BloomFilter.readFrom(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            fs.delete(kept, false);
            return null;
        }
    }

    /**
     * The filters of the given data files, built in one Spark job however many files there are (a job per file
     * made a first scan of years of history cost a job per month). Each filter is sized from its file's
     * Parquet footer; a task builds one filter per file it reads, and the filters of a file split across tasks
     * are merged, so each file's filter holds exactly its own values.
     */
    private Map<String, BloomFilter> build(FileSystem fs, List<String> files, String column) throws IOException {
        Map<String, Long> rows = new HashMap<>();
        for (String file : files) {
            rows.put(nameOf(file), rowsIn(fs, file));
        }
        FilterTask task = new FilterTask(rows);
        List<Tuple2<String, byte[]>> parts = spark.read().parquet(files.toArray(String[]::new))
                .where(col(column).isNotNull()).select(input_file_name(), col(column).cast("string"))
                .javaRDD().mapPartitions(task).collect();
        Map<String, BloomFilter> byName = new HashMap<>();
        for (Tuple2<String, byte[]> part : parts) {
            BloomFilter filter = BloomFilter.readFrom(new ByteArrayInputStream(part._2()));
            BloomFilter seen = byName.putIfAbsent(part._1(), filter);
            if (seen != null) {
                try {
                    seen.mergeInPlace(filter);
                } catch (IncompatibleMergeException e) { // every part of a file is sized from its footer alike
                    throw new IllegalStateException("filters of " + part._1() + " differ in size", e);
                }
            }
        }
        Map<String, BloomFilter> built = new LinkedHashMap<>();
        for (String file : files) { // a file of nulls only has no rows in the job: its filter is empty
            String name = nameOf(file);
            built.put(file, byName.getOrDefault(name, task.empty(name)));
        }
        return built;
    }

    /**
     * A data file's own name, its key here: Delta lists a file by its full path and {@code input_file_name()}
     * by its URI, which may spell the same folder differently, but a data file's name is unique in its table.
     */
    private static String nameOf(String file) {
        return new Path(file).getName();
    }

    /** The file's row count, from its Parquet footer (no column is read). */
    private static long rowsIn(FileSystem fs, String file) throws IOException {
        try (ParquetFileReader footer = ParquetFileReader.open(
                HadoopInputFile.fromPath(new Path(file), fs.getConf()))) {
            return footer.getRecordCount();
        }
    }

    /** Keeps a filter beside its table, whole or not at all ({@link KeptFiles}). */
    private static void keep(FileSystem fs, Path kept, BloomFilter filter) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        filter.writeTo(bytes);
        KeptFiles.keep(fs, kept, bytes.toByteArray());
    }

    /** One task's share of the build: a filter per data file among its rows, sent back as bytes. */
    private static final class FilterTask implements FlatMapFunction<Iterator<Row>, Tuple2<String, byte[]>> {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, Long> rows;

        FilterTask(Map<String, Long> rows) {
            this.rows = new HashMap<>(rows);
        }

        /** Every part of one file's filter has the same size, so that the parts can be merged. */
        BloomFilter empty(String name) {
            return BloomFilter.create(Math.max(1, rows.get(name)), FALSE_POSITIVES);
        }

        @Override
        public Iterator<Tuple2<String, byte[]>> call(Iterator<Row> values) throws IOException {
            Map<String, BloomFilter> byName = new HashMap<>();
            String file = null;
            BloomFilter filter = null;
            while (values.hasNext()) {
                Row row = values.next();
                // A task reads its files one after another: the name is taken once per file, since parsing the
                // path for every row was most of the filter build's time in a profile.
                if (!row.getString(0).equals(file)) {
                    file = row.getString(0);
                    filter = byName.computeIfAbsent(nameOf(file), this::empty);
                }
                filter.putString(row.getString(1));
            }
            List<Tuple2<String, byte[]>> out = new ArrayList<>();
            for (Map.Entry<String, BloomFilter> e : byName.entrySet()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                e.getValue().writeTo(bytes);
                out.add(new Tuple2<>(e.getKey(), bytes.toByteArray()));
            }
            return out.iterator();
        }
    }
}
