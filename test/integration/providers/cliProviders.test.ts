/**
 * `raro run` without --puppet: the built CLI (node bin/raro.js) runs blueprints bound to gemini and openai
 * against the fake servers (endpoints from GEMINI_BASE_URL and a `base_url` model option), and refuses to
 * start (exit 64, one line per problem) when a key is missing, the model id is not the provider's or the
 * provider exists only inside VS Code.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertBuilt, CLI, jsonEvents } from '../cli-run/cliProcess';
import { FakeHttpServer } from './fakeHttpServer';
import { geminiBody, geminiText } from './fakeGemini';
import { openAiBody, openAiText, openAiTextWithoutUsage } from './fakeOpenAi';

interface Exit { code: number | null; stdout: string; stderr: string }

/** Runs the CLI with exactly the provider variables given (the caller's own keys never leak in). */
function runCli(args: string[], cwd: string, providerEnv: Record<string, string>): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GEMINI_API_KEY', 'GEMINI_BASE_URL', 'GOOGLE_API_KEY', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) delete env[name];
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...env, ...providerEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function titleBlueprint(binding: string): string {
  return `blueprint "Provider smoke" {
  model main = ${binding}
}

agent writer {
  system "You write short titles."
  prompt "A title about {{input.topic}}."
  output { title: string }
}

graph main(topic: string = "otters") -> (title: string = writer.title) {
  writer
}
`;
}

