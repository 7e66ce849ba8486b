package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.Cost;
import codeclab.planner.DecisionLog;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.Program;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Plans with a chat model: picks a parent (usually the best program), shows it with its RD numbers,
 * the best and some diverse programs and the last failures, and asks for a full source or SEARCH/REPLACE
 * edits. A diff that does not apply gets one follow-up asking for the full source; an unusable answer
 * (no code, two blocks, no Codec class, truncated, refusal, empty) or a compile error reported by the
 * request's checker gets one repair round-trip. Throttling, 5xx and timeouts are retried with exponential
 * backoff and jitter; the run budget is checked before every call.
 */
public final class LlmPlanner implements Planner {

    public static final String VERSION = "1";

    private final ChatModel model;
    private final LlmConfig config;
    private final PromptBuilder prompts;
    private final String id;

    public LlmPlanner(String name, ChatModel model, LlmConfig config, PromptBuilder prompts) {
        this.model = model;
        this.config = config;
        this.prompts = prompts;
        this.id = name + ":" + model.modelId() + "/" + VERSION;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Candidate plan(PlanRequest request) {
        long t0 = System.nanoTime();
        DecisionLog log = new DecisionLog(id);
        Random rng = new Random(request.slotSeed());
        Cost[] cost = {Cost.ZERO};
        double spentBefore = request.history().spentUsd();

        List<Program> ranked = request.history().best(config.topPrograms() + config.diversePrograms() + 30)
                .stream().filter(p -> request.history().source(p.id()).isPresent()).toList();
        Program parent = null;
        if (!ranked.isEmpty()) {
            int pick = rng.nextDouble() < config.exploreRate() ? rng.nextInt(Math.min(ranked.size(), config.topPrograms() + 1)) : 0;
            parent = ranked.get(pick);
            log.add("parent " + parent.id() + " (rank " + (pick + 1) + " of " + ranked.size() + ", BD-rate " + parent.bdRatePercent() + ")");
        } else {
            log.add("no usable program yet: asking for a first codec");
        }
        String parentSource = parent == null ? null : request.history().source(parent.id()).orElseThrow();
        String parentId = parent == null ? null : parent.id();
        Program chosen = parent;
        List<Program> top = ranked.stream().filter(p -> p != chosen).limit(config.topPrograms()).toList();
        List<Program> rest = new ArrayList<>(ranked.stream().filter(p -> p != chosen && !top.contains(p)).toList());
        List<Program> diverse = new ArrayList<>();
        while (diverse.size() < config.diversePrograms() && !rest.isEmpty()) {
            diverse.add(rest.remove(rng.nextInt(rest.size())));
        }
        List<Program> failures = request.history().failures(config.failuresShown());
        log.add("prompt shows " + top.size() + " top, " + diverse.size() + " diverse, " + failures.size() + " failures, "
                + request.hints().size() + " hints");
        PromptBuilder.Prompt prompt = prompts.build(new PromptBuilder.Context(parent, parentSource, top, diverse, failures, request.hints()));

        List<ChatModel.ChatMessage> messages = new ArrayList<>();
        messages.add(ChatModel.ChatMessage.user(prompt.user()));
        boolean diffFallbackUsed = false;
        boolean repairUsed = false;
        String lastAnswer = null;
        String hypothesis = null;
        while (true) {
            double spent = spentBefore + cost[0].usd();
            if (spent >= config.budgetUsd()) {
                log.add("budget check failed: spent " + usd(spent) + " of " + usd(config.budgetUsd()));
                return fail(OutcomeKind.PLANNER_ERROR, "budget spent: " + usd(spent) + " of the run's "
                        + usd(config.budgetUsd()) + " LLM budget; raise the budget or start a new run", lastAnswer, parentId, cost[0], t0, log);
            }
            ChatModel.ChatReply reply;
            try {
                reply = callWithRetry(prompt.system(), messages, rng, log);
            } catch (LlmException e) {
                log.add("model call failed: " + e.kind() + ": " + e.getMessage());
                return fail(OutcomeKind.PLANNER_ERROR, e.getMessage(), lastAnswer, parentId, cost[0], t0, log);
            }
            Cost callCost = new Cost(reply.inputTokens(), reply.outputTokens(),
                    config.price().usd(reply.inputTokens(), reply.outputTokens()), Duration.ZERO);
            cost[0] = cost[0].plus(callCost);
            lastAnswer = reply.text();
            messages.add(ChatModel.ChatMessage.assistant(reply.text().isEmpty() ? "(empty answer)" : reply.text()));
            log.add("answer: " + reply.text().length() + " chars, " + reply.inputTokens() + "/" + reply.outputTokens()
                    + " tokens, stop " + reply.stopReason());
            Optional<String> h = AnswerParser.hypothesis(reply.text());
            if (h.isPresent()) {
                hypothesis = h.get();
            }

            String source = null;
            String problem = null;
            switch (AnswerParser.parse(reply.text())) {
                case AnswerParser.Parsed.Invalid inv -> problem = inv.reason();
                case AnswerParser.Parsed.FullSource full -> source = full.source();
                case AnswerParser.Parsed.Edits edits -> {
                    if (parentSource == null) {
                        problem = "SEARCH/REPLACE blocks need a parent, and none was shown";
                    } else {
                        switch (DiffApplier.apply(parentSource, edits.edits())) {
                            case DiffApplier.Result.Applied a -> {
                                source = a.source();
                                log.add("applied " + edits.edits().size() + " SEARCH/REPLACE edit(s) to " + parentId);
                            }
                            case DiffApplier.Result.Failed f -> problem = f.reason();
                        }
                        if (problem != null && !diffFallbackUsed) {
                            diffFallbackUsed = true;
                            log.add("diff did not apply (" + problem + "): asking for full source");
                            messages.add(ChatModel.ChatMessage.user("Your SEARCH/REPLACE blocks did not apply: " + problem
                                    + ".\nAnswer again with HYPOTHESIS: and the complete new source file in exactly one ```java block."));
                            continue;
                        }
                    }
                }
            }
            if (source != null) {
                problem = SourceCheck.problem(source).orElse(null);
            }
            if (problem != null && reply.truncated()) {
                problem += " (the answer hit the output token limit)";
            }
            if (problem == null) {
                Optional<String> compileError = request.checker().compileError(source);
                if (compileError.isPresent() && !repairUsed) {
                    repairUsed = true;
                    log.add("does not compile: asking for a repair");
                    messages.add(ChatModel.ChatMessage.user("The source does not compile:\n" + compileError.get()
                            + "\nFix it. Answer with HYPOTHESIS: and the complete corrected source in exactly one ```java block."));
                    continue;
                }
                compileError.ifPresent(e -> log.add("still does not compile after repair; handing it to validation"));
                log.add("proposing " + SourceCheck.className(source).orElse("?") + " (" + source.length() + " chars)");
                return Candidate.proposed(source, parentId, hypothesis == null ? "(the model gave no hypothesis)" : hypothesis,
                        id, cost[0].withWall(since(t0)), log.lines());
            }
            if (!repairUsed) {
                repairUsed = true;
                log.add("unusable answer (" + problem + "): one repair round-trip");
                messages.add(ChatModel.ChatMessage.user("Your answer could not be used: " + problem + ".\n" + PromptBuilder.FORMAT));
                continue;
            }
            log.add("unusable answer after repair: " + problem);
            return fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: " + problem, lastAnswer, parentId, cost[0], t0, log);
        }
    }

    private ChatModel.ChatReply callWithRetry(String system, List<ChatModel.ChatMessage> messages, Random rng, DecisionLog log)
            throws LlmException {
        for (int attempt = 1; ; attempt++) {
            try {
                return model.complete(system, List.copyOf(messages));
            } catch (LlmException e) {
                if (!e.kind().retryable()) {
                    throw e;
                }
                if (attempt >= config.maxAttempts()) {
                    throw new LlmException(e.kind(), e.getMessage() + " (gave up after " + attempt + " attempts)");
                }
                long cap = Math.min(config.maxBackoff().toMillis(), config.baseBackoff().toMillis() << Math.min(20, attempt - 1));
                long delay = cap / 2 + (long) (rng.nextDouble() * (cap / 2.0 + 1)); // equal jitter
                log.add("attempt " + attempt + " " + e.kind() + ": retrying in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while backing off from " + e.getMessage());
                }
            }
        }
    }

    private Candidate fail(OutcomeKind kind, String message, String raw, String parentId, Cost cost, long t0, DecisionLog log) {
        return Candidate.failed(kind, message, raw, parentId, id, cost.withWall(since(t0)), log.lines());
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "$%.4f", v);
    }
}
