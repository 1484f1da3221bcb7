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
 *
 * <p>A process killed at any point leaves the old folder, the new one, or (between the two renames that swap
 * them, a moment with no file written) none; never a mix. The Hadoop API has no atomic exchange of two
 * folders, so the old one is renamed aside rather than deleted file by file, which keeps that moment short.
 * No folder means no {@code manifest.json}, so the next run writes it again.
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
        Path old = new Path(target.getParent(), "." + target.getName() + ".old.tmp");
        fs.delete(old, true); // left by a process killed between the renames below
        if (fs.exists(target) && !fs.rename(target, old)) {
            throw new IOException("cannot move " + target + " aside to " + old);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("cannot move " + staging + " to " + target);
        }
        fs.delete(old, true);
    }
}
