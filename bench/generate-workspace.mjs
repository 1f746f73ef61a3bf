/**
 * Seeded synthetic OKR workspaces for the benchmark: objective files with narrative, task files
 * with 5-40 tasks, nesting, code blocks, links and emphasis. The same seed and size always give the
 * same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, good enough to vary synthetic text. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const WORDS = (
  'activation retention onboarding dashboard query cache latency pricing checkout invoice support ' +
  'runbook incident rollout cohort funnel signup workspace teammate chart metric export import ' +
  'migration schema index replica backup audit control policy review release flag experiment ' +
  'customer account partner webinar guide tutorial reference search billing usage quota alert'
).split(' ');
const VERBS = 'Ship Draft Review Measure Migrate Document Interview Instrument Automate Publish Remove Fix Design Test Roll out Compare'.split(' ');
const OWNERS = ['ines', 'tom', 'maya', 'li', 'sam', 'growth-team', 'platform-team', 'sales', 'support'];

function sentence(random, min = 6, max = 16) {
  const count = random.int(min, max);
  const words = [];
  for (let i = 0; i < count; i++) {
    let word = random.pick(WORDS);
    const roll = random.next();
    if (roll < 0.04) word = `*${word}*`;
    else if (roll < 0.07) word = `**${word}**`;
    else if (roll < 0.1) word = `\`${word}_v${random.int(1, 9)}\``;
    else if (roll < 0.13) word = `[${word}](https://example.com/${word}/${random.int(1, 999)})`;
    words.push(word);
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random, sentences = random.int(2, 5)) {
  const lines = [];
  let line = '';
  for (let i = 0; i < sentences; i++) {
    const next = sentence(random);
    if (line.length + next.length > 90 && line !== '') {
      lines.push(line);
      line = next;
    } else line = line === '' ? next : `${line} ${next}`;
  }
  lines.push(line);
  return lines.join('\n');
}

function taskText(random) {
  const words = [random.pick(VERBS)];
  const count = random.int(3, 9);
  for (let i = 0; i < count; i++) words.push(random.pick(WORDS));
  let text = words.join(' ');
  const roll = random.next();
  if (roll < 0.1) text += ` (see [the spec](https://example.com/spec/${random.int(1, 500)}))`;
  else if (roll < 0.18) text += ` in \`${random.pick(WORDS)}.ts\``;
  else if (roll < 0.24) text = `**${text}**`;
  else if (roll < 0.28) text += ' _before the freeze_';
  return text;
}

function checkbox(random) {
  const roll = random.next();
  if (roll < 0.45) return '[x]';
  if (roll < 0.8) return '[ ]';
  if (roll < 0.92) return '[/]';
  return '[-]';
}

function codeBlock(random) {
  const lines = [];
  const count = random.int(2, 6);
  for (let i = 0; i < count; i++) {
    lines.push(random.chance(0.3) ? `- [ ] ${random.pick(WORDS)} (not a task: inside code)` : `${random.pick(WORDS)}(${random.int(1, 99)});`);
  }
  return ['```' + random.pick(['ts', 'sh', 'markdown', '']), ...lines, '```'].join('\n');
}

function objectiveFile(random, index, parentId, period) {
  const id = `objective-${index}`;
  const krCount = random.int(2, 5);
  const keyResults = [];
  const taskKrs = [];
  for (let k = 0; k < krCount; k++) {
    const krId = `kr-${index}-${k}`;
    const kind = random.next();
    const lines = [`  - id: ${krId}`, `    title: ${taskText(random).replace(/[*`_[\]()]/g, '')}`];
    if (random.chance(0.3)) lines.push(`    owner: ${random.pick(OWNERS)}`);
    if (kind < 0.3) {
      const start = random.int(0, 50);
      lines.push(`    start: ${start}`, `    target: ${start + random.int(5, 50)}`, `    current: ${start + random.int(0, 30)}`, '    unit: "%"');
    } else if (kind < 0.45) {
      lines.push(`    done: ${random.chance(0.4)}`);
    } else {
      taskKrs.push(krId);
    }
    if (random.chance(0.2)) lines.push(`    weight: ${random.int(1, 3)}`);
    keyResults.push(lines.join('\n'));
  }
  const front = [
    '---',
    'type: objective',
    `id: ${id}`,
    `title: ${sentence(random, 4, 8)
      .replace(/[*`_[\]()]/g, '')
      .replace(/:/g, '')}`,
    `owner: ${random.pick(OWNERS)}`,
    `period: ${period}`,
    ...(parentId ? [`parent: ${parentId}`] : []),
    'key_results:',
    ...keyResults,
    '---',
  ].join('\n');
  const body = [`# ${sentence(random, 3, 7).replace(/\.$/, '')}`, '', paragraph(random), '', paragraph(random)];
  if (random.chance(0.5)) body.push('', `## Context`, '', paragraph(random, 3));
  if (random.chance(0.3)) body.push('', `> ${sentence(random)}`, `> ${sentence(random)}`);
  if (random.chance(0.3)) body.push('', ...Array.from({ length: random.int(2, 4) }, () => `- ${sentence(random, 4, 10)}`));
  return { id, taskKrs, text: `${front}\n${body.join('\n')}\n` };
}

function taskFile(random, krIds) {
  const linked = random.chance(0.15) && krIds.length > 1 ? [random.pick(krIds), random.pick(krIds)] : [random.pick(krIds)];
  const unique = [...new Set(linked)];
  const front = [
    '---',
    `title: ${sentence(random, 3, 6)
      .replace(/[*`_[\]()]/g, '')
      .replace(/:/g, '')}`,
    `owner: ${random.pick(OWNERS)}`,
    unique.length === 1 ? `kr: ${unique[0]}` : `kr: [${unique.join(', ')}]`,
    '---',
  ].join('\n');
  const body = [`# ${sentence(random, 3, 6).replace(/\.$/, '')}`, '', paragraph(random, random.int(1, 3))];
  const target = random.int(5, 40);
  let tasks = 0;
  while (tasks < target) {
    body.push('', `## ${random.pick(['Research', 'Build', 'Launch', 'Follow-up', 'Clean-up', 'Rollout', 'Docs'])}`, '');
    if (random.chance(0.3)) body.push(paragraph(random, 1), '');
    const inSection = Math.min(target - tasks, random.int(3, 10));
    for (let i = 0; i < inSection; i++) {
      body.push(`- ${checkbox(random)} ${taskText(random)}`);
      tasks++;
      if (random.chance(0.15) && tasks < target) {
        const children = Math.min(target - tasks, random.int(2, 4));
        for (let c = 0; c < children; c++) {
          body.push(`  - ${checkbox(random)} ${taskText(random)}`);
          tasks++;
          if (random.chance(0.1) && tasks < target) {
            body.push(`    - ${checkbox(random)} ${taskText(random)}`);
            tasks++;
          }
        }
      }
      if (random.chance(0.05)) body.push('', `  ${sentence(random)}`, '');
    }
    if (random.chance(0.2)) body.push('', codeBlock(random));
  }
  if (random.chance(0.3)) body.push('', paragraph(random, 2));
  return `${front}\n${body.join('\n')}\n`;
}

/**
 * Writes a workspace of `fileCount` Markdown files into `dir`: about one objective file for every
 * five task files. Returns the relative paths written.
 */
