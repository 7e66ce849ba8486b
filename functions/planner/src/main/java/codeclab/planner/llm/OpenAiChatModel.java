package codeclab.planner.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Any OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}): OpenAI,
 * vLLM, llama.cpp server, Ollama, LiteLLM... The key goes in a Bearer header and never into messages.
 * The timeout covers the whole exchange, body included: a server that sends headers and then hangs is cut too.
 */
public final class OpenAiChatModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final String modelId;
    private final ChatOptions options;

    /**
     * @param baseUrl e.g. {@code https://api.openai.com/v1} (with or without a trailing slash)
     * @param apiKey  bearer token, or null/blank for servers without auth
     */
    public OpenAiChatModel(String baseUrl, String apiKey, String modelId, ChatOptions options) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String endpoint() {
        return endpoint.toString();
    }

    @Override
    public ChatOptions options() {
        return options;
    }

    /** The request body: reasoning models get max_completion_tokens and reasoning_effort, and never a temperature. */
    String body(String system, List<ChatMessage> messages) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", modelId);
        if (options.reasoningEffort() != null) {
            body.put("max_completion_tokens", options.maxTokens());
            body.put("reasoning_effort", options.reasoningEffort());
        } else {
            body.put("max_tokens", options.maxTokens());
        }
        if (options.temperature() != null) {
            body.put("temperature", options.temperature());
        }
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "system").put("content", system);
        for (ChatMessage m : messages) {
            msgs.addObject().put("role", m.role() == Role.USER ? "user" : "assistant").put("content", m.text());
        }
        return body.toString();
    }

    @Override
    public ChatReply complete(String system, List<ChatMessage> messages, Duration timeout) throws LlmException {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(system, messages)));
        if (apiKey != null && !apiKey.isBlank()) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> resp = send(req.build(), timeout);
        int status = resp.statusCode();
        if (status != 200) {
            throw httpError(status, errorMessage(resp.body()), LlmException.parseRetryAfter(
                    resp.headers().firstValue("retry-after").orElse(null),
                    resp.headers().firstValue("retry-after-ms").orElse(null), Instant.now()));
        }
        JsonNode root;
        try {
            root = JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.MALFORMED, "the chat endpoint " + endpoint
                    + " answered HTTP 200 with a body that is not JSON (" + LlmException.oneLine(resp.body())
                    + "); if it persists, is --llm-url an OpenAI-compatible base URL?");
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || !choice.isObject()) {
            throw new LlmException(LlmException.Kind.MALFORMED, "the chat endpoint " + endpoint
                    + " answered without choices; is it OpenAI-compatible?");
        }
        JsonNode message = choice.path("message");
        String text = message.path("content").asText("");
        if (text.isEmpty() && message.path("refusal").isTextual()) {
            text = message.path("refusal").asText();
        }
        JsonNode usage = root.path("usage");
        boolean reported = usage.path("prompt_tokens").isNumber() && usage.path("completion_tokens").isNumber();
        return new ChatReply(text, usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null, reported);
    }

    private HttpResponse<String> send(HttpRequest request, Duration timeout) throws LlmException {
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout ends at the headers; this one also ends a body that never finishes.
            return call.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timedOut(timeout);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while waiting for the chat endpoint " + endpoint);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException || BedrockChatModel.hasCause(cause, ConnectException.class)) {
                throw new LlmException(LlmException.Kind.UNREACHABLE, "cannot reach the chat endpoint " + endpoint
                        + " (" + LlmException.oneLine(BedrockChatModel.rootMessage(cause)) + "); check --llm-url and that the server is running");
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(timeout);
            }
            // The connection broke mid-answer (reset, closed early): transient on a busy server, so retryable.
            throw new LlmException(LlmException.Kind.SERVER_ERROR, "the chat endpoint " + endpoint + " broke the connection ("
                    + LlmException.oneLine(BedrockChatModel.rootMessage(cause)) + ")");
        }
    }

    private LlmException timedOut(Duration timeout) {
        return new LlmException(LlmException.Kind.TIMEOUT, "the chat endpoint " + endpoint + " did not answer within "
                + timeout.toSeconds() + " s (--llm-call-timeout)");
    }

    private LlmException httpError(int status, String detail, Duration retryAfter) {
        String at = "the chat endpoint " + endpoint;
        return switch (status) {
            case 401, 403 -> new LlmException(LlmException.Kind.AUTH, at + " rejected the API key (HTTP "
                    + status + ": " + detail + "); set CODEC_LAB_LLM_API_KEY (or OPENAI_API_KEY) to a valid key");
            case 404 -> new LlmException(LlmException.Kind.UNKNOWN_MODEL, "model '" + modelId + "' or URL " + endpoint
                    + " not found (HTTP 404: " + detail + "); check --model and --llm-url");
            case 408 -> new LlmException(LlmException.Kind.TIMEOUT, at + " timed out (HTTP 408: " + detail + ")", retryAfter);
            case 429 -> new LlmException(LlmException.Kind.THROTTLED, at + " is throttling (HTTP 429: " + detail + ")", retryAfter);
            default -> status >= 500
                    ? new LlmException(LlmException.Kind.SERVER_ERROR, at + " failed (HTTP " + status + ": " + detail + ")", retryAfter)
                    : new LlmException(LlmException.Kind.BAD_REQUEST, at + " rejected the request (HTTP "
                    + status + ": " + detail + "); check --max-tokens, --temperature and --reasoning-effort for this model");
        };
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode m = n.path("error").isObject() ? n.path("error").path("message") : n.path("error");
            if (m.isTextual()) {
                return LlmException.oneLine(m.asText());
            }
            if (n.path("message").isTextual()) {
                return LlmException.oneLine(n.path("message").asText());
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show the body's first line instead
        }
        return LlmException.oneLine(body);
    }
}
