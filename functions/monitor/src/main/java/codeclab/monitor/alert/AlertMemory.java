package codeclab.monitor.alert;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the monitor last told the operator, so it does not repeat itself.
 *
 * @param lastVerdict     verdict of the last run (published or not), or null before the first
 * @param lastSeverity    its severity, or null
 * @param lastPublishedAt when an alert was last published, or null
 * @param lastCriticalAt  when a CRITICAL alert was last published, or null
 * @param lastDigestDate  UTC date of the last morning digest, or null
 */
public record AlertMemory(Verdict lastVerdict, Severity lastSeverity, Instant lastPublishedAt, Instant lastCriticalAt,
                          LocalDate lastDigestDate) {

    public static final AlertMemory NONE = new AlertMemory(null, null, null, null, null);
}
