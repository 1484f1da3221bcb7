package uk.nhs.digitalmaturity.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Replaces a folder of small files (a publication pack, the notebooks) as a whole: the files are written
 * into a hidden sibling folder, which is then moved into place, so a reader never sees half of them. On a
 * local disk no {@code .crc} side files are written: the folder holds exactly the files given.
 */
public final class AtomicFolder {
    private AtomicFolder() {
    }

    /** The file system of {@code folder}, without checksum side files. */
    public static FileSystem fileSystem(SparkSession spark, String folder) throws IOException {
        FileSystem fs = new Path(folder).getFileSystem(spark.sparkContext().hadoopConfiguration());
        return fs instanceof ChecksumFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** Writes {@code files} (name → bytes) as the whole content of {@code folder}. */
    public static void replace(SparkSession spark, String folder, String stagingTag, Map<String, byte[]> files)
            throws IOException {
        FileSystem fs = fileSystem(spark, folder);
        Path target = fs.makeQualified(new Path(folder));
        Path staging = new Path(target.getParent(), "." + target.getName() + "." + stagingTag + ".tmp");
        fs.delete(staging, true);
        fs.mkdirs(staging);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try (OutputStream out = fs.create(new Path(staging, f.getKey()), true)) {
                out.write(f.getValue());
            }
        }
        fs.delete(target, true);
        if (!fs.rename(staging, target)) {
            throw new IOException("cannot move " + staging + " to " + target);
        }
    }
}
