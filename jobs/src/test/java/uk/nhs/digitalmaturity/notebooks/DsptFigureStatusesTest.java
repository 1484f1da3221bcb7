package uk.nhs.digitalmaturity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.contract.DsptStatus;

/** The DSPT notebook's query is laid out by hand; its status order and the chart's labels are DsptStatus's. */
class DsptFigureStatusesTest {
    @Test
    void theQueryOrdersStatusesInPublicationOrder() {
        Matcher m = Pattern.compile("array_position\\(array\\(([^)]*)\\), status\\)").matcher(Figures.DSPT_SQL);
        assertTrue(m.find(), Figures.DSPT_SQL);
        List<String> order = Pattern.compile("'([A-Z_]+)'").matcher(m.group(1)).results().map(r -> r.group(1))
                .toList();
        assertEquals(DsptStatus.codes(), order);
    }

    @Test
    void chartLabelsAreTheCodesInSentenceCaseButPlanAgreed() {
        // as the chart read before the enum carried the labels, so the committed notebooks are unchanged
        for (DsptStatus status : DsptStatus.values()) {
            String expected = status == DsptStatus.PLAN_AGREED ? "Standards not fully met (plan agreed)"
                    : Labels.of(status.name());
            assertEquals(expected, status.label(), status.name());
        }
    }
}