describe('cli: raro run with real providers against fake servers', function () {
  this.timeout(60_000);
  let server: FakeHttpServer;
  let cwd = '';
  before(assertBuilt);
  beforeEach(async () => {
    server = await FakeHttpServer.start();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'raro-providers-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  function write(binding: string): string {
    fs.writeFileSync(path.join(cwd, 'smoke.raro'), titleBlueprint(binding));
    return 'smoke.raro';
  }

  it('runs a gemini-bound blueprint with GEMINI_API_KEY and GEMINI_BASE_URL, exit 0', async () => {
    server.reply(geminiText(['{"title": ', '"Otters at play"}']));
    const file = write('gemini "gemini-2.5-flash" { temperature 0.3 }');
    const result = await runCli(['run', file, '--json'], cwd, { GEMINI_API_KEY: 'test', GEMINI_BASE_URL: server.origin });
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const events = jsonEvents(result.stdout);
    const completed = events.find((ev) => ev.type === 'run.completed');
    assert.deepEqual(completed?.outputs, { title: 'Otters at play' });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].headers['x-goog-api-key'], 'test');
    const body = geminiBody(server.requests[0]);
    assert.deepEqual(body.contents[0].parts, [{ text: 'A title about otters.' }]);
    assert.equal(body.generationConfig?.temperature, 0.3);
  });

  it('runs an openai-bound blueprint against a base_url without any key, exit 0', async () => {
    server.reply(openAiText(['{"title": "Otters"}']));
    const file = write(`openai "llama3" { base_url "${server.origin}/v1"  max_tokens 200 }`);
    const result = await runCli(['run', file, '--json'], cwd, {});
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.deepEqual(jsonEvents(result.stdout).find((ev) => ev.type === 'run.completed')?.outputs, { title: 'Otters' });
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.equal(openAiBody(server.requests[0]).max_tokens, 200);
  });

  it('does not start without GEMINI_API_KEY: names the binding, the agent and the variable, exit 64', async () => {
    const file = write('gemini "gemini-2.5-flash"');
    const result = await runCli(['run', file], cwd, {});
    assert.equal(result.code, 64, result.stderr + result.stdout);
    assert.match(result.stderr, /model 'main' \(gemini "gemini-2\.5-flash"\), used by agent writer: GEMINI_API_KEY is not set; export GEMINI_API_KEY=.*--puppet/);
    assert.equal(fs.existsSync(path.join(cwd, '.raro', 'runs')) ? fs.readdirSync(path.join(cwd, '.raro', 'runs')).length : 0, 0, 'no journal: the run never started');
    assert.equal(server.requests.length, 0);
  });

  it('does not start an api.openai.com binding without OPENAI_API_KEY, exit 64', async () => {
    const file = write('openai "gpt-4.1"');
    const result = await runCli(['run', file], cwd, {});
    assert.equal(result.code, 64, result.stderr + result.stdout);
    assert.match(result.stderr, /model 'main' \(openai "gpt-4\.1"\), used by agent writer: OPENAI_API_KEY is not set/);
  });

  it('does not start a binding to an id Gemini does not serve, exit 64', async () => {
    const file = write('gemini "gpt-4.1"');
    const result = await runCli(['run', file], cwd, { GEMINI_API_KEY: 'test', GEMINI_BASE_URL: server.origin });
    assert.equal(result.code, 64, result.stderr + result.stdout);
    assert.match(result.stderr, /'gpt-4\.1' is not a gemini model id; use one such as gemini-2\.5-flash/);
    assert.equal(server.requests.length, 0);
  });

  it('explains that vscode-lm exists only inside VS Code, exit 64', async () => {
    const file = write('vscode-lm "copilot-gpt-4o"');
    const result = await runCli(['run', file], cwd, {});
    assert.equal(result.code, 64, result.stderr + result.stdout);
    assert.match(result.stderr, /provider 'vscode-lm' exists only inside VS Code/);
  });

  it('--request-timeout gives up on a server that never answers: the node fails naming the timeout, exit 1', async () => {
    server.reply({ chunks: [], stall: true }, { chunks: [], stall: true });
    const file = write('gemini "gemini-2.5-flash"');
    fs.writeFileSync(path.join(cwd, file), fs.readFileSync(path.join(cwd, file), 'utf8').replace('output { title: string }', 'output { title: string }\n  retry { attempts 2  backoff none }'));
    const result = await runCli(['run', file, '--request-timeout', '0.2', '--json'], cwd, { GEMINI_API_KEY: 'test', GEMINI_BASE_URL: server.origin });
    assert.equal(result.code, 1, result.stderr + result.stdout);
    assert.match(result.stdout, /Gemini did not answer within 200 ms \(its request timeout/);
    assert.equal(server.requests.length, 2, 'retried once, as the retry block says');
  });

  it('a malformed --request-timeout is a usage error, exit 64', async () => {
    const file = write('gemini "gemini-2.5-flash"');
    const result = await runCli(['run', file, '--request-timeout', '2m'], cwd, { GEMINI_API_KEY: 'test' });
    assert.equal(result.code, 64, result.stderr + result.stdout);
    assert.match(result.stderr, /option '--request-timeout' expects a number of seconds greater than 0, got '2m'/);
  });

  it('marks a server without usage as estimated and an unpriced model as cost unknown in the run summary', async () => {
    server.reply(openAiTextWithoutUsage(['{"title": "Otters"}']));
    const file = write(`openai "llama3" { base_url "${server.origin}/v1" }`);
    const unknown = await runCli(['run', file], cwd, {});
    assert.equal(unknown.code, 0, unknown.stderr + unknown.stdout);
    assert.match(unknown.stdout, /completed: run \S+, ~\d+ tokens \(\d+ in, \d+ out\), cost unknown/);
    server.reply(openAiTextWithoutUsage(['{"title": "Otters"}']));
    fs.writeFileSync(path.join(cwd, file), titleBlueprint(`openai "llama3" { base_url "${server.origin}/v1"  input_price 100  output_price 100 }`));
    const estimated = await runCli(['run', file], cwd, {});
    assert.match(estimated.stdout, /completed: run \S+, ~\d+ tokens \(\d+ in, \d+ out\), ~\$0\.\d{4} est\./);
  });

  it('--prices prices an unlisted model (no longer cost unknown); a bad table is exit 64 naming the model', async () => {
    server.reply(openAiText(['{"title": "Otters"}'], { prompt: 1_000_000, completion: 1_000_000 }));
    const file = write(`openai "llama3" { base_url "${server.origin}/v1" }`);
    fs.writeFileSync(path.join(cwd, 'prices.json'), JSON.stringify({ llama3: { inputPerMTok: 0.5, outputPerMTok: 1.5 } }));
    const priced = await runCli(['run', file, '--prices', 'prices.json'], cwd, {});
    assert.equal(priced.code, 0, priced.stderr + priced.stdout);
    assert.match(priced.stdout, /completed: run \S+, 2,000,000 tokens \(1,000,000 in, 1,000,000 out\), \$2\.00\n/);
    fs.writeFileSync(path.join(cwd, 'prices.json'), JSON.stringify({ llama3: { inputPerMTok: 0.5 } }));
    const bad = await runCli(['run', file, '--prices', 'prices.json'], cwd, {});
    assert.equal(bad.code, 64, bad.stderr + bad.stdout);
    assert.match(bad.stderr, /prices\.json: model 'llama3' is not in the built-in price list, so it needs both inputPerMTok and outputPerMTok/);
  });

  it('needs no key with --puppet', async () => {
    const file = write('gemini "gemini-2.5-flash"');
    fs.writeFileSync(path.join(cwd, 'p.json'), JSON.stringify({ version: 1, responses: { writer: [{ text: '{"title": "Offline"}' }] } }));
    const result = await runCli(['run', file, '--puppet', 'p.json', '--json'], cwd, {});
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.deepEqual(jsonEvents(result.stdout).find((ev) => ev.type === 'run.completed')?.outputs, { title: 'Offline' });
  });
});
