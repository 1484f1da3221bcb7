package uk.nhs.digitalmaturity.sample;

import java.time.LocalDate;

/**
 * The predecessor closes and its history belongs to the successor from {@code effective}. A merger may rename the
 * successor (and, rarely, change its sector): both null when it does not.
 */
record Merger(String predecessor, String successor, LocalDate effective, String successorNameAfter,
              String successorSectorAfter) {
}
