// Runs every `check:*` script of the root package.json side by side, as many at a time as the
// machine has CPUs (each type checker and linter uses one), longest first. Each script's output is
// printed whole when it ends; the run fails if any failed, after all have ended.
// Usage: node test/support/run-checks.mjs   (npm run checks)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Listed longest first in package.json: the slowest start at once and the short ones fill in.
const names = Object.keys(scripts).filter((name) => name.startsWith('check:'));
if (names.length === 0) throw new Error('no check:* scripts in package.json');

const run = (name) =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', name], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const mark = code === 0 ? 'ok  ' : 'FAIL';
      process.stdout.write(`${mark} ${name} (${seconds} s)\n${code === 0 ? '' : output}`);
      resolve(code === 0);
    });
  });

const queue = [...names];
const results = [];
const worker = async () => {
  for (let name = queue.shift(); name; name = queue.shift()) results.push(await run(name));
};
await Promise.all(Array.from({ length: Math.min(availableParallelism(), names.length) }, worker));
if (results.includes(false)) process.exit(1);
