package uk.nhs.digitalmaturity.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import uk.nhs.digitalmaturity.failure.LakehouseBusy;

/**
 * One writer per lakehouse: a lease in {@code <lakehouse>/_lock/}, taken before a run reads or writes any
 * table and given back when it ends, whatever the outcome.
 *
 * <p>Leases are numbered files, {@code lease-000042}, holding JSON: the run id ({@code starting} until it is
 * known), host, pid, when the process and the lease started, the command. To acquire, a process lists the
 * folder, looks at the highest number only, and if that lease is released or dead creates the next number
 * with a create-if-absent: the file system is the one arbiter between racers (HDFS's NameNode; {@code
 * O_CREAT|O_EXCL} on a local or NFS disk, since Hadoop's local {@code create(overwrite=false)} checks and then
 * opens, which is not atomic). A racer that loses the create re-reads and sees the winner. Numbers are never
 * reused: release renames {@code lease-N} to {@code released-N}, and only a holder deletes files below its own
 * number, so a racer that acted on an old listing can only create a lower number, and it backs off when it
 * sees a higher one after its create. A lock file left by a dead process is never ignored, only taken over:
 * it is dead when it names this host and its pid is gone (or is another process that reused the pid), or,
 * from another host, when its heartbeat (the file's modification time, touched every {@link #HEARTBEAT})
 * is older than {@link #LEASE_TIMEOUT}. So a run killed with SIGKILL is taken over at once on the same host,
 * and after two minutes from elsewhere.
 *
 * <p>Why files rather than a Delta commit: the lock must exist before any table is read (on a new lakehouse
 * there is no table yet), and a Delta commit would put the lock in the history of a table. What a shared file
 * system or object store needs is an atomic create-if-absent: HDFS, local disks and NFS have it; S3 without
 * conditional puts does not, and is not safe for two writers with this lock (nor with Delta itself).
 */
public final class LakehouseLock implements AutoCloseable {
    public static final String FOLDER = "_lock";
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration LEASE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration POLL = Duration.ofSeconds(2);
    public static final String STARTING = "starting";

