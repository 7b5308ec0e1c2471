// Runs `npm ci` only when node_modules is missing or package-lock.json changed since the last
// install (Maven calls this on every build; a full `npm ci` costs seconds each time).
// Set NPM_CI_FORCE=1 to install anyway.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.telecare-lock-sha256';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';

if (installed === lockHash && process.env.NPM_CI_FORCE !== '1') {
  console.log('node_modules matches package-lock.json; skipping npm ci');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, `${lockHash}\n`);
}
