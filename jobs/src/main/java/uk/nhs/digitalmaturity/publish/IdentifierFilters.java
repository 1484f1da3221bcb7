package uk.nhs.digitalmaturity.publish;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.sketch.BloomFilter;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.storage.AtomicFolder;

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
        Map<String, List<String>> maybe = new LinkedHashMap<>();
        Set<String> kept = new TreeSet<>();
        for (String file : files) {
            String name = Sha256.hex(new Path(file).getName().getBytes(StandardCharsets.UTF_8)) + ".bloom";
            kept.add(name);
            BloomFilter filter = filter(fs, new Path(folder, name), file, column);
            List<String> possible = candidates.stream().filter(filter::mightContainString).toList();
            if (!possible.isEmpty()) {
                maybe.put(file, possible);
            }
        }
        prune(fs, folder, kept);
        Set<String> hits = new TreeSet<>();
        if (!maybe.isEmpty()) {
            List<String> wanted = maybe.values().stream().flatMap(Collection::stream).distinct().sorted().toList();
            Dataset<Row> values = spark.read().parquet(maybe.keySet().toArray(String[]::new)).select(col(column));
            values.where(col(column).isin(wanted.toArray())).distinct().collectAsList()
                    .forEach(r -> hits.add(r.getString(0)));
        }
        return hits;
    }

    /** The file's filter: read if kept, else built from the file and kept (written aside, then renamed). */
    private BloomFilter filter(FileSystem fs, Path kept, String file, String column) throws IOException {
        if (fs.exists(kept)) {
            try (InputStream in = fs.open(kept)) {
                return BloomFilter.readFrom(in);
            } catch (IOException e) {
                fs.delete(kept, false); // unreadable (a disk fault): built again below
            }
        }
        Dataset<Row> data = spark.read().parquet(file);
        long rows = Math.max(1, data.count()); // from the file's footer, no column read
        BloomFilter filter = data.select(col(column)).where(col(column).isNotNull()).stat()
                .bloomFilter(column, rows, FALSE_POSITIVES);
        Path staging = kept.suffix("." + Long.toHexString(System.nanoTime()) + ".tmp");
        fs.mkdirs(kept.getParent());
        try (OutputStream out = fs.create(staging, true)) {
            filter.writeTo(out);
        }
        if (!fs.rename(staging, kept)) {
            fs.delete(staging, false); // another run kept the same file's filter first: it is the same filter
        }
        return filter;
    }

    /** Deletes the filters of data files no longer in the table (compacted or overwritten away). */
    private static void prune(FileSystem fs, Path folder, Set<String> kept) throws IOException {
        if (!fs.exists(folder)) {
            return;
        }
        List<Path> gone = new ArrayList<>();
        for (FileStatus f : fs.listStatus(folder)) {
            if (!kept.contains(f.getPath().getName())) {
                gone.add(f.getPath());
            }
        }
        for (Path p : gone) {
            fs.delete(p, false);
        }
    }
}
