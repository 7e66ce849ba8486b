package codeclab.cli;

import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.ops.Operations;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.ArtifactStore;
import codeclab.store.ExperimentStore;

import java.time.Clock;
import java.util.Optional;

/**
 * Where a command's data lives: the local data folder ({@code --data DIR}: embedded dynalite + artifact folder) or
 * a deployed stack ({@code --stack NAME}: DynamoDB tables, S3 bucket, EventBridge rule and SNS topic from the
 * stack's outputs). Commands get one from {@link BackendOptions#open()} and close it when done (the local backend
 * stops its dynalite). Everything a command does goes through the same store and operations code either way.
 */
public interface Backend extends AutoCloseable {

    ExperimentStore experiments();

    ArtifactStore artifacts();

    /** The generation schedule: {@link ScheduleControl#NONE} locally, the stack's EventBridge rule on AWS. */
    ScheduleControl schedule();

    /** The stack's SNS alert topic; empty locally (alerts are printed, not sent). */
    Optional<AlertPublisher> alertTopic();

    /** The stack's state machine ARN; empty locally. */
    Optional<String> stateMachineArn();

    /**
     * Where the stack publishes its static site, ending in '/': the stack's {@code SiteUrl} output (CloudFront) when
     * it has one, else {@code s3://BUCKET/site/}; empty locally (the site is a folder).
     */
    default Optional<String> siteUrl() {
        return Optional.empty();
    }

    /** "data folder /x/codec-lab-data" or "stack NAME (region)". */
    String description();

    boolean isLocal();

    /** Purge, restore, fresh start, pause/resume and monitor runs on this backend. */
    default Operations operations() {
        return new Operations(experiments(), artifacts(), schedule(), Clock.systemUTC());
    }

    @Override
    void close();
}
