package codeclab.monitor.alert;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Decides whether this run's verdict is worth an email. No spam: publish when the verdict or the severity
 * changed; an unchanged CRITICAL at most once per {@code criticalRepeat}; and one morning digest per UTC day on
 * the first run at or after {@code digestHourUtc}. Everything else is skipped, with the reason.
 */
public final class AlertPolicy {

    public enum Kind { CHANGE, CRITICAL_REPEAT, DIGEST, NONE }

    /** The decision and why; {@link #memory} is the memory to keep after acting on it. */
    public record Decision(Kind kind, String why, AlertMemory memory) {
        public boolean publish() {
            return kind != Kind.NONE;
        }
    }

    private final Duration criticalRepeat;
    private final int digestHourUtc;

    public AlertPolicy(Duration criticalRepeat, int digestHourUtc) {
        this.criticalRepeat = Objects.requireNonNull(criticalRepeat);
        this.digestHourUtc = digestHourUtc;
    }

    public Decision decide(AlertMemory m, Verdict verdict, Severity severity, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        Kind kind;
        String why;
        if (verdict != m.lastVerdict() || severity != m.lastSeverity()) {
            kind = Kind.CHANGE;
            why = m.lastVerdict() == null ? "first report of the run"
                    : "changed from " + m.lastVerdict() + "/" + m.lastSeverity() + " to " + verdict + "/" + severity;
        } else if (severity == Severity.CRITICAL
                && (m.lastCriticalAt() == null || !now.isBefore(m.lastCriticalAt().plus(criticalRepeat)))) {
            kind = Kind.CRITICAL_REPEAT;
            why = "still CRITICAL, last alert " + (m.lastCriticalAt() == null ? "never"
                    : Duration.between(m.lastCriticalAt(), now).toMinutes() + " min ago");
        } else if (hour >= digestHourUtc && !today.equals(m.lastDigestDate())) {
            kind = Kind.DIGEST;
            why = "morning digest for " + today;
        } else {
            kind = Kind.NONE;
            why = severity == Severity.CRITICAL ? "CRITICAL unchanged, re-sent at most every " + criticalRepeat
                    : "no change since the last report";
        }
        boolean sent = kind != Kind.NONE;
        boolean digestNow = kind == Kind.DIGEST || (sent && hour >= digestHourUtc && !today.equals(m.lastDigestDate()));
        AlertMemory next = new AlertMemory(verdict, severity,
                sent ? now : m.lastPublishedAt(),
                sent && severity == Severity.CRITICAL ? now : m.lastCriticalAt(),
                digestNow ? today : m.lastDigestDate());
        return new Decision(kind, why, next);
    }
}
