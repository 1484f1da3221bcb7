package uk.nhs.digitalmaturity.landing;

/**
 * One file a {@link LandingWriter} wrote: its path relative to the landing root, data rows (header excluded)
 * and bytes.
 */
public record WrittenFile(String path, long rows, long bytes) {
}
