package codeclab.monitor.alert;

import codeclab.monitor.Severity;
import codeclab.monitor.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTest {

    final AlertPolicy policy = new AlertPolicy(Duration.ofHours(6), 7);
    final Instant night = Instant.parse("2025-10-17T01:00:00Z");

    @Test
    void firstReportAndChangesArePublished() {
        var d1 = policy.decide(AlertMemory.NONE, Verdict.TOO_EARLY, Severity.INFO, night);
        assertThat(d1.kind()).isEqualTo(AlertPolicy.Kind.CHANGE);
        var d2 = policy.decide(d1.memory(), Verdict.TOO_EARLY, Severity.INFO, night.plusSeconds(3600));
        assertThat(d2.publish()).isFalse();
        var d3 = policy.decide(d2.memory(), Verdict.TOO_EARLY, Severity.WARNING, night.plusSeconds(7200));
        assertThat(d3.kind()).isEqualTo(AlertPolicy.Kind.CHANGE);
        assertThat(d3.why()).contains("TOO_EARLY/INFO").contains("TOO_EARLY/WARNING");
    }

    @Test
    void unchangedCriticalIsRepeatedAtMostOncePerPeriod() {
        var m = policy.decide(AlertMemory.NONE, Verdict.PURGE_AND_RESTART, Severity.CRITICAL, night).memory();
        for (int h = 1; h < 6; h++) {
            var d = policy.decide(m, Verdict.PURGE_AND_RESTART, Severity.CRITICAL, night.plus(Duration.ofHours(h)));
            assertThat(d.publish()).as("hour %d", h).isFalse();
            m = d.memory();
        }
        var d6 = policy.decide(m, Verdict.PURGE_AND_RESTART, Severity.CRITICAL, night.plus(Duration.ofHours(6)));
        assertThat(d6.kind()).isEqualTo(AlertPolicy.Kind.CRITICAL_REPEAT);
    }

    @Test
    void oneMorningDigestPerDayAtTheConfiguredHour() {
        var m = policy.decide(AlertMemory.NONE, Verdict.LET_IT_RUN, Severity.INFO, night).memory();
        assertThat(policy.decide(m, Verdict.LET_IT_RUN, Severity.INFO, Instant.parse("2025-10-17T06:00:00Z")).publish()).isFalse();
        var d = policy.decide(m, Verdict.LET_IT_RUN, Severity.INFO, Instant.parse("2025-10-17T07:00:00Z"));
        assertThat(d.kind()).isEqualTo(AlertPolicy.Kind.DIGEST);
        assertThat(policy.decide(d.memory(), Verdict.LET_IT_RUN, Severity.INFO, Instant.parse("2025-10-17T08:00:00Z")).publish()).isFalse();
        assertThat(policy.decide(d.memory(), Verdict.LET_IT_RUN, Severity.INFO, Instant.parse("2025-10-18T07:05:00Z")).kind())
                .isEqualTo(AlertPolicy.Kind.DIGEST);
    }
}
