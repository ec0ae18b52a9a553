/**
 * Screenshots of the web chat for a person to look at: `npx tsx bench/web-screenshots.ts [-- --out DIR]`.
 * The real pipeline over the shipped knowledge/, behind the real server, in Debian's chromium (the
 * flags of test/helpers/chromium.ts): the exchanges of test/helpers/answer-screens.ts — a list, an
 * answer flagged "Văn bản chỉ nêu số liệu năm 2022", a refusal, a follow-up shown as understood —
 * each clipped to the question and its answer, then the document viewer opened from the follow-up's
 * citation. Writes small PNGs to bench/results/screenshots/ (default). The assertions on the same
 * page are the test's (test/browser/answer-screens.test.ts); this only keeps the images.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config/config';
import { loadPrompts } from '../src/prompts/catalog';
import { answerScreens, askAndShoot } from '../test/helpers/answer-screens';
import { launchChromium, watchPage } from '../test/helpers/chromium';
import { serveKnowledge } from '../test/helpers/served-knowledge';
import { startTestServer } from '../test/helpers/test-server';

const { values: args } = parseArgs({ options: { out: { type: 'string', default: resolve(PROJECT_ROOT, 'bench/results/screenshots') } } });
const out = args.out;
mkdirSync(out, { recursive: true });
const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const served = await serveKnowledge({ prompts, fill: (dir) => cpSync(resolve(PROJECT_ROOT, 'knowledge'), dir, { recursive: true }) });
const server = await startTestServer({ assistant: served.pipeline.assistant, documents: served.pipeline.documents });
const browser = await launchChromium({ viewport: { width: 900, height: 1000 }, timeoutMs: 30_000 });
const problems: string[] = [];
try {
  const page = await browser.context.newPage();
  watchPage(page, problems);
  await page.goto(`${server.url}/`);
  await page.getByText('Xin chào!', { exact: false }).first().waitFor();
  await page.screenshot({ path: join(out, 'welcome.png') });
  for (const screen of answerScreens(prompts)) {
    await askAndShoot(page, prompts, screen, out);
    process.stdout.write(`${join(out, screen.shot)}\n`);
  }
  // The cited passage of the last answer, in the document viewer.
  const [viewer] = await Promise.all([browser.context.waitForEvent('page'), page.getByRole('button', { name: prompts.format('bot.card.open', { n: 1 }) }).last().click()]);
  await viewer.waitForLoadState('load');
  await viewer.locator('.chunk:target').scrollIntoViewIfNeeded();
  await viewer.setViewportSize({ width: 900, height: 640 });
  await viewer.locator('.chunk:target').scrollIntoViewIfNeeded();
  await viewer.screenshot({ path: join(out, 'document-viewer.png') });
  process.stdout.write(`${join(out, 'document-viewer.png')}\n`);
  if (problems.length > 0) process.stdout.write(`problems seen on the page:\n${problems.join('\n')}\n`);
} finally {
  await browser.close();
  await server.stop();
  served.close();
}
