// Debian's Chromium driven by playwright-core: never a downloaded browser, a fresh profile each run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The flags that work on these machines (DESIGN.md); the profile folder is given separately. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless Chromium with a fresh profile folder (removed by `close`). Playwright refuses
 * `--user-data-dir` in `args`, so the folder goes to `launchPersistentContext`.
 */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'telecare-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the named steps in order, printing `ok N - name` (TAP-like) for each. On the first
 * failure prints `not ok`, the error, the page's URL and visible text and the browser's errors,
 * saves a screenshot into `artifacts`, and exits with status 1. With `E2E_SCREENSHOTS=1` every
 * passed step leaves a screenshot there too.
 */
export async function runSteps(title, steps, { page, problems, close }, artifacts) {
  console.log(`# ${title}`);
  let number = 0;
  for (const [name, step] of steps) {
    number += 1;
    const started = Date.now();
    try {
      await step();
      console.log(`ok ${number} - ${name} (${Date.now() - started} ms)`);
      if (process.env.E2E_SCREENSHOTS === '1') {
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, `e2e-step-${number}.png`), fullPage: true });
      }
    } catch (error) {
      console.log(`not ok ${number} - ${name}`);
      console.log(`# ${String(error?.stack ?? error).split('\n').join('\n# ')}`);
      try {
        mkdirSync(artifacts, { recursive: true });
        const file = join(artifacts, `e2e-failure-${number}.png`);
        await page.screenshot({ path: file, fullPage: true });
        writeFileSync(join(artifacts, `e2e-failure-${number}.txt`), await page.innerText('body').catch(() => ''));
        console.log(`# screenshot: ${file}`);
        console.log(`# url: ${page.url()}`);
        console.log(`# page text:\n#   ${(await page.innerText('body').catch(() => '')).split('\n').join('\n#   ')}`);
      } catch (shotError) {
        console.log(`# no screenshot: ${shotError}`);
      }
      for (const problem of problems) console.log(`# browser ${problem}`);
      await close();
      process.exit(1);
    }
  }
  for (const problem of problems) console.log(`# browser ${problem}`);
  console.log(`1..${number}`);
}
