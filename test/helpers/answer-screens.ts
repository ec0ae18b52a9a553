/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PromptCatalog } from '../../src/prompts/catalog';

/** One exchange of the web chat to look at: what is typed, a text its answer shows, the screenshot's file name. */
export interface AnswerScreen {
  question: string;
  shows: string;
  shot: string;
}

/**
 * The four kinds of answer an official meets, over the shipped knowledge/: a list, an answer
 * flagged "Văn bản chỉ nêu số liệu năm 2022", a refusal, and a follow-up shown as understood (after
 * the question it follows). Shared by test/browser/answer-screens.test.ts and
 * bench/web-screenshots.ts, so the committed screenshots show what the test asserts.
 */
export function answerScreens(prompts: PromptCatalog): AnswerScreen[] {
  return [
    { question: 'Năm 2022 Bộ và thành phố tập trung làm những việc gì?', shows: 'Triển khai trợ lý ảo', shot: 'answer-list.png' },
    { question: 'Doanh thu kinh tế số trong quý I/2023 ước tính đạt bao nhiêu?', shows: 'Văn bản chỉ nêu số liệu năm 2022', shot: 'answer-only-stated.png' },
    { question: 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?', shows: 'không nêu nội dung này', shot: 'answer-refusal.png' },
    { question: 'Tốc độ băng rộng cố định của Hải Phòng đạt bao nhiêu?', shows: '60 Mbps', shot: 'answer-before-follow-up.png' },
    { question: 'còn di động thì sao?', shows: prompts.format('answer.understoodAs', { question: '' }).slice(0, 12), shot: 'answer-follow-up.png' },
  ];
}

/** What one exchange left on the page: the whole transcript's text, and the last answer's bubble and card apart. */
export interface AnsweredScreen {
  transcript: string;
  bubble: string;
  card: string;
}

/**
 * Types the question, waits for its answer, and screenshots the exchange — the question and the
 * answer with its card, clipped to them so the image stays small — into `dir`.
 */
export async function askAndShoot(page: Page, prompts: PromptCatalog, screen: AnswerScreen, dir: string): Promise<AnsweredScreen> {
  const activities = page.locator('.webchat__basic-transcript__activity');
  const before = await activities.count();
  const input = page.getByPlaceholder(prompts.format('web.inputPlaceholder'));
  await input.fill(screen.question);
  await input.press('Enter');
  await page.getByText(screen.shows, { exact: false }).last().waitFor().catch(() => undefined);
  // The answer is the last activity with a card (the bot sends text and card in one activity).
  await activities.nth(before + 1).locator('.ac-adaptiveCard').waitFor().catch(() => undefined);
  await page.waitForTimeout(300);
  const asked = activities.nth(before);
  const answered = activities.last();
  await answered.scrollIntoViewIfNeeded();
  const top = await asked.boundingBox();
  const bottom = await answered.boundingBox();
  const clip = top !== null && bottom !== null ? { x: 0, y: Math.max(0, top.y - 8), width: page.viewportSize()?.width ?? 900, height: bottom.y + bottom.height - top.y + 16 } : undefined;
  await page.screenshot({ path: join(dir, screen.shot), ...(clip === undefined ? {} : { clip }) });
  return {
    transcript: (await page.locator('#webchat').textContent()) ?? '',
    bubble: (await answered.locator('.webchat__bubble__content').first().textContent()) ?? '',
    card: (await answered.locator('.ac-adaptiveCard').first().textContent()) ?? '',
  };
}
