package uk.nhs.digitalmaturity.notebooks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.storage.AtomicFolder;
import uk.nhs.digitalmaturity.storage.KeptFiles;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * The results of the notebooks' queries, kept between runs ({@code <lakehouse>/ops/_notebook_results/}), one
 * file per query, named by a hash of what its result was made from: the query as run (each table at its Delta
 * version), Spark's version, and the commit file of each table at that version. A new month rebuilds three
 * tables; the notebooks' other queries read tables it left as they were, and their results are read back from
 * here instead of queried again (each such query was a Delta snapshot of a table the run had not read, and a
 * small job: about 4 s of a new month's 4.9 s of notebooks).
 *
 * <p>The commit file is in the name because a version number alone does not say which table it is of: a table
 * deleted and built again starts again at version 0, with other files and other rows. A run's notebooks use
 * only reporting tables, so nothing here is restricted. A result is kept only when every value is text, a
 * number, a date or a truth value, and read back through a deserialisation filter that admits those classes
 * alone; a file that cannot be read so is queried again.
 */
public final class KeptResults {
    /** Part of every name: a change to what is kept here changes every name, so no old file is misread. */
    static final String FORMAT = "notebook-result/1";
    /** The value classes, the list that holds them, and Object for the array a list checks its size against. */
    private static final ObjectInputFilter ONLY_VALUES = ObjectInputFilter.Config.createFilter("maxdepth=6;"
            + "java.lang.Object;java.util.ArrayList;java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;"
            + "java.lang.Short;java.lang.Byte;java.lang.Double;java.lang.Float;java.math.BigDecimal;"
            + "java.math.BigInteger;java.lang.Boolean;java.util.Date;java.sql.Date;!*");
    private static final Set<Class<?>> VALUES = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, BigDecimal.class, Boolean.class, java.sql.Date.class);

    private final FileSystem fs;
    private final Path folder;

    private KeptResults(FileSystem fs, Path folder) {
        this.fs = fs;
        this.folder = folder;
    }

    public static KeptResults in(SparkSession spark, Lakehouse lakehouse) {
        String folder = lakehouse.notebookResultsPath();
        try {
            FileSystem fs = AtomicFolder.fileSystem(spark, folder);
            return new KeptResults(fs, fs.makeQualified(new Path(folder)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of the table's commit file of {@code version}, or null when it is not there to read. */
    String commit(String tablePath, long version) {
        try {
            byte[] bytes = KeptFiles.read(fs, new Path(tablePath + "/_delta_log/" + String.format("%020d", version)
                    + ".json"));
            return bytes == null ? null : Sha256.hex(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** The result kept under {@code name}, or null (none, or not readable as a result). */
    ResultTable get(String name) {
        try {
            byte[] bytes = KeptFiles.read(fs, new Path(folder, name));
            if (bytes == null) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(ONLY_VALUES);
                @SuppressWarnings("unchecked")
                List<String> columns = (List<String>) in.readObject();
                @SuppressWarnings("unchecked")
                List<List<Object>> rows = (List<List<Object>>) in.readObject();
                return new ResultTable(List.copyOf(columns), rows);
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return null; // a class the filter refuses is an InvalidClassException: queried again
        }
    }

    /** Keeps {@code result} under {@code name}, when its values are all plain ones; false when it is not kept. */
    boolean keep(String name, ResultTable result) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            for (Object v : row) {
                if (v != null && !VALUES.contains(v.getClass())) {
                    return false;
                }
            }
            rows.add(new ArrayList<>(row));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(result.columns()));
            out.writeObject(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            KeptFiles.keep(fs, new Path(folder, name), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a notebook result in " + folder + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Deletes every kept result but those named: results of table versions no run will read again. */
    void keepOnly(Set<String> names) {
        try {
            KeptFiles.prune(fs, folder, names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune " + folder + ": " + e.getMessage(), e);
        }
    }
}
