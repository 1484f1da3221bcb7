package uk.nhs.digitalmaturity.landing;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Lists the landing zone's files in the contract's layout and checksums each one. Read through Hadoop's
 * file system API so that the same code reads a local folder, HDFS or an object store.
 */
public class LandingZone {
    private final Path root;
    private final FileSystem fs;

    public LandingZone(String root, Configuration hadoop) {
        try {
            this.root = new Path(root);
            this.fs = this.root.getFileSystem(hadoop);
            if (!fs.exists(this.root)) {
                throw new ContractViolation("landing zone " + root + " does not exist");
            }
        } catch (IOException e) {
            throw new ContractViolation("cannot open landing zone " + root + ": " + e.getMessage(), e);
        }
    }

    /** What an earlier run recorded of a file: with the same size and modification time, the same checksum. */
    public record Checksum(long bytes, long modifiedMillis, String sha256) {
    }

    /** Every file as at the date, each one read to checksum it. */
    public List<LandingFile> filesAsAt(LocalDate asAt) {
        return filesAsAt(asAt, Map.of());
    }

    /**
     * Every landing file whose snapshot is on or before {@code asAt}, sorted in ingestion order. Files of
     * later snapshots are not read at all: a run as at an earlier date must not see them.
     *
     * <p>A file listed in {@code known} with the same size and modification time keeps its recorded SHA-256
     * instead of being read again (the rule make and rsync use): a national landing zone is gigabytes, and a
     * nightly run must not read them all to learn that nothing changed. Any rewrite of a file changes its
     * modification time, so it is read and checked; {@code run --verify-checksums} reads every file anyway.
     */
    public List<LandingFile> filesAsAt(LocalDate asAt, Map<String, Checksum> known) {
        List<LandingFile> files = new ArrayList<>();
        try {
            for (FileStatus sourceDir : fs.listStatus(root)) {
                String folder = sourceDir.getPath().getName();
                if (!sourceDir.isDirectory() || !Source.isSourceFolder(folder)) {
                    continue; // README, PROVENANCE and folders of other feeds are not ours to read
                }
                for (FileStatus snapshotDir : fs.listStatus(sourceDir.getPath())) {
                    if (!snapshotDir.isDirectory()) {
                        continue;
                    }
                    LocalDate snapshot = snapshotDate(folder, snapshotDir.getPath().getName());
                    if (snapshot.isAfter(asAt)) {
                        continue;
                    }
                    for (FileStatus file : fs.listStatus(snapshotDir.getPath())) {
                        landingFile(folder, snapshot, file, known).ifPresent(files::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new ContractViolation("cannot list landing zone " + root + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private Optional<LandingFile> landingFile(String folder, LocalDate snapshot, FileStatus file,
                                              Map<String, Checksum> known) throws IOException {
        String name = file.getPath().getName();
        if (file.isDirectory() || !name.toLowerCase().endsWith(".csv")) {
            return Optional.empty();
        }
        String relative = folder + "/" + snapshot + "/" + name;
        Source source = Source.forFile(folder, name).orElseThrow(() -> new ContractViolation(
                relative + ": not a file of the extract contract (expected one of "
                        + expectedFiles(folder) + ")"));
        Checksum seen = known.get(relative);
        String sha256 = seen != null && seen.bytes() == file.getLen() && seen.modifiedMillis() == file.getModificationTime()
                ? seen.sha256() : sha256(file.getPath(), relative);
        return Optional.of(new LandingFile(source, snapshot, relative, file.getPath().toString(),
                file.getLen(), file.getModificationTime(), sha256));
    }

    private static String expectedFiles(String folder) {
        return String.join(", ", java.util.Arrays.stream(Source.values())
                .filter(s -> s.folder().equals(folder)).map(Source::fileName).toList());
    }

    private static LocalDate snapshotDate(String folder, String name) {
        try {
            return LocalDate.parse(name);
        } catch (DateTimeParseException e) {
            throw new ContractViolation(folder + "/" + name + ": snapshot folders must be named YYYY-MM-DD");
        }
    }

    private String sha256(Path path, String relative) {
        try (InputStream in = fs.open(path)) {
            return Sha256.hex(in);
        } catch (IOException e) {
            throw new ContractViolation(relative + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The first line of a file (its header), without a UTF-8 byte-order mark. */
    public String headerLine(LandingFile file) {
        try (InputStream in = fs.open(new Path(file.uri()));
             java.io.BufferedReader reader = new java.io.BufferedReader(
                     new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null) {
                throw new ContractViolation(file.relativePath() + ": empty file (no header row)");
            }
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (IOException e) {
            throw new ContractViolation(file.relativePath() + ": unreadable (" + e.getMessage() + ")", e);
        }
    }
}
