package uk.nhs.digitalmaturity.sample;

/** One file the generator wrote: its path relative to the landing root, data rows (header excluded) and bytes. */
public record WrittenFile(String path, long rows, long bytes) {
}
