package codeclab.planner.llm;

import java.util.Map;
import java.util.Optional;

/**
 * Where the key of an OpenAI-compatible endpoint comes from: {@code CODEC_LAB_LLM_API_KEY}, else
 * {@code OPENAI_API_KEY}, else (on Lambda) the secret named by {@code CODEC_LAB_LLM_SECRET_ID}.
 */
public final class ApiKeys {

    public static final String KEY_VARIABLE = "CODEC_LAB_LLM_API_KEY";
    public static final String OPENAI_VARIABLE = "OPENAI_API_KEY";
    public static final String SECRET_VARIABLE = "CODEC_LAB_LLM_SECRET_ID";

    private ApiKeys() {
    }

    /** The key from {@code env}, resolving a secret id through {@code secrets} when no key variable is set. */
    public static Optional<String> resolve(Map<String, String> env, SecretResolver secrets) {
        for (String var : new String[]{KEY_VARIABLE, OPENAI_VARIABLE}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        String secretId = env.get(SECRET_VARIABLE);
        if (secretId != null && !secretId.isBlank()) {
            return Optional.of(secrets.secret(secretId.strip()).strip());
        }
        return Optional.empty();
    }

    /** Resolves a secret id to its value. */
    @FunctionalInterface
    public interface SecretResolver {
        /** The secret's string value; throws IllegalStateException with a one-line reason when it cannot be read. */
        String secret(String secretId);
    }
}
