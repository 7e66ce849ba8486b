/**
 * The research loop: one experiment in four steps, as plain Java with no AWS types.
 *
 * <p>Start at {@link codeclab.loop.LoopService}, the one door the Lambda handlers ({@code codeclab.handlers}) and the
 * local runner ({@code codeclab.local}) both use. Each step is a class of its own, read top to bottom:
 * <ol>
 *   <li>{@link codeclab.loop.PlanStage}: the planner writes a candidate; its source is stored by hash and the
 *       experiment as PLANNED;</li>
 *   <li>{@link codeclab.loop.ValidateStage}: compile, bytecode allowlist, smoke run in the sandbox;</li>
 *   <li>{@link codeclab.loop.ExecuteStage}: the harness measures the RD curves on the dev clips (and the held-out
 *       clips for a candidate for the run's best) and stores the evaluation by hash;</li>
 *   <li>{@link codeclab.loop.RecordStage}: the final status, one conditional write, counted once.</li>
 * </ol>
 * The payloads between the steps are {@link codeclab.loop.Events} (pointers only; docs/STATE-MACHINE.md);
 * {@link codeclab.loop.LoopFactory} wires a loop from a {@link codeclab.loop.LoopConfig}.
 */
package codeclab.loop;
