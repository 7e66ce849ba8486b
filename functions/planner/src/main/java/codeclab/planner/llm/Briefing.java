package codeclab.planner.llm;

import codeclab.codec.seeds.ReferenceCodecs;
import codeclab.planner.DecisionLog;
import codeclab.planner.Fitness;
import codeclab.planner.History;
import codeclab.planner.PlanRequest;
import codeclab.planner.Program;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What one plan shows the model, chosen from the run's history: the parent (usually the best completed program by
 * the experiment score; a reference codec while the run has no completed program with source), the children already
 * tried on it, the best and some diverse programs, and one lesson per failure class.
 */
final class Briefing {

    /** Parent ids of changes made to a reference codec: {@code reference:InterCodec}. */
    static final String REFERENCE = "reference:";

    private Briefing() {
    }

    static PromptBuilder.Context build(PlanRequest request, LlmConfig config, Random rng, DecisionLog log) {
        History h = request.history();
        // the best by score, then ordered by fitness: a PSNR-Y gain bought by starving chroma does not make a parent
        List<Program> ranked = h.best(config.topPrograms() + config.diversePrograms() + 30).stream()
                .filter(p -> p.experiment().sourceHash() != null).sorted(Fitness.against(h).bestFirst()).toList();
        PromptBuilder.Parent parent = null;
        List<String> references = ReferenceCodecs.names();
        List<String> otherReferences = List.of();
        Program chosen = null;
        if (!ranked.isEmpty()) {
            int pick = rng.nextDouble() < config.exploreRate() ? rng.nextInt(Math.min(ranked.size(), config.topPrograms() + 1)) : 0;
            Optional<String> source = h.source(ranked.get(pick).id());
            if (source.isPresent()) {
                chosen = ranked.get(pick);
                parent = new PromptBuilder.Parent(chosen.id(), "experiment " + chosen.id(), chosen, source.get());
                log.add("parent " + chosen.id() + " (rank " + (pick + 1) + " of " + ranked.size() + " completed, BD-rate "
                        + chosen.bdRatePercent() + ")");
            } else {
                log.add("the source of " + ranked.get(pick).id() + " is missing from the artifacts: starting from a reference codec");
            }
        }
        if (parent == null) {
            // The strongest reference (the list is simplest first) unless this slot explores another one.
            String name = rng.nextDouble() < config.exploreRate() ? references.get(rng.nextInt(references.size())) : references.getLast();
            parent = new PromptBuilder.Parent(REFERENCE + name, "reference codec " + name, null, ReferenceCodecs.asCandidate(name));
            otherReferences = references.stream().filter(n -> !n.equals(name)).toList();
            log.add("no completed program yet: parent is reference codec " + name + " (of " + references + ")");
        }
        Program parentProgram = chosen;
        List<Program> top = ranked.stream().filter(p -> p != parentProgram).limit(config.topPrograms()).toList();
        List<Program> rest = new ArrayList<>(ranked.stream().filter(p -> p != parentProgram && !top.contains(p)).toList());
        List<Program> diverse = new ArrayList<>();
        while (diverse.size() < config.diversePrograms() && !rest.isEmpty()) {
            diverse.add(rest.remove(rng.nextInt(rest.size())));
        }
        List<Program> children = h.children(parent.id(), config.childrenShown());
        List<Lesson> lessons = h.latestFailurePerKind().stream()
                .map(p -> Lesson.of(p, h.source(p.id()).orElse(null))).toList();
        log.add("prompt shows " + children.size() + " children of the parent, " + top.size() + " top, " + diverse.size()
                + " diverse, " + lessons.size() + " failure lessons " + lessons.stream().map(l -> l.outcome().name()).toList()
                + ", " + request.hints().size() + " hints");
        return new PromptBuilder.Context(parent, top, diverse, lessons, children, otherReferences, request.hints());
    }
}
