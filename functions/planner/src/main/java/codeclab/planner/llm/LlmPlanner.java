package codeclab.planner.llm;

import codeclab.core.OutcomeKind;
import codeclab.planner.Candidate;
import codeclab.planner.DecisionLog;
import codeclab.planner.PlanRequest;
import codeclab.planner.Planner;
import codeclab.planner.PlannerTrace;
import codeclab.planner.Program;
import codeclab.planner.SourceFingerprint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Plans with a chat model: shows a parent (the best completed program, or a reference codec at the start) with its RD
 * numbers, its children, the best and some diverse programs and one lesson per failure class, and asks for
 * SEARCH/REPLACE edits or a full source. Up to {@link LlmConfig#followUps()} follow-up calls fix what came back: edits
 * that do not apply, an unusable answer, an answer cut at the output limit (continued or redone as edits, never the
 * whole file again under the same limit), a duplicate of an earlier experiment, a compile error or a sandbox violation
 * (each said as what it is). Every call is metered against the run's budget and the plan's deadline
 * ({@link MeteredCalls}); every call and decision is kept in the candidate's {@link PlannerTrace}.
 */
public final class LlmPlanner implements Planner {

    public static final String VERSION = "2";

    private final ChatModel model;
    private final LlmConfig config;
    private final PromptBuilder prompts;
    private final String id;
    private final Clock clock;

    public LlmPlanner(String name, ChatModel model, LlmConfig config, PromptBuilder prompts) {
        this(name, model, config, prompts, Clock.systemUTC());
    }

    LlmPlanner(String name, ChatModel model, LlmConfig config, PromptBuilder prompts, Clock clock) {
        this.model = model;
        this.config = config;
        this.prompts = prompts;
        this.clock = clock;
        this.id = name + ":" + model.modelId() + "/" + VERSION;
    }

    @Override
    public String id() {
        return id;
    }

    /** The state of one planning conversation. */
    private final class Conversation {
        final PlanRequest request;
        final DecisionLog log = new DecisionLog(id);
        final PromptBuilder.Prompt prompt;
        final PromptBuilder.Parent parent;
        final MeteredCalls calls;
        final List<ChatModel.ChatMessage> messages = new ArrayList<>();
        final long t0 = System.nanoTime();
        /** What SEARCH blocks apply to: the parent, or the model's own last source once it is being repaired. */
        String base;
        /** Edits of a truncated answer were applied to {@link #base}: an answer with no more edits means done. */
        boolean continuingEdits;
        int followUps;
        String nextPurpose = "first answer";
        String lastAnswer;
        String originalHypothesis;
        String hypothesis;

        Conversation(PlanRequest request) {
            this.request = request;
            Random rng = new Random(request.slotSeed());
            PromptBuilder.Context context = Briefing.build(request, config, rng, log);
            this.prompt = prompts.build(context);
            this.parent = context.parent();
            this.base = parent == null ? null : parent.source();
            Instant deadline = clock.instant().plus(config.planTimeout());
            if (request.deadline() != null && request.deadline().isBefore(deadline)) {
                deadline = request.deadline();
            }
            this.calls = new MeteredCalls(model, config, request.ledger(), deadline, rng, log, clock);
            messages.add(ChatModel.ChatMessage.user(prompt.user()));
        }

        String parentId() {
            return parent == null ? null : parent.id();
        }

        /** Asks again if a follow-up is left; false when none is. */
        boolean followUp(String purpose, String text) {
            if (followUps >= config.followUps()) {
                log.add("no follow-up left for " + purpose);
                return false;
            }
            followUps++;
            log.add("follow-up " + followUps + ": " + purpose);
            messages.add(ChatModel.ChatMessage.user(text));
            nextPurpose = purpose;
            return true;
        }

        Candidate trace(Candidate c) {
            return c.withTrace(new PlannerTrace(id, model.endpoint(), prompt.user(), calls.calls(), log.lines(),
                    originalHypothesis, hypothesis));
        }

        Candidate fail(OutcomeKind kind, String message) {
            return trace(Candidate.failed(kind, message, lastAnswer, parentId(), id,
                    calls.cost().withWall(Duration.ofNanos(System.nanoTime() - t0)), log.lines()));
        }

        Candidate propose(String source) {
            log.add("proposing " + SourceCheck.className(source).orElse("?") + " (" + source.length() + " chars)");
            return trace(Candidate.proposed(source, parentId(), hypothesis == null ? "(the model gave no hypothesis)" : hypothesis,
                    id, calls.cost().withWall(Duration.ofNanos(System.nanoTime() - t0)), log.lines()));
        }
    }

    @Override
    public Candidate plan(PlanRequest request) {
        Conversation c = new Conversation(request);
        while (true) {
            ChatModel.ChatReply reply;
            try {
                reply = c.calls.call(c.nextPurpose, c.prompt.system(), c.messages);
            } catch (MeteredCalls.Stop stop) {
                return c.fail(OutcomeKind.PLANNER_ERROR, stop.getMessage());
            }
            c.lastAnswer = reply.text();
            c.messages.add(ChatModel.ChatMessage.assistant(reply.text().isEmpty() ? "(empty answer)" : reply.text()));
            Optional<String> h = AnswerParser.hypothesis(reply.text());
            if (h.isPresent()) {
                if (c.originalHypothesis == null) {
                    c.originalHypothesis = h.get();
                }
                c.hypothesis = h.get();
            }
            Candidate done = examine(c, reply);
            if (done != null) {
                return done;
            }
        }
    }

    /** A candidate when the conversation ends with this answer, or null after asking a follow-up. */
    private Candidate examine(Conversation c, ChatModel.ChatReply reply) {
        String text = reply.text();
        String source = null;
        String problem = null;
        switch (AnswerParser.parse(text)) {
            case AnswerParser.Parsed.FullSource full -> source = full.source();
            case AnswerParser.Parsed.Edits edits -> {
                if (c.base == null) {
                    problem = "SEARCH/REPLACE blocks need a parent, and none was shown";
                } else {
                    switch (DiffApplier.apply(c.base, edits.edits())) {
                        case DiffApplier.Result.Applied a -> {
                            source = a.source();
                            c.log.add("applied " + edits.edits().size() + " SEARCH/REPLACE edit(s)");
                        }
                        case DiffApplier.Result.Failed f -> {
                            return c.followUp("edits did not apply", "Your SEARCH/REPLACE blocks did not apply: " + f.reason()
                                    + ".\nAnswer again: copy each SEARCH text exactly from the source, or send the complete"
                                    + " file in exactly one ```java block.") ? null
                                    : c.fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: SEARCH/REPLACE blocks did not apply: " + f.reason());
                        }
                    }
                }
            }
            case AnswerParser.Parsed.Invalid inv -> {
                if (c.continuingEdits && AnswerParser.completeEdits(text).isEmpty() && !text.contains("```")) {
                    source = c.base; // the continuation says nothing is left: the edits applied so far are the change
                } else {
                    problem = inv.reason();
                }
            }
        }
        if (source != null && problem == null) {
            problem = SourceCheck.problem(source).orElse(null);
        }
        if (problem != null && reply.truncated()) {
            return truncated(c, text, problem);
        }
        if (problem != null) {
            return c.followUp("repair: unusable answer", "Your answer could not be used: " + problem + ".\n" + PromptBuilder.FORMAT)
                    ? null : c.fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: " + problem);
        }
        return checked(c, source);
    }

    /** An answer cut at the output limit: continue the edits, or ask for the change as edits instead of a whole file. */
    private Candidate truncated(Conversation c, String text, String problem) {
        int limit = model.options().maxTokens();
        List<AnswerParser.Edit> complete = AnswerParser.completeEdits(text);
        if (c.base != null && !complete.isEmpty() && DiffApplier.apply(c.base, complete) instanceof DiffApplier.Result.Applied a) {
            c.base = a.source();
            c.continuingEdits = true;
            c.log.add("answer cut at " + limit + " tokens after " + complete.size() + " complete edit(s): applied, asking for the rest");
            return c.followUp("continue edits after truncation", "Your answer was cut at the output limit (" + limit
                    + " tokens) after " + complete.size() + " complete SEARCH/REPLACE block(s); they are applied. Send only the"
                    + " remaining SEARCH/REPLACE blocks, against the source with those applied. If nothing is left, answer DONE.")
                    ? null : c.fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: cut at the output limit of " + limit
                    + " tokens (raise --max-tokens)");
        }
        if (c.base != null) {
            c.log.add("answer cut at " + limit + " tokens (" + problem + "): asking for the change as edits");
            return c.followUp("edits instead of a truncated file", "Your answer was cut at the output limit (" + limit
                    + " tokens): a whole file does not fit. Do not resend the file. Express the same change as SEARCH/REPLACE"
                    + " blocks against the source shown, with a HYPOTHESIS: line first.")
                    ? null : c.fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: " + problem
                    + " (cut at the output limit of " + limit + " tokens; raise --max-tokens)");
        }
        return c.followUp("shorter file after truncation", "Your answer was cut at the output limit (" + limit
                + " tokens). Write a shorter complete file (use the toolkit instead of long helper code).\n" + PromptBuilder.FORMAT)
                ? null : c.fail(OutcomeKind.INVALID_RESPONSE, "invalid model answer: " + problem + " (cut at the output limit of "
                + limit + " tokens; raise --max-tokens)");
    }

    /** A usable source: not a duplicate, compiles, verifies; else a follow-up, or handed over for the loop to record. */
    private Candidate checked(Conversation c, String source) {
        c.continuingEdits = false;
        String fingerprint = SourceFingerprint.of(source);
        Optional<Program> same = c.request.history().withFingerprint(fingerprint);
        boolean unchanged = c.parent != null && fingerprint.equals(SourceFingerprint.of(c.parent.source()));
        if (same.isPresent() || unchanged) {
            String what = same.map(p -> "experiment " + p.id() + " (" + (p.outcome() == null ? "in flight"
                    : p.outcome() == OutcomeKind.OK ? PromptBuilder.summary(p) : p.outcome().name()) + ")").orElse("the parent, unchanged");
            c.log.add("duplicate of " + what);
            if (c.followUp("retry after a duplicate", "This source is the same codec as " + what + " once comments and layout"
                    + " are ignored; it would not be evaluated again. Make a real change (SEARCH/REPLACE blocks against the parent"
                    + " shown first), with a HYPOTHESIS: line.")) {
                c.base = c.parent == null ? null : c.parent.source();
                return null;
            }
            return c.propose(source); // the loop records it as DUPLICATE, pointing at the original
        }
        Optional<PlanRequest.CheckFailure> failure = c.request.checker().check(source);
        if (failure.isEmpty()) {
            return c.propose(source);
        }
        PlanRequest.CheckFailure f = failure.get();
        boolean sandbox = f.kind() == OutcomeKind.FORBIDDEN_API;
        String said = sandbox
                ? "The source compiles, but it breaks the sandbox rules (the bytecode check refused it; this is a sandbox"
                  + " violation, not a compile error):\n" + f.message() + "\nRemove every forbidden use; use only what the rules allow."
                : "The source does not compile:\n" + f.message() + "\nFix it.";
        c.base = source;
        if (c.followUp(sandbox ? "repair: sandbox violation" : "repair: " + f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                said + " Answer with HYPOTHESIS: and SEARCH/REPLACE blocks against your source above (or the complete corrected"
                        + " file in one ```java block).")) {
            return null;
        }
        c.log.add("still " + f.kind() + " after the follow-ups; handing it to validation");
        return c.propose(source);
    }
}
