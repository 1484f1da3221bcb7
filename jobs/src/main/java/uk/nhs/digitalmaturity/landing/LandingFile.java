package uk.nhs.digitalmaturity.landing;

import java.time.LocalDate;
import uk.nhs.digitalmaturity.contract.Source;

/**
 * One immutable landing file: {@code <landing>/<source folder>/<snapshot>/<file>.csv}.
 *
 * @param relativePath path below the landing root, the file's identity in bronze and in run records
 * @param uri          where Spark reads it
 * @param modifiedMillis the file system's modification time, with {@code bytes} the key of the checksum cache
 */
public record LandingFile(Source source, LocalDate snapshot, String relativePath, String uri, long bytes,
                          long modifiedMillis, String sha256) implements Comparable<LandingFile> {

    @Override
    public int compareTo(LandingFile o) {
        int bySource = Integer.compare(source.ordinal(), o.source.ordinal());
        if (bySource != 0) {
            return bySource;
        }
        int bySnapshot = snapshot.compareTo(o.snapshot);
        return bySnapshot != 0 ? bySnapshot : relativePath.compareTo(o.relativePath);
    }
}
