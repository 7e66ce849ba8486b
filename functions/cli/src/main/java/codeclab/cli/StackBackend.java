package codeclab.cli;

import codeclab.monitor.alert.AlertPublisher;
import codeclab.monitor.alert.SnsAlertPublisher;
import codeclab.monitor.ops.EventBridgeScheduleControl;
import codeclab.monitor.ops.ScheduleControl;
import codeclab.store.ArtifactStore;
import codeclab.store.DynamoConfig;
import codeclab.store.DynamoExperimentStore;
import codeclab.store.ExperimentStore;
import codeclab.store.S3ArtifactStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code --stack NAME}: reads the stack's outputs with CloudFormation DescribeStacks and talks to its resources with
 * default credentials and region. For tests and local emulators, {@code CODEC_LAB_ENDPOINT_<SERVICE>} (DYNAMODB,
 * CLOUDFORMATION, S3, EVENTBRIDGE, SNS) overrides a service's endpoint; a service with an override uses dummy
 * static credentials unless AWS credentials are set in the environment.
 */
final class StackBackend implements Backend {

    static final List<String> REQUIRED = List.of("ExperimentsTableName", "RunsTableName", "BucketName");

    private final String stackName;
    private final Region region;
    private final Map<String, String> outputs;
    private final Function<String, String> env;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final DynamoExperimentStore store;
    private S3ArtifactStore artifacts;
    private ScheduleControl schedule;
    private AlertPublisher topic;

    StackBackend(String stackName, Function<String, String> env) {
        this.stackName = stackName;
        this.env = env;
        this.region = region(env);
        this.outputs = readOutputs(stackName);
        for (String k : REQUIRED) {
            if (!outputs.containsKey(k)) {
                throw new UserError("stack " + stackName + " has no output " + k + " (outputs: " + outputs.keySet()
                        + "); is it a codec-lab stack? Deploy it with cdk deploy");
            }
        }
        DynamoConfig config = new DynamoConfig(outputs.get("ExperimentsTableName"), outputs.get("RunsTableName"),
                endpoint("DYNAMODB"), region.id(), null);
        DynamoDbClient db = configure(DynamoDbClient.builder(), "DYNAMODB").build();
        clients.add(db);
        this.store = new DynamoExperimentStore(db, config, java.time.Clock.systemUTC());
    }

    /** The stack's outputs by key. */
    Map<String, String> outputs() {
        return outputs;
    }

    private Map<String, String> readOutputs(String name) {
        try (CloudFormationClient cfn = configure(CloudFormationClient.builder(), "CLOUDFORMATION").build()) {
            List<Stack> stacks = cfn.describeStacks(r -> r.stackName(name)).stacks();
            if (stacks.isEmpty()) throw new UserError("no stack named " + name + " in " + region.id());
            Map<String, String> out = new TreeMap<>();
            for (Output o : stacks.get(0).outputs()) out.put(o.outputKey(), o.outputValue());
            return out;
        } catch (CloudFormationException e) {
            throw new UserError("cannot read stack " + name + " in " + region.id() + ": "
                    + e.awsErrorDetails().errorMessage() + " (check the name, region and credentials)");
        }
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(AwsClientBuilder<B, C> builder, String service) {
        B b = builder.region(region).credentialsProvider(credentials(service));
        URI endpoint = endpoint(service);
        if (endpoint != null) b.endpointOverride(endpoint);
        if (b instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return b;
    }

    private URI endpoint(String service) {
        String v = env.apply("CODEC_LAB_ENDPOINT_" + service);
        return v == null || v.isBlank() ? null : URI.create(v);
    }

    private AwsCredentialsProvider credentials(String service) {
        if (endpoint(service) != null && env.apply("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Region region(Function<String, String> env) {
        String r = env.apply("AWS_REGION");
        if (r == null || r.isBlank()) r = env.apply("AWS_DEFAULT_REGION");
        if (r != null && !r.isBlank()) return Region.of(r);
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            throw new UserError("no AWS region configured: set AWS_REGION or a region in ~/.aws/config");
        }
    }

    /** The stack's state machine, to start generations from the CLI. */
    StackGenerations generations() {
        String arn = stateMachineArn().orElseThrow(() -> new UserError("stack " + stackName + " has no StateMachineArn output"));
        return new StackGenerations(configure(software.amazon.awssdk.services.sfn.SfnClient.builder(), "SFN").build(), arn,
                java.time.Duration.ofSeconds(5));
    }

    @Override
    public ExperimentStore experiments() {
        return store;
    }

    @Override
    public synchronized ArtifactStore artifacts() {
        if (artifacts == null) {
            var b = configure(S3Client.builder(), "S3");
            if (endpoint("S3") != null) b.forcePathStyle(true);
            S3Client s3 = b.build();
            clients.add(s3);
            artifacts = new S3ArtifactStore(s3, outputs.get("BucketName"), "");
        }
        return artifacts;
    }

    @Override
    public synchronized ScheduleControl schedule() {
        if (schedule == null) {
            String rule = outputs.get("GenerationRuleName");
            if (rule == null) {
                schedule = ScheduleControl.NONE;
            } else {
                EventBridgeClient events = configure(EventBridgeClient.builder(), "EVENTBRIDGE").build();
                clients.add(events);
                schedule = new EventBridgeScheduleControl(events, rule);
            }
        }
        return schedule;
    }

    @Override
    public synchronized Optional<AlertPublisher> alertTopic() {
        String arn = outputs.get("TopicArn");
        if (arn == null) return Optional.empty();
        if (topic == null) {
            SnsClient sns = configure(SnsClient.builder(), "SNS").build();
            clients.add(sns);
            topic = new SnsAlertPublisher(sns, arn);
        }
        return Optional.of(topic);
    }

    @Override
    public Optional<String> stateMachineArn() {
        return Optional.ofNullable(outputs.get("StateMachineArn"));
    }

    @Override
    public Optional<String> siteUrl() {
        String url = outputs.get("SiteUrl");
        if (url != null && !url.isBlank()) return Optional.of(url.endsWith("/") ? url : url + "/");
        return Optional.of("s3://" + outputs.get("BucketName") + "/" + codeclab.monitor.site.SiteOutputs.SITE_PREFIX);
    }

    @Override
    public String description() {
        return "stack " + stackName + " (" + region.id() + ")";
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) first = new IllegalStateException("closing an AWS client: " + e.getMessage(), e);
            }
        }
        if (first != null) throw first;
    }
}
