package codeclab.planner.llm;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Amazon Bedrock through the Converse API (AWS SDK v2, URL-connection HTTP client). The SDK's own
 * retries are off; {@link LlmPlanner} retries throttling with backoff and jitter.
 */
public final class BedrockChatModel implements ChatModel {

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final int maxTokens;
    private final float temperature;

    public BedrockChatModel(BedrockRuntimeClient client, String modelId, int maxTokens, double temperature) {
        this.client = Objects.requireNonNull(client, "client");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.maxTokens = maxTokens;
        this.temperature = (float) temperature;
    }

    /**
     * A client for {@code region} with the default credential chain.
     *
     * @param endpoint null for the regional endpoint, or an override (tests, VPC endpoints)
     * @param timeout  per-call timeout
     */
    public static BedrockRuntimeClient client(String region, URI endpoint, Duration timeout,
                                              AwsCredentialsProvider credentials) {
        BedrockRuntimeClientBuilder b = BedrockRuntimeClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(timeout))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public ChatReply complete(String system, List<ChatMessage> messages) throws LlmException {
        List<Message> msgs = messages.stream().map(m -> Message.builder()
                .role(m.role() == Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(m.text())).build()).toList();
        try {
            ConverseResponse r = client.converse(b -> b.modelId(modelId)
                    .system(SystemContentBlock.fromText(system))
                    .messages(msgs)
                    .inferenceConfig(c -> c.maxTokens(maxTokens).temperature(temperature)));
            String text = r.output() == null || r.output().message() == null ? ""
                    : r.output().message().content().stream().map(ContentBlock::text)
                    .filter(Objects::nonNull).collect(Collectors.joining());
            long in = r.usage() == null || r.usage().inputTokens() == null ? 0 : r.usage().inputTokens();
            long out = r.usage() == null || r.usage().outputTokens() == null ? 0 : r.usage().outputTokens();
            return new ChatReply(text, in, out, r.stopReasonAsString());
        } catch (SdkException e) {
            throw translate(e);
        }
    }

    private LlmException translate(SdkException e) {
        String what = "Bedrock model " + modelId;
        if (e instanceof ThrottlingException) {
            return new LlmException(LlmException.Kind.THROTTLED, what + " is throttled: " + msg(e));
        }
        if (e instanceof ModelTimeoutException || e instanceof ApiCallTimeoutException) {
            return new LlmException(LlmException.Kind.TIMEOUT, what + " timed out; raise the planner timeout or lower maxTokens");
        }
        if (e instanceof ResourceNotFoundException) {
            return new LlmException(LlmException.Kind.UNKNOWN_MODEL, "unknown " + what + " (" + msg(e)
                    + "); check --model and that the model is enabled in this region");
        }
        if (e instanceof ValidationException) {
            String m = msg(e);
            boolean aboutModel = m.toLowerCase().contains("model");
            return new LlmException(aboutModel ? LlmException.Kind.UNKNOWN_MODEL : LlmException.Kind.BAD_REQUEST,
                    (aboutModel ? "unknown or unsupported " : "request rejected by ") + what + ": " + m
                            + (aboutModel ? "; check --model (use a model or inference-profile id enabled in this region)" : ""));
        }
        if (e instanceof AccessDeniedException) {
            return new LlmException(LlmException.Kind.AUTH, "access denied to " + what + ": " + msg(e)
                    + "; grant bedrock:InvokeModel and enable model access in the Bedrock console");
        }
        if (e instanceof AwsServiceException s) {
            int status = s.statusCode();
            if (status == 429) {
                return new LlmException(LlmException.Kind.THROTTLED, what + " is throttled (HTTP 429): " + msg(e));
            }
            if (status == 401 || status == 403) {
                return new LlmException(LlmException.Kind.AUTH, "AWS rejected the credentials for " + what
                        + " (HTTP " + status + "): " + msg(e) + "; check the AWS credentials and region");
            }
            if (status == 404) {
                return new LlmException(LlmException.Kind.UNKNOWN_MODEL, "unknown " + what + " (HTTP 404); check --model");
            }
            if (status >= 500) {
                return new LlmException(LlmException.Kind.SERVER_ERROR, what + " failed on the server (HTTP " + status + "): " + msg(e));
            }
            return new LlmException(LlmException.Kind.BAD_REQUEST, what + " rejected the request (HTTP " + status + "): " + msg(e));
        }
        if (e instanceof SdkClientException && (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class))) {
            return new LlmException(LlmException.Kind.UNREACHABLE, "cannot reach the Bedrock endpoint for " + what
                    + ": " + LlmException.oneLine(rootMessage(e)) + "; check the region, endpoint and network");
        }
        if (e instanceof SdkClientException && msg(e).toLowerCase().contains("credentials")) {
            return new LlmException(LlmException.Kind.AUTH, "no usable AWS credentials for " + what
                    + "; configure a profile, environment keys or a role");
        }
        if (hasCause(e, java.net.SocketTimeoutException.class)) {
            return new LlmException(LlmException.Kind.TIMEOUT, what + " timed out; raise the planner timeout");
        }
        return new LlmException(LlmException.Kind.UNREACHABLE, what + " call failed: " + msg(e));
    }

    private static String msg(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
            return LlmException.oneLine(s.awsErrorDetails().errorMessage());
        }
        return LlmException.oneLine(e.getMessage());
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
