package uk.nhs.digitalmaturity.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A local disk that fills up: the Hadoop file system of scheme {@code fulldisk} ({@code fulldisk:///tmp/x} is
 * the local {@code /tmp/x}) whose writes to chosen files fail once a byte budget is spent, as Hadoop's local
 * file system fails on ENOSPC: {@code FSError} wrapping {@code IOException("No space left on device")}. This
 * sandbox cannot mount a small file system, so tests simulate a full disk here. Spark tasks run in the test
 * JVM (local mode), so the budget is static.
 */
public class FullDiskFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "fulldisk";
    private static final AtomicLong BUDGET = new AtomicLong(Long.MAX_VALUE);
    private static volatile Predicate<String> filling = path -> false;

    /** Registers the scheme in {@code conf} (FileSystem, and FileContext for Delta's log store). */
    public static void register(Configuration conf) {
        conf.set("fs." + SCHEME + ".impl", FullDiskFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem." + SCHEME + ".impl", Context.class.getName());
    }

    /** The local folder as a path on this file system. */
    public static String uri(Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }

    /** From now on, files whose path matches get {@code bytes} in all before the disk is full. */
    public static void fill(Predicate<String> files, long bytes) {
        BUDGET.set(bytes);
        filling = files;
    }

    /** Space again. */
    public static void free() {
        filling = path -> false;
        BUDGET.set(Long.MAX_VALUE);
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected OutputStream createOutputStreamWithMode(org.apache.hadoop.fs.Path f, boolean append,
                                                      FsPermission permission) throws IOException {
        OutputStream out = super.createOutputStreamWithMode(f, append, permission);
        if (!filling.test(f.toString())) {
            return out;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                spend(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                spend(len);
                out.write(b, off, len);
            }
        };
    }

    private static void spend(long bytes) {
        if (BUDGET.addAndGet(-bytes) < 0) {
            BUDGET.set(0);
            throw fsError(new IOException("No space left on device"));
        }
    }

    /** Hadoop's local file system wraps a disk's IOException in FSError (an Error), whose constructor is package-private. */
    private static Error fsError(IOException cause) {
        try {
            Constructor<? extends Error> c = Class.forName("org.apache.hadoop.fs.FSError").asSubclass(Error.class)
                    .getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same file system for FileContext users (Delta's HDFSLogStore). */
    public static class Context extends DelegateToFileSystem {
        public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new FullDiskFileSystem(), conf, SCHEME, false);
        }
    }
}
