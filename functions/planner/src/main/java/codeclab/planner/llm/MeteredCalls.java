package codeclab.planner.llm;

import codeclab.planner.Cost;
import codeclab.planner.DecisionLog;
import codeclab.planner.PlannerTrace;
import codeclab.planner.SpendLedger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The model calls of one plan, each one metered: it starts only if its worst-case cost (the prompt at two bytes per
 * token, plus max_tokens of answer) can be reserved under the run's budget and there is time left before the plan's
 * deadline; it is retried on throttling, 5xx, timeouts and malformed bodies with backoff (a longer Retry-After wins)
 * while attempts and time last; afterwards the reservation is settled to the billed usage. Every call lands in the
 * trace.
 */
final class MeteredCalls {

    private static final System.Logger LOG = System.getLogger("codeclab.planner");

    /** Planning must stop; the message names the endpoint or the budget and what to do. */
    static final class Stop extends Exception {
        final boolean budget;

        Stop(String message, boolean budget) {
            super(message);
            this.budget = budget;
        }
    }

    private final ChatModel model;
    private final LlmConfig config;
    private final SpendLedger ledger;
    private final Instant deadline;
    private final Random rng;
    private final DecisionLog log;
    private final Clock clock;
    private final List<PlannerTrace.Call> calls = new ArrayList<>();
    private Cost cost = Cost.ZERO;

    MeteredCalls(ChatModel model, LlmConfig config, SpendLedger ledger, Instant deadline, Random rng, DecisionLog log, Clock clock) {
        this.model = model;
        this.config = config;
        this.ledger = ledger;
        this.deadline = deadline;
        this.rng = rng;
        this.log = log;
        this.clock = clock;
    }

    Cost cost() {
        return cost;
    }

    List<PlannerTrace.Call> calls() {
        return List.copyOf(calls);
    }

    /** The shortest call worth starting: a call cut shorter than this would only waste a reservation. */
    private Duration minCall() {
        Duration half = config.callTimeout().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) < 0 ? half : Duration.ofSeconds(5);
    }

    ChatModel.ChatReply call(String purpose, String system, List<ChatModel.ChatMessage> messages) throws Stop {
        long requestBytes = bytes(system) + messages.stream().mapToLong(m -> bytes(m.text())).sum();
        String last = messages.isEmpty() ? "" : messages.getLast().text();
        // Worst case: tokens are rarely shorter than two bytes of UTF-8, and the answer can use all of max_tokens.
        long worstIn = requestBytes / 2 + 8L * (messages.size() + 1);
        double reserve = config.price().usd(worstIn, model.options().maxTokens());
        String lastError = null;
        for (int attempt = 1; ; attempt++) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.compareTo(minCall()) < 0) {
                throw new Stop("planner endpoint " + model.endpoint() + ": no time left for " + purpose + " within the plan's "
                        + config.planTimeout().toSeconds() + " s (--plan-timeout)" + (lastError == null ? "" : "; last error: " + lastError), false);
            }
            Duration timeout = remaining.compareTo(config.callTimeout()) < 0 ? remaining : config.callTimeout();
            if (!ledger.reserve(reserve, config.budgetUsd())) {
                log.add("budget: cannot reserve " + usd(reserve) + " for " + purpose + " (committed " + usd(ledger.committedUsd())
                        + " of " + usd(config.budgetUsd()) + ")");
                throw new Stop("budget spent: " + usd(ledger.committedUsd()) + " of the run's " + usd(config.budgetUsd())
                        + " LLM budget is spent or reserved, and the next call could cost up to " + usd(reserve)
                        + "; the run pauses: raise --budget (CDK context budgetUsd) and resume it", true);
            }
            long t0 = System.nanoTime();
            try {
                ChatModel.ChatReply reply = model.complete(system, messages, timeout);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                long in = reply.inputTokens();
                long out = reply.outputTokens();
                if (!reply.usageReported()) {
                    // No usage: bill a generous estimate (three bytes per token) rather than nothing, and say so.
                    in = requestBytes / 3 + 8L * (messages.size() + 1);
                    out = Math.max(1, bytes(reply.text()) / 3);
                    String warning = "warning: " + model.endpoint() + " reported no token usage; billed an estimate of "
                            + in + " in / " + out + " out tokens";
                    log.add(warning);
                    LOG.log(System.Logger.Level.WARNING, warning);
                }
                double usd = config.price().usd(in, out);
                ledger.settle(reserve, usd, in, out);
                if (usd > reserve) {
                    log.add("warning: the call cost " + usd(usd) + ", more than the " + usd(reserve) + " reserved");
                }
                cost = cost.plus(new Cost(in, out, usd, Duration.ZERO));
                calls.add(new PlannerTrace.Call(purpose, attempt, messages.size(), requestBytes, clip(last), reserve, in, out,
                        reply.usageReported(), usd, reply.stopReason(), millis, reply.text(), null));
                log.add(purpose + ": " + reply.text().length() + " chars, " + in + "/" + out + " tokens, " + usd(usd)
                        + ", stop " + reply.stopReason() + ", " + millis + " ms");
                return reply;
            } catch (LlmException e) {
                long millis = (System.nanoTime() - t0) / 1_000_000;
                // The provider may bill a call that timed out or came back garbled: keep its reservation as spent.
                boolean maybeBilled = e.kind() == LlmException.Kind.TIMEOUT || e.kind() == LlmException.Kind.MALFORMED;
                double billed = maybeBilled ? reserve : 0;
                ledger.settle(reserve, billed, 0, 0);
                cost = cost.plus(new Cost(0, 0, billed, Duration.ZERO));
                calls.add(new PlannerTrace.Call(purpose, attempt, messages.size(), requestBytes, clip(last), reserve, 0, 0,
                        false, billed, null, millis, null, e.kind() + ": " + e.getMessage()));
                lastError = e.getMessage();
                if (!e.kind().retryable()) {
                    log.add(purpose + " failed: " + e.kind() + ": " + e.getMessage());
                    throw new Stop(e.getMessage(), false);
                }
                if (attempt >= config.maxAttempts()) {
                    log.add(purpose + " failed " + attempt + " times: " + e.kind());
                    throw new Stop(e.getMessage() + " (gave up after " + attempt + " attempts)", false);
                }
                long cap = Math.min(config.maxBackoff().toMillis(), config.baseBackoff().toMillis() << Math.min(20, attempt - 1));
                long delay = cap / 2 + (long) (rng.nextDouble() * (cap / 2.0 + 1)); // equal jitter
                String why = "";
                if (e.retryAfter() != null && e.retryAfter().toMillis() > delay) {
                    delay = e.retryAfter().toMillis();
                    why = " (Retry-After)";
                }
                if (clock.instant().plusMillis(delay).plus(minCall()).isAfter(deadline)) {
                    log.add("attempt " + attempt + " " + e.kind() + ": no time left to wait " + delay + " ms" + why);
                    throw new Stop(e.getMessage() + " (attempt " + attempt + "; waiting " + delay + " ms" + why
                            + " would pass the plan's " + config.planTimeout().toSeconds() + " s, --plan-timeout)", false);
                }
                log.add("attempt " + attempt + " " + e.kind() + ": retrying in " + delay + " ms" + why);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Stop("interrupted while backing off from: " + e.getMessage(), false);
                }
            }
        }
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " chars)" : s;
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, "$%.4f", v);
    }
}