    private static final Pattern NAME = Pattern.compile("(lease|released)-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = hostName();

    /** What a lease file holds: who holds the lakehouse, for the message a refused run prints. */
    public record Holder(String runId, String host, long pid, String processStarted, String started, String command,
                         String nonce) {
        /** This process, about to run {@code command}. */
        static Holder self(String command) {
            ProcessHandle me = ProcessHandle.current();
            return new Holder(STARTING, HOST, me.pid(),
                    me.info().startInstant().map(i -> i.truncatedTo(ChronoUnit.MILLIS).toString()).orElse(null),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command, UUID.randomUUID().toString());
        }

        Holder withRunId(String id) {
            return new Holder(id, host, pid, processStarted, started, command, nonce);
        }

        /** {@code run r… (host h, pid 42, started 2026-…Z)}. */
        public String describe() {
            return "run " + runId + " (host " + host + ", pid " + pid + ", started " + started + ")";
        }
    }

    private final FileSystem fs;
    private final Path lease;
    private final Duration heartbeat;
    private volatile Holder holder;
    private final ScheduledExecutorService beat;
    private final Thread releaseOnExit;
    private boolean released;

    private LakehouseLock(FileSystem fs, Path lease, Holder holder, Duration heartbeat) {
        this.fs = fs;
        this.lease = lease;
        this.holder = holder;
        this.heartbeat = heartbeat;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehouse-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = heartbeat.toMillis();
        beat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.MILLISECONDS);
        this.releaseOnExit = new Thread(this::release, "lakehouse-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /**
     * Takes the lakehouse's lock for {@code command}, waiting up to {@code wait} (polling every two seconds)
     * while another live process holds it.
     *
     * @throws LakehouseBusy naming the holder, if it is still held when the wait is over
     */
    public static LakehouseLock acquire(Configuration conf, String lakehouseRoot, String command, Duration wait) {
        return acquire(conf, lakehouseRoot, command, wait, HEARTBEAT, LEASE_TIMEOUT);
    }

    /** As {@link #acquire(Configuration, String, String, Duration)}, with the heartbeat and timeout given. */
    public static LakehouseLock acquire(Configuration conf, String lakehouseRoot, String command, Duration wait,
                                        Duration heartbeat, Duration timeout) {
        Path folder = new Path(lakehouseRoot, FOLDER);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            FileSystem found = folder.getFileSystem(conf);
            // on a local disk, no .crc side files beside the leases
            FileSystem fs = found instanceof ChecksumFileSystem local ? local.getRawFileSystem() : found;
            Holder me = Holder.self(command);
            while (true) {
                Attempt attempt = tryAcquire(fs, folder, me, timeout);
                if (attempt.lease() != null) {
                    return new LakehouseLock(fs, attempt.lease(), me, heartbeat);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LakehouseBusy(busy(lakehouseRoot, attempt, wait));
                }
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL.toMillis()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot take the lock " + folder + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehouseBusy("interrupted while waiting for the lock " + folder);
        }
    }

    /**
     * Who holds the lakehouse now, if anyone alive does, judged as {@link #acquire} judges it (pid and start
     * time on this host, heartbeat from another), without taking the lock or writing anything: {@code runs}
     * asks it to tell a run under way from one whose process died.
     */
    public static Optional<Holder> liveHolder(Configuration conf, String lakehouseRoot) {
        Path folder = new Path(lakehouseRoot, FOLDER);
        try {
            FileSystem fs = folder.getFileSystem(conf);
            if (!fs.exists(folder)) {
                return Optional.empty();
            }
            List<FileStatus> files = listing(fs, folder);
            FileStatus top = files.isEmpty() ? null : files.get(files.size() - 1);
            if (top == null || !top.getPath().getName().startsWith("lease-")) {
                return Optional.empty();
            }
            Optional<Holder> held = readSettled(fs, top.getPath());
            return held.isPresent() && alive(held, top, LEASE_TIMEOUT) ? held : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the lock " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The holder now known by its run id: a refused run's message names it. */
    public void runId(String runId) {
        holder = holder.withRunId(runId);
        try {
            write(fs, lease, holder, true);
        } catch (IOException e) {
            // the lease stays held; only the name in a refused run's message is out of date
        }
    }

    public Path lease() {
        return lease;
    }

    /** Gives the lakehouse back (idempotent): the lease becomes {@code released-N}. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or about to
        }
        release();
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        beat.shutdownNow();
        try {
            fs.rename(lease, new Path(lease.getParent(), String.format("released-%06d", number(lease.getName()))));
        } catch (IOException e) {
            // an unreleased lease of a dead process is taken over by the next run
        }
    }

    private void touch() {
        try {
            fs.setTimes(lease, System.currentTimeMillis(), -1);
        } catch (IOException e) {
            // missed beats only matter after LEASE_TIMEOUT, and then only to another host
        }
    }

    /** A lease taken, or the live holder that prevented it. */
    private record Attempt(Path lease, Holder holder, Path heldBy) {
    }

    private static Attempt tryAcquire(FileSystem fs, Path folder, Holder me, Duration timeout) throws IOException {
        while (true) {
            fs.mkdirs(folder);
            List<FileStatus> files = listing(fs, folder);
            FileStatus top = files.isEmpty() ? null : files.get(files.size() - 1);
            long next = 1;
            if (top != null) {
                next = number(top.getPath().getName()) + 1;
                if (top.getPath().getName().startsWith("lease-")) {
                    Optional<Holder> held = readSettled(fs, top.getPath());
                    if (alive(held, top, timeout)) {
                        return new Attempt(null, held.orElse(null), top.getPath());
                    }
                }
            }
            Path mine = new Path(folder, String.format("lease-%06d", next));
            if (!create(fs, mine, me)) {
                continue; // another process took this number first: look again
            }
            List<FileStatus> after = listing(fs, folder);
            boolean ours = read(fs, mine).map(h -> me.nonce().equals(h.nonce())).orElse(false);
            if (!ours || number(after.get(after.size() - 1).getPath().getName()) > next) {
                if (ours) {
                    fs.delete(mine, false); // acted on an old listing: a higher lease exists
                }
                continue;
            }
            for (FileStatus older : after) {
                if (number(older.getPath().getName()) < next) {
                    fs.delete(older.getPath(), false); // dead leases and released markers below ours
                }
            }
            return new Attempt(mine, me, mine);
        }
    }

    /** Whether the holder of a lease is alive, from the process table on its host or from its heartbeat. */
    static boolean alive(Optional<Holder> held, FileStatus lease, Duration timeout) {
        long age = System.currentTimeMillis() - lease.getModificationTime();
        if (held.isEmpty() || !HOST.equals(held.get().host())) {
            // another host's process (or a lease still being written): only its heartbeat tells
            return age <= timeout.toMillis();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(held.get().pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        String started = held.get().processStarted();
        Optional<Instant> actual = process.get().info().startInstant();
        try {
            // a pid reused by another process since (after a restart) is not the holder
            return started == null || actual.isEmpty()
                    || Math.abs(Duration.between(Instant.parse(started), actual.get()).toMillis()) < 1000;
        } catch (RuntimeException e) {
            return true; // an unreadable start time: the pid is alive, so assume it is the holder
        }
    }

    private static String busy(String root, Attempt attempt, Duration waited) {
        String who = attempt.holder() != null ? attempt.holder().describe()
                : "a process whose lock file is being written or unreadable";
        return root + " is held by " + who + " (lock " + attempt.heldBy() + ")"
                + (waited.isZero() ? "" : " after waiting " + waited.toSeconds() + " s")
                + "; wait for it to end, or run with --wait-for-lock SECONDS; a holder that died is taken over "
                + "(at once on the same host, after " + LEASE_TIMEOUT.toMinutes() + " minutes without heartbeat "
                + "from another)";
    }

    /** Lease and released files, lowest number first. */
    private static List<FileStatus> listing(FileSystem fs, Path folder) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus f : fs.listStatus(folder)) {
            if (NAME.matcher(f.getPath().getName()).matches()) {
                files.add(f);
            }
        }
        files.sort((a, b) -> Long.compare(number(a.getPath().getName()), number(b.getPath().getName())));
        return files;
    }

    private static long number(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name);
        }
        return Long.parseLong(m.group(2));
    }

    /** Create-if-absent, then the holder's JSON; false if the file existed. */
    private static boolean create(FileSystem fs, Path path, Holder holder) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            // Hadoop's local create(overwrite=false) checks, then opens: two racers can both win. A hard link to
            // a file already written is atomic, fails if the name exists (on NFS too), and shows the content
            // whole.
            java.nio.file.Path file = local.pathToFile(path).toPath();
            java.nio.file.Path staged = staged(file, holder);
            try {
                Files.createLink(file, staged);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(staged);
            }
        }
        try {
            write(fs, path, holder, false);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(path)) {
                return false; // some file systems say "already exists" with a plain IOException
            }
            throw e;
        }
    }

    /** The holder's JSON in a hidden file beside {@code file}, ready to be linked or moved into place. */
    private static java.nio.file.Path staged(java.nio.file.Path file, Holder holder) throws IOException {
        java.nio.file.Path staged = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(staged, JSON.writeValueAsBytes(holder));
        return staged;
    }

    private static void write(FileSystem fs, Path path, Holder holder, boolean overwrite) throws IOException {
        if (overwrite && fs instanceof RawLocalFileSystem local) {
            java.nio.file.Path file = local.pathToFile(path).toPath();
            Files.move(staged(file, holder), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        byte[] json = JSON.writeValueAsBytes(holder);
        try (OutputStream out = fs.create(path, overwrite)) {
            out.write(json);
        }
    }

    /**
     * The holder; a lease file seen empty is being written (on file systems where create and write are two
     * steps), so it is read again for up to a second before it counts as unreadable.
     */
    private static Optional<Holder> readSettled(FileSystem fs, Path path) throws IOException {
        for (int i = 0; i < 10; i++) {
            Optional<Holder> held = read(fs, path);
            if (held.isPresent() || !fs.exists(path)) {
                return held;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return read(fs, path);
    }

    /** The holder, or empty while the file is being written (or unreadable). */
    static Optional<Holder> read(FileSystem fs, Path path) {
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return Optional.of(JSON.readValue(bytes.toString(StandardCharsets.UTF_8), Holder.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String host() {
        return HOST;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null && !env.isBlank() ? env : "unknown-host";
        }
    }
}
