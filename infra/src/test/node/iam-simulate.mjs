// Evaluates simulated AWS requests with @cloud-copilot/iam-simulate (offline).
// Input (file named by argv[2]): {"simulations": [{"id": "...", "simulation": <iam-simulate Simulation>}]}
// Output (stdout): [{"id", "result", "allowPolicies": [policy names whose Allow statements matched], "error"?}]
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = [];
for (const { id, simulation } of input.simulations) {
  const sim = { serviceControlPolicies: [], resourceControlPolicies: [], ...simulation };
  try {
    const r = await runSimulation(sim, {});
    if (r.errors) {
      out.push({ id, result: 'Error', error: JSON.stringify(r.errors) });
      continue;
    }
    // A request on "*" for an action with resource types is a "wildcard" simulation: one result per resource type.
    const results = r.resultType === 'wildcard' ? (r.results ?? []) : [r.result ?? {}];
    const allow = new Set();
    for (const one of results) {
      for (const part of ['identityAnalysis', 'resourceAnalysis']) {
        for (const s of one.analysis?.[part]?.allowStatements ?? []) {
          if (s.policyId) allow.add(s.policyId);
        }
      }
    }
    const first = results[0]?.analysis ?? {};
    out.push({ id, result: r.overallResult ?? first.result, allowPolicies: [...allow],
      identity: first.identityAnalysis?.result, resource: first.resourceAnalysis?.result,
      ignoredContextKeys: results[0]?.ignoredContextKeys ?? [] });
  } catch (e) {
    out.push({ id, result: 'Error', error: String(e && e.stack || e) });
  }
}
process.stdout.write(JSON.stringify(out));
