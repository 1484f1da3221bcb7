package uk.nhs.digitalmaturity.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files a run keeps in the lakehouse for later runs, each named by what it was made from (the identifier
 * filter of a data file, the result of a notebook's query on given table versions): written aside and renamed
 * into place, so that a reader finds a whole file or none; read back as bytes; and the folder pruned to the
 * files a run still uses. A kept file is only ever a shortcut: one that is missing or unreadable is made again.
 */
public final class KeptFiles {
    private KeptFiles() {
    }

    /** The file's bytes, or null when there is none. */
    public static byte[] read(FileSystem fs, Path kept) throws IOException {
        if (!fs.exists(kept)) {
            return null;
        }
        try (InputStream in = fs.open(kept)) {
            return in.readAllBytes();
        }
    }

    /**
     * Keeps {@code bytes} at {@code kept}: written aside, then renamed. Two runs keeping the same name keep the
     * same content (the name says what it was made from), so the second rename's refusal is no loss.
     */
    public static void keep(FileSystem fs, Path kept, byte[] bytes) throws IOException {
        Path staging = kept.suffix("." + Long.toHexString(System.nanoTime()) + ".tmp");
        fs.mkdirs(kept.getParent());
        try (OutputStream out = fs.create(staging, true)) {
            out.write(bytes);
        }
        if (!fs.rename(staging, kept)) {
            fs.delete(staging, false);
        }
    }

    /** Deletes the files of {@code folder} not named in {@code used} (their sources are gone). */
    public static void prune(FileSystem fs, Path folder, Set<String> used) throws IOException {
        if (!fs.exists(folder)) {
            return;
        }
        List<Path> gone = new ArrayList<>();
        for (FileStatus f : fs.listStatus(folder)) {
            if (!used.contains(f.getPath().getName())) {
                gone.add(f.getPath());
            }
        }
        for (Path p : gone) {
            fs.delete(p, false);
        }
    }
}
