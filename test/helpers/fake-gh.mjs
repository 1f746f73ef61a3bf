// A stand-in for the `gh` CLI, for the few `gh api` calls the CI examples make on issue comments
// and issues. State (the comments of one pull request, and issues) lives in the JSON file named by
// $FAKE_GH_STATE; every call is appended to its `calls` list. `--jq` filters are run by the real `jq`.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const statePath = process.env.FAKE_GH_STATE;
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const args = process.argv.slice(2);
state.calls.push(args);

function fail(message) {
  writeFileSync(statePath, JSON.stringify(state, null, 2));
  process.stderr.write(`fake gh: ${message}\n`);
  process.exit(1);
}

if (args[0] !== 'api') fail(`unsupported command: ${args.join(' ')}`);
if (process.env.GH_TOKEN !== 'test-token') fail('GH_TOKEN is not set');
let method = 'GET';
let jq = null;
let endpoint = null;
const fields = {};
for (let i = 1; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--method' || arg === '-X') method = args[++i];
  else if (arg === '--jq' || arg === '-q') jq = args[++i];
  else if (arg === '--paginate') continue;
  else if (arg === '-F' || arg === '--field') {
    const [key, ...rest] = args[++i].split('=');
    const value = rest.join('=');
    fields[key] = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  } else if (arg === '-f' || arg === '--raw-field') {
    const [key, ...rest] = args[++i].split('=');
    fields[key] = rest.join('=');
  } else if (arg.startsWith('-')) fail(`unsupported option ${arg}`);
  else endpoint = arg;
}

let match;
let output = null;
if (method === 'GET' && (match = /^repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(endpoint))) {
  output = state.comments;
} else if (method === 'POST' && (match = /^repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(endpoint))) {
  const comment = { id: state.nextId++, user: { login: 'github-actions[bot]' }, body: fields.body };
  state.comments.push(comment);
  output = comment;
} else if (method === 'PATCH' && (match = /^repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(endpoint))) {
  const comment = state.comments.find((c) => c.id === Number(match[2]));
  if (!comment) fail(`no comment ${match[2]}`);
  comment.body = fields.body;
  output = comment;
} else if (method === 'GET' && /^repos\/[^/]+\/[^/]+\/issues\?state=open$/.test(endpoint)) {
  output = (state.issues ?? []).filter((issue) => issue.state === 'open');
} else if (method === 'POST' && /^repos\/[^/]+\/[^/]+\/issues$/.test(endpoint)) {
  state.issues ??= [];
  const issue = { number: state.nextId++, state: 'open', user: { login: 'github-actions[bot]' }, title: fields.title, body: fields.body };
  state.issues.push(issue);
  output = issue;
} else if (method === 'PATCH' && (match = /^repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(endpoint))) {
  const issue = (state.issues ?? []).find((i) => i.number === Number(match[1]));
  if (!issue) fail(`no issue ${match[1]}`);
  issue.body = fields.body;
  output = issue;
} else {
  fail(`unsupported call: ${method} ${endpoint}`);
}
writeFileSync(statePath, JSON.stringify(state, null, 2));

const json = JSON.stringify(output);
if (jq === null) {
  process.stdout.write(`${json}\n`);
} else {
  const result = spawnSync('jq', ['-r', jq], { input: json, encoding: 'utf8' });
  if (result.status !== 0) fail(`jq failed: ${result.stderr}`);
  process.stdout.write(result.stdout);
}
