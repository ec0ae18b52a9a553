/// <reference lib="dom" />
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/config';
import { loadPrompts } from '../../src/prompts/catalog';
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

  async function ask(page: Page, question: string, shows: string, shot: string): Promise<string> {
    const input = page.getByPlaceholder(prompts.format('web.inputPlaceholder'));
    await input.fill(question);
    await input.press('Enter');
    await page.getByText(shows, { exact: false }).last().waitFor().catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: false });
    return (await page.locator('#webchat').textContent()) ?? '';
  }

  it('shows a list answer whole, an "only 2022 is stated" answer, a refusal and a follow-up as understood', async () => {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.context.newPage();
    watchPage(page, problems);
    await page.goto(`${server.url}/`);
    await page.getByText('Xin chào!', { exact: false }).first().waitFor();

    const list = await ask(page, 'Năm 2022 Bộ và thành phố tập trung làm những việc gì?', 'Triển khai trợ lý ảo', 'answer-list.png');
    for (const item of ['đẩy mạnh hiệu quả sử dụng dịch vụ công trực tuyến', 'Triển khai trợ lý ảo phục vụ yêu cầu công tác cho cán bộ, công chức, viên chức']) expect(list).toContain(item);

    const flagged = await ask(page, 'Doanh thu kinh tế số trong quý I/2023 ước tính đạt bao nhiêu?', 'Văn bản chỉ nêu số liệu năm 2022', 'answer-only-stated.png');
    expect(flagged).toContain(prompts.format('answer.onlyStated', { stated: 'năm 2022', asked: 'năm 2023' }));

    const refused = await ask(page, 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?', 'không nêu nội dung này', 'answer-refusal.png');
    expect(refused).toContain(prompts.format('answer.refusal'));

    await ask(page, 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', '60 Mbps', 'answer-before-follow-up.png');
    const followed = await ask(page, 'còn băng rộng di động?', 'Tôi hiểu câu hỏi là', 'answer-follow-up.png');
    expect(followed).toContain('40 Mbps');
    expect(problems).toEqual([]);
  });
});
