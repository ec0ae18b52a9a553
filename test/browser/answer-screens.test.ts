/// <reference lib="dom" />
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
import { answerScreens, askAndShoot, type AnsweredScreen } from '../helpers/answer-screens';
import { ARTIFACTS, launchChromium, watchPage, type ChromiumSession } from '../helpers/chromium';
import { serveKnowledge, type ServedKnowledge } from '../helpers/served-knowledge';
import { startTestServer, type TestServer } from '../helpers/test-server';

// The real pipeline over the shipped knowledge/, behind the real server, in Debian's chromium: the
// four kinds of answer an official meets, each kept as a screenshot in test/artifacts to look at.
const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });

describe('answers in the web chat (real pipeline over knowledge/)', () => {
  let served: ServedKnowledge;
  let server: TestServer;
  let browser: ChromiumSession | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    served = await serveKnowledge({ prompts, fill: (dir) => cpSync(resolve(PROJECT_ROOT, 'knowledge'), dir, { recursive: true }) });
    server = await startTestServer({ assistant: served.pipeline.assistant, documents: served.pipeline.documents });
    browser = await launchChromium({ viewport: { width: 1000, height: 1100 }, timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    served?.close();
  });

  it('shows a list answer whole, an "only 2022 is stated" answer, a refusal and a follow-up as understood, each card with its sources only', async () => {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.context.newPage();
    watchPage(page, problems);
    await page.goto(`${server.url}/`);
    await page.getByText('Xin chào!', { exact: false }).first().waitFor();
    const screens = answerScreens(prompts);
    const seen: AnsweredScreen[] = [];
    for (const screen of screens) seen.push(await askAndShoot(page, prompts, screen, ARTIFACTS));
    const [listed, onlyStated, refusal, first, followUp] = seen;
    if (listed === undefined || onlyStated === undefined || refusal === undefined || first === undefined || followUp === undefined) throw new Error('an exchange is missing');

    for (const item of ['đẩy mạnh hiệu quả sử dụng dịch vụ công trực tuyến', 'Triển khai trợ lý ảo phục vụ yêu cầu công tác cho cán bộ, công chức, viên chức']) expect(listed.bubble).toContain(item);
    expect(onlyStated.bubble).toContain(prompts.format('answer.onlyStated', { stated: 'năm 2022', asked: 'năm 2023' }));
    expect(refusal.bubble).toContain(prompts.format('answer.refusal'));
    expect(refusal.card).toContain(prompts.format('bot.card.suggestions'));
    expect(refusal.card).not.toContain(prompts.format('bot.card.sources'));
    expect(first.bubble).toContain('60 Mbps');
    // The follow-up is asked as the previous question with its value swapped, shown as understood, and answered.
    expect(followUp.bubble).toContain(prompts.format('answer.understoodAs', { question: 'Tốc độ băng rộng di động của Hải Phòng đạt bao nhiêu?' }));
    expect(followUp.bubble).toContain('40 Mbps');
    // The card names the sources; the answer's quotes stay in the bubble, not repeated in the card.
    for (const answered of [listed, onlyStated, first, followUp]) {
      expect(answered.card).toContain(prompts.format('bot.card.sources'));
      expect(answered.card).not.toContain('Mbps');
      expect(answered.card).not.toContain('Triển khai trợ lý ảo');
    }
    expect(problems).toEqual([]);
  });
});
