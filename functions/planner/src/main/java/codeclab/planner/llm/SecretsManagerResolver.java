package codeclab.planner.llm;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads an API key from AWS Secrets Manager (the Lambda path: keys never sit in environment variables). */
public final class SecretsManagerResolver implements ApiKeys.SecretResolver {

    private final SecretsManagerClient client;

    public SecretsManagerResolver(SecretsManagerClient client) {
        this.client = client;
    }

    /** A client for the Lambda's own region and role. */
    public static SecretsManagerResolver fromEnvironment() {
        return new SecretsManagerResolver(SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    @Override
    public String secret(String secretId) {
        try {
            String s = client.getSecretValue(b -> b.secretId(secretId)).secretString();
            if (s == null || s.isBlank()) {
                throw new IllegalStateException("secret " + secretId + " has no string value; store the API key as plain text");
            }
            return s;
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read secret " + secretId + ": "
                    + LlmException.oneLine(e.getMessage()) + "; check the secret id and secretsmanager:GetSecretValue", e);
        }
    }
}