export function generateWorkspace(dir, fileCount, seed = 1) {
  const random = createRandom(seed);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'okr.config.yaml'), 'thresholds:\n  on_track: 0.15\n  at_risk: 0.3\n');
  const objectiveCount = Math.max(1, Math.round(fileCount / 6));
  const written = [];
  const taskKrs = [];
  const objectiveIds = [];
  const teams = Math.max(1, Math.ceil(objectiveCount / 50));
  for (let i = 0; i < objectiveCount; i++) {
    const parentId = i === 0 ? null : objectiveIds[Math.floor(random.next() * Math.min(objectiveIds.length, 20))];
    const period = random.chance(0.8) ? '2026-Q4' : random.pick(['2026-Q3', '2026-H2', '2026']);
    const objective = objectiveFile(random, i, parentId, period);
    objectiveIds.push(objective.id);
    taskKrs.push(...objective.taskKrs);
    const relative = `team-${i % teams}/objectives/${objective.id}.md`;
    mkdirSync(path.join(dir, path.dirname(relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), objective.text);
    written.push(relative);
  }
  if (taskKrs.length === 0) taskKrs.push('kr-0-0');
  for (let i = 0; written.length < fileCount; i++) {
    const relative = `team-${i % teams}/tasks/${Math.floor(i / (teams * 50))}/task-${i}.md`;
    mkdirSync(path.join(dir, path.dirname(relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), taskFile(random, taskKrs));
    written.push(relative);
  }
  return written;
}
