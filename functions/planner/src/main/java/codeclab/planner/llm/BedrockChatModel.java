package codeclab.planner.llm;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.document.Document;
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
    private final ChatOptions options;
    private final String endpoint;

    public BedrockChatModel(BedrockRuntimeClient client, String modelId, ChatOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.options = Objects.requireNonNull(options, "options");
        var conf = client.serviceClientConfiguration();
        this.endpoint = "Bedrock " + conf.region() + conf.endpointOverride().map(u -> " at " + u).orElse("");
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
    public String endpoint() {
        return endpoint;
    }

    @Override
    public ChatOptions options() {
        return options;
    }

    @Override
    public ChatReply complete(String system, List<ChatMessage> messages, Duration timeout) throws LlmException {
        List<Message> msgs = messages.stream().map(m -> Message.builder()
                .role(m.role() == Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(ContentBlock.fromText(m.text())).build()).toList();
        try {
            ConverseResponse r = client.converse(b -> {
                b.modelId(modelId).system(SystemContentBlock.fromText(system)).messages(msgs)
                        .inferenceConfig(c -> {
                            c.maxTokens(options.maxTokens());
                            if (options.temperature() != null) {
                                c.temperature(options.temperature().floatValue());
                            }
                        })
                        .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
                Document extra = extraFields();
                if (extra != null) {
                    b.additionalModelRequestFields(extra);
                }
            });
            // Reasoning blocks (extended thinking) carry no text; only the answer's text blocks are joined.
            String text = r.output() == null || r.output().message() == null ? ""
                    : r.output().message().content().stream().map(ContentBlock::text)
                    .filter(Objects::nonNull).collect(Collectors.joining());
            boolean reported = r.usage() != null && r.usage().inputTokens() != null && r.usage().outputTokens() != null;
            return new ChatReply(text, reported ? r.usage().inputTokens() : 0, reported ? r.usage().outputTokens() : 0,
                    r.stopReasonAsString(), reported);
        } catch (SdkException e) {
            throw translate(e, timeout);
        }
    }

    /** Model-specific request fields: Anthropic extended thinking, or a reasoning effort (e.g. gpt-oss). */
    Document extraFields() {
        if (options.thinkingBudget() != null) {
            return Document.mapBuilder().putDocument("thinking", Document.mapBuilder().putString("type", "enabled")
                    .putNumber("budget_tokens", options.thinkingBudget()).build()).build();
        }
        if (options.reasoningEffort() != null) {
            return Document.mapBuilder().putString("reasoning_effort", options.reasoningEffort()).build();
        }
        return null;
    }

    private LlmException translate(SdkException e, Duration timeout) {
        String what = "Bedrock model " + modelId + " (" + endpoint + ")";
        if (e instanceof ThrottlingException t) {
            return new LlmException(LlmException.Kind.THROTTLED, what + " is throttled: " + msg(e), retryAfter(t));
        }
        if (e instanceof ModelTimeoutException || e instanceof ApiCallTimeoutException
                || e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
            return new LlmException(LlmException.Kind.TIMEOUT, what + " did not answer within " + timeout.toSeconds()
                    + " s (--llm-call-timeout); lower --max-tokens or raise the timeout");
        }
        if (e instanceof SdkClientException && isMalformed(e)) {
            return new LlmException(LlmException.Kind.MALFORMED, what + " answered with a body that is not valid JSON ("
                    + LlmException.oneLine(rootMessage(e)) + ")");
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
                return new LlmException(LlmException.Kind.THROTTLED, what + " is throttled (HTTP 429): " + msg(e), retryAfter(s));
            }
            if (status == 401 || status == 403) {
                return new LlmException(LlmException.Kind.AUTH, "AWS rejected the credentials for " + what
                        + " (HTTP " + status + "): " + msg(e) + "; check the AWS credentials and region");
            }
            if (status == 404) {
                return new LlmException(LlmException.Kind.UNKNOWN_MODEL, "unknown " + what + " (HTTP 404); check --model");
            }
            if (status >= 500) {
                return new LlmException(LlmException.Kind.SERVER_ERROR, what + " failed on the server (HTTP " + status + "): "
                        + msg(e), retryAfter(s));
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
            return new LlmException(LlmException.Kind.TIMEOUT, what + " did not answer within " + timeout.toSeconds()
                    + " s (--llm-call-timeout)");
        }
        if (e instanceof SdkClientException && hasCause(e, java.io.IOException.class)) {
            // A connection broken mid-answer is transient on a busy endpoint.
            return new LlmException(LlmException.Kind.SERVER_ERROR, what + " broke the connection: " + LlmException.oneLine(rootMessage(e)));
        }
        return new LlmException(LlmException.Kind.UNREACHABLE, what + " call failed: " + msg(e));
    }

    /** The SDK could not read the response body as the JSON it expects. */
    private static boolean isMalformed(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (c.getClass().getSimpleName().contains("JsonParse") || m.contains("unable to unmarshall")
                    || m.contains("unable to parse") || m.contains("unexpected character") || m.contains("unexpected end-of-input")) {
                return true;
            }
        }
        return false;
    }

    private static Duration retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        var r = e.awsErrorDetails().sdkHttpResponse();
        return LlmException.parseRetryAfter(r.firstMatchingHeader("Retry-After").orElse(null),
                r.firstMatchingHeader("retry-after-ms").orElse(null), java.time.Instant.now());
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
