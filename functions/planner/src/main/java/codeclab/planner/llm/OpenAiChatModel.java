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
import java.util.List;
import java.util.Objects;

/**
 * Any OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}): OpenAI,
 * vLLM, llama.cpp server, Ollama, LiteLLM... The key goes in a Bearer header and never into messages.
 */
public final class OpenAiChatModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final String modelId;
    private final int maxTokens;
    private final double temperature;
    private final Duration timeout;

    /**
     * @param baseUrl e.g. {@code https://api.openai.com/v1} (with or without a trailing slash)
     * @param apiKey  bearer token, or null/blank for servers without auth
     */
    public OpenAiChatModel(String baseUrl, String apiKey, String modelId, int maxTokens, double temperature,
                           Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public ChatReply complete(String system, List<ChatMessage> messages) throws LlmException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", modelId);
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "system").put("content", system);
        for (ChatMessage m : messages) {
            msgs.addObject().put("role", m.role() == Role.USER ? "user" : "assistant").put("content", m.text());
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            req.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new LlmException(LlmException.Kind.UNREACHABLE, "cannot reach the chat endpoint " + endpoint
                    + " (" + LlmException.oneLine(BedrockChatModel.rootMessage(e)) + "); check --llm-url and that the server is running");
        } catch (HttpTimeoutException e) {
            throw new LlmException(LlmException.Kind.TIMEOUT, "the chat endpoint " + endpoint + " did not answer within "
                    + timeout.toSeconds() + " s; raise the planner timeout");
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.UNREACHABLE, "cannot talk to the chat endpoint " + endpoint + " ("
                    + LlmException.oneLine(BedrockChatModel.rootMessage(e)) + "); check --llm-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while waiting for " + endpoint);
        }
        int status = resp.statusCode();
        if (status != 200) {
            throw httpError(status, errorMessage(resp.body()));
        }
        try {
            JsonNode root = JSON.readTree(resp.body());
            JsonNode choice = root.path("choices").path(0);
            if (choice.isMissingNode()) {
                throw new LlmException(LlmException.Kind.BAD_REQUEST, "the chat endpoint " + endpoint
                        + " answered without choices; is it OpenAI-compatible?");
            }
            String text = choice.path("message").path("content").asText("");
            JsonNode usage = root.path("usage");
            return new ChatReply(text, usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                    choice.path("finish_reason").isNull() ? null : choice.path("finish_reason").asText(null));
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.BAD_REQUEST, "the chat endpoint " + endpoint
                    + " answered with something that is not JSON; is --llm-url an OpenAI-compatible base URL?");
        }
    }

    private LlmException httpError(int status, String detail) {
        return switch (status) {
            case 401, 403 -> new LlmException(LlmException.Kind.AUTH, "the chat endpoint rejected the API key (HTTP "
                    + status + ": " + detail + "); set CODEC_LAB_LLM_API_KEY (or OPENAI_API_KEY) to a valid key");
            case 404 -> new LlmException(LlmException.Kind.UNKNOWN_MODEL, "model '" + modelId + "' or URL " + endpoint
                    + " not found (HTTP 404: " + detail + "); check --model and --llm-url");
            case 429 -> new LlmException(LlmException.Kind.THROTTLED, "the chat endpoint is throttling (HTTP 429: " + detail + ")");
            default -> status >= 500
                    ? new LlmException(LlmException.Kind.SERVER_ERROR, "the chat endpoint failed (HTTP " + status + ": " + detail + ")")
                    : new LlmException(LlmException.Kind.BAD_REQUEST, "the chat endpoint rejected the request (HTTP "
                    + status + ": " + detail + ")");
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
