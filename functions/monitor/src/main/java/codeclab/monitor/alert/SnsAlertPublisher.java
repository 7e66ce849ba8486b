package codeclab.monitor.alert;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Objects;

/** Publishes alerts to an SNS topic (email subscription) with the AWS SDK v2. */
public final class SnsAlertPublisher implements AlertPublisher {

    /** SNS rejects longer subjects. */
    public static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            throw new IllegalArgumentException("SNS topic ARN expected (arn:aws:sns:REGION:ACCOUNT:NAME), got " + topicArn);
        }
        this.topicArn = topicArn;
    }

    @Override
    public String publish(String subject, String body) {
        return sns.publish(PublishRequest.builder().topicArn(topicArn).subject(safeSubject(subject)).message(body)
                .build()).messageId();
    }

    /** Printable ASCII, one line, at most 100 characters: what SNS accepts as an email subject. */
    public static String safeSubject(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?").strip();
        if (clean.isEmpty()) {
            clean = "codec-lab monitor";
        }
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
