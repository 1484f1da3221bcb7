package uk.nhs.digitalmaturity.runrecord;

/**
 * One file of the publication pack a run left, as its {@code manifest.json} lists it: kept in {@code ops.runs}
 * because the pack folder of an as-at date is replaced by the next run as at that date, and {@code verify}
 * must still know what the run published.
 *
 * @param rows the data rows of a table's CSV; null for a file that is not a table (the data dictionary)
 */
public record PublishedFile(String file, String sha256, Long rows) {
}
