package codeclab.planner;

import codeclab.planner.evolve.EvolutionaryPlanner;
import codeclab.planner.llm.ApiKeys;
import codeclab.planner.llm.BedrockChatModel;
import codeclab.planner.llm.LlmSettings;
import codeclab.planner.llm.LlmPlanner;
import codeclab.planner.llm.OpenAiChatModel;
import codeclab.planner.llm.PromptBuilder;
import codeclab.planner.llm.SecretsManagerResolver;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Which planner a run uses, as the CLI options and the Lambda environment name it.
 *
 * @param kind      evolutionary (default, no LLM), bedrock or openai
 * @param model     model id (required for bedrock and openai)
 * @param url       base URL of an OpenAI-compatible endpoint (openai only)
 * @param region    AWS region for Bedrock
 * @param budgetUsd spending limit of the run for LLM planners
 * @param llm       output, price and timeout settings of the LLM planners
 */
public record PlannerChoice(Kind kind, String model, String url, String region, double budgetUsd, LlmSettings llm) {

    public enum Kind { EVOLUTIONARY, BEDROCK, OPENAI }

    public PlannerChoice {
        if (kind != Kind.EVOLUTIONARY && (model == null || model.isBlank())) {
            throw new IllegalArgumentException("the " + kind.name().toLowerCase(Locale.ROOT) + " planner needs a model id (--model)");
        }
        if (kind == Kind.OPENAI && (url == null || url.isBlank())) {
            throw new IllegalArgumentException("the openai planner needs the endpoint's base URL (--llm-url, e.g. http://127.0.0.1:8000/v1)");
        }
        if (!(budgetUsd >= 0)) {
            throw new IllegalArgumentException("budget must be >= 0 USD, got " + budgetUsd);
        }
        llm = llm == null ? LlmSettings.defaults() : llm;
        if (kind != Kind.EVOLUTIONARY) {
            llm.priceFor(model); // an unknown model without a given price is refused now, not billed at a guess later
        }
    }

    public PlannerChoice(Kind kind, String model, String url, String region, double budgetUsd) {
        this(kind, model, url, region, budgetUsd, null);
    }

    public static PlannerChoice evolutionary() {
        return new PlannerChoice(Kind.EVOLUTIONARY, null, null, null, 0);
    }

    /** The same choice with the LLM settings the environment gives (the Plan Lambda). */
    public PlannerChoice withEnvironment(Map<String, String> env) {
        return new PlannerChoice(kind, model, url, region, budgetUsd, LlmSettings.fromEnvironment(env));
    }

    /** Parses a kind name as users type it. */
    public static Kind kind(String name) {
        try {
            return Kind.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown planner '" + name + "': use evolutionary, bedrock or openai");
        }
    }

    /** Builds the planner; {@code env} supplies the OpenAI-compatible key (CODEC_LAB_LLM_API_KEY, OPENAI_API_KEY or a secret id). */
    public Planner create(Map<String, String> env) {
        return switch (kind) {
            case EVOLUTIONARY -> new EvolutionaryPlanner();
            case BEDROCK -> new LlmPlanner("bedrock", new BedrockChatModel(
                    BedrockChatModel.client(region == null ? "us-east-1" : region, endpoint(env, "CODEC_LAB_ENDPOINT_BEDROCK"),
                            llm.callTimeout(), null), model, llm.options()),
                    llm.config(model, budgetUsd), new PromptBuilder());
            case OPENAI -> new LlmPlanner("openai", new OpenAiChatModel(url,
                    // The Secrets Manager client is built only when a secret id is set: locally there may be no AWS region.
                    ApiKeys.resolve(env, secretId -> SecretsManagerResolver.fromEnvironment().secret(secretId)).orElse(null), model,
                    llm.options()), llm.config(model, budgetUsd), new PromptBuilder());
        };
    }

    private static URI endpoint(Map<String, String> env, String variable) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? null : URI.create(v);
    }
}
