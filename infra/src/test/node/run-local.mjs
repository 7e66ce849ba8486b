// Runs the synthesized codec-lab state machine with aws-local-stepfunctions and local task overrides.
// Usage: node --import ./with-resolvers.mjs run-local.mjs <definition.json> <scenario>
// Prints one JSON object: {status, output|error, events:[{type,state,index,error}], calls:{Plan:n,...}, records:[input...]}
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [definitionPath, scenario] = process.argv.slice(2);
const definition = JSON.parse(readFileSync(definitionPath, 'utf8'));
const calls = { CheckRunning: 0, Plan: 0, Validate: 0, Execute: 0, Record: 0 };
const records = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const failure = (name, message) => Object.assign(new Error(message), { name });

const handlers = {
  // sfn:listExecutions (RUNNING) lists this execution; a second entry would be another generation still running.
  CheckRunning: async () => ({ Executions: [{ name: 'this' }] }),
  Plan: async ({ runId, slot }) => ({ runId, experimentId: `e-000${slot}`, sourceKey: `code/hash${slot}.java` }),
  Validate: async () => ({ valid: true, outcome: 'OK', message: null }),
  Execute: async ({ experimentId }) => ({ outcome: 'OK', evaluationKey: `results/${experimentId}.json` }),
  Record: async (input) => {
    records.push(input);
    const status = input.error ? 'FAILED' : input.validation && !input.validation.valid ? 'INVALID' : 'COMPLETED';
    return { runId: input.runId, experimentId: input.experimentId ?? null, status };
  },
};
const retryIntervalOverrides = {};
let input = { runId: 'r1', slots: [0] };

switch (scenario) {
  case 'happy':
    input = { runId: 'r1', slots: [0, 1, 2] };
    break;
  case 'invalid':
    handlers.Validate = async () => ({ valid: false, outcome: 'COMPILE_ERROR', message: 'Codec.java:3: error: ; expected' });
    break;
  case 'execute-timeout': {
    // The deployed TimeoutSeconds (960 s) is shortened so the real timeout mechanism fires within a test.
    definition.States.Generation.ItemProcessor.States.Execute.TimeoutSeconds = 1;
    handlers.Execute = async () => { await sleep(2500); return { outcome: 'OK', evaluationKey: 'late' }; };
    break;
  }
  case 'retry-then-success': {
    const plan = handlers.Plan;
    handlers.Plan = async (i) => {
      if (calls.Plan === 1) throw failure('Lambda.TooManyRequestsException', 'Rate exceeded');
      return plan(i);
    };
    break;
  }
  case 'plan-fails':
    handlers.Plan = async () => { throw failure('PlannerException', 'model returned no code'); };
    break;
  case 'overlap':
    handlers.CheckRunning = async () => ({ Executions: [{ name: 'this' }, { name: 'still-running' }] });
    break;
  case 'record-fails':
    handlers.Record = async (i) => { records.push(i); throw failure('ConditionalCheckFailed', 'store unavailable'); };
    retryIntervalOverrides.Record = 0;
    break;
  default:
    console.error(`unknown scenario: ${scenario}`);
    process.exit(2);
}

const counted = Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, async (i) => {
  calls[name]++;
  return fn(i);
}]));

const machine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } });
// The context object Step Functions gives every execution (aws-local-stepfunctions adds Input and StartTime only).
const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:CodecLab-generation';
const context = {
  StateMachine: { Id: arn, Name: 'CodecLab-generation' },
  Execution: { Id: arn.replace(':stateMachine:', ':execution:') + ':local', Name: 'local' },
};
const execution = machine.run(input, { overrides: { taskResourceLocalHandlers: counted, retryIntervalOverrides }, context });
const events = [];
const collect = (async () => {
  for await (const e of execution.eventLogs) {
    if (e.type.startsWith('State') || e.type.startsWith('MapIteration') || e.type.startsWith('Execution')) {
      events.push({ type: e.type, state: e.state?.name ?? e.parentState?.name ?? null, index: e.index ?? null, error: e.Error ?? null });
    }
  }
})();
const report = { scenario, calls, records, events };
try {
  report.output = await execution.result;
  report.status = 'SUCCEEDED';
} catch (e) {
  report.status = 'FAILED';
  report.error = { name: e.name, message: e.message, cause: e.cause?.name ?? null };
}
await collect;
process.stdout.write(JSON.stringify(report));
