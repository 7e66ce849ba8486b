package codeclab.monitor.alert;

/** Sends one alert (SNS on AWS; a file or the console locally). */
public interface AlertPublisher {

    /**
     * @param subject one line, at most 100 printable ASCII characters
     * @param body    plain text
     * @return the message id the transport assigned
     */
    String publish(String subject, String body);
}
