import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ConversationState, TestAdapter, type Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackSubmitData } from '../../src/bot/answer-card';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteStorage } from '../../src/bot/sqlite-storage';
import { migrateSqlite } from '../../src/state/sqlite/sqlite-migrations';
import { openStateStore, type StateStore } from '../../src/bot/state-store';
import { TrolyBot } from '../../src/bot/troly-bot';
import { exampleCandidates } from '../../src/bot/welcome-examples';
import { createTurnErrorHandler } from '../../src/bot/turn-error-handler';
import { loadConfig, PROJECT_ROOT } from '../../src/config/config';
import { AppError } from '../../src/config/errors';
import { createLogger } from '../../src/config/logger';
import { loadPrompts } from '../../src/prompts/catalog';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer, refusal, type FakeReply } from '../fakes/fake-assistant';
import { submitActions } from './card-actions';
import { playTable, type Row } from './conversation-table';

const prompts = loadPrompts({ dir: resolve(PROJECT_ROOT, 'prompts') });
const config = loadConfig({ env: { TROLY_LOG_LEVEL: 'debug' } });

const Q_CONDITIONS = 'Điều kiện đăng ký thường trú là gì?';
const Q_FOLLOW_UP = 'còn thời hạn giải quyết thì sao?';
const Q_UNKNOWN = 'Lương tối thiểu vùng năm 2030 là bao nhiêu?';
const Q_BROKEN = 'Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ?';

const conditions = groundedAnswer({
  question: Q_CONDITIONS,
  text: 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó [1].',
  citations: [citationOfResidenceLaw()],
});

/** A follow-up only makes sense with the earlier question in the history; without it the fake refuses. */
const followUp: FakeReply = ({ history = [] }) =>
  history.some((turn) => turn.question === Q_CONDITIONS)
    ? groundedAnswer({
        question: 'Thời hạn giải quyết đăng ký thường trú là bao lâu?',
        text: 'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định [1].',
        citations: [citationOfResidenceLaw({ locator: 'Điều 22, khoản 3', chunkId: 'luat-cu-tru-2020#dieu-22-khoan-3-0', passage: 'Trong thời hạn 07 ngày làm việc…' })],
      })
    : refusal({ question: Q_FOLLOW_UP, text: 'Không tìm thấy văn bản nói về “thời hạn giải quyết” mà không rõ thủ tục nào.' });

function cardOf(activity: Partial<Activity>): { body: Array<Record<string, unknown>>; actions: ReturnType<typeof submitActions> } {
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const content = attachment?.content as { body: Array<Record<string, unknown>> };
  return { body: content.body, actions: submitActions(content) };
}

describe('TrolyBot conversations (TestAdapter)', () => {
  let dir: string;
  let state: StateStore;
  let logs: Array<{ level: number; msg: string }>;

  const makeBot = (replies: Record<string, FakeReply>, store = state) => {
    const assistant = createFakeAssistant({ replies });
    const destination = new Writable({
      write(chunk: Buffer, _e, callback) {
        for (const line of chunk.toString().split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as { level: number; msg: string });
        callback();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    const bot = new TrolyBot({ assistant, prompts, conversationState: new ConversationState(store.storage), feedback: store.feedback, logger, config, linkBaseUrl: () => 'https://troly.haiphong.gov.vn' });
    const adapter = new TestAdapter((context) => bot.run(context));
    adapter.onTurnError = createTurnErrorHandler({ prompts, logger });
    return { adapter, assistant };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'troly-bot-'));
    state = openStateStore({ path: join(dir, 'state.sqlite') });
    logs = [];
  });
  afterEach(() => {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('welcomes, helps, answers with citations, follows up with history, and /moi forgets it', async () => {
    const { adapter, assistant } = makeBot({ [Q_CONDITIONS]: conditions, [Q_FOLLOW_UP]: followUp });
    let answerId = '';
    const rows: Row[] = [
      [{ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'Chuyên viên' }], recipient: { id: 'bot', name: 'Trợ lý ảo' } }, { contains: ['Xin chào', 'Trợ lý ảo', 'giúp'] }],
      ['giúp', { contains: ['Hướng dẫn sử dụng', '/moi'] }],
      ['Giup!', { contains: ['Hướng dẫn sử dụng'] }],
      [
        Q_CONDITIONS,
        {
          typing: true,
          contains: ['chỗ ở hợp pháp', '[\\[1\\]](https://troly.haiphong.gov.vn/documents/luat-cu-tru-2020#luat-cu-tru-2020%23dieu-20-khoan-1-0)'],
          check: (activity) => {
            const card = cardOf(activity);
            const text = JSON.stringify(card.body);
            expect(text).toContain(JSON.stringify('\\[1\\] Luật Cư trú'));
            expect(text, 'the card shows sources, not the quoted answer again').not.toContain('chỗ ở hợp pháp');
            expect(text).toContain('Số hiệu: 68/2020/QH14 · Điều 20, khoản 1');
            expect(text).toContain('https://troly.haiphong.gov.vn/documents/luat-cu-tru-2020#luat-cu-tru-2020%23dieu-20-khoan-1-0');
            expect(card.actions.map((a) => a.data.rating)).toEqual(['up', 'down']);
            answerId = card.actions[0]?.data.answerId ?? '';
          },
        },
      ],
      [Q_FOLLOW_UP, { typing: true, contains: ['07 ngày làm việc', '\\[1\\]'] }],
      ['/moi', { contains: ['chủ đề mới'] }],
      [Q_FOLLOW_UP, { typing: true, contains: ['Không tìm thấy'] }],
    ];
    await playTable(adapter, rows);
    // The welcome's example checks ask without history; the conversation's questions carry theirs.
    expect(assistant.calls.filter((c) => c.history !== undefined).map((c) => c.history?.map((t) => t.question))).toEqual([[], [Q_CONDITIONS], []]);
    expect(answerId).not.toBe('');
  });

  it('answers when the state cannot be saved (a full disk), logging it instead of failing the turn', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    class FullDiskStorage extends SqliteStorage {
      override async write(): Promise<void> {
        throw full;
      }
    }
    const db = new BetterSqlite3(':memory:');
    migrateSqlite(db, ':memory:');
    const { adapter } = makeBot({ [Q_CONDITIONS]: conditions }, { ...state, storage: new FullDiskStorage({ db }) });
    await playTable(adapter, [
      [Q_CONDITIONS, { typing: true, contains: ['chỗ ở hợp pháp', '\\[1\\]'] }],
      ['giúp', { contains: ['Hướng dẫn sử dụng'] }],
    ]);
    // Only the answer changed the state ('giúp' does not), so one write failed.
    expect(logs.filter((l) => l.msg.startsWith('conversation state not saved'))).toHaveLength(1);
    db.close();
  });

  it('stores 👍/👎 with the question, answer and citations; a second rating replaces the first', async () => {
    const { adapter } = makeBot({ [Q_CONDITIONS]: conditions });
    let data: FeedbackSubmitData | undefined;
    await playTable(adapter, [[Q_CONDITIONS, { typing: true, contains: ['\\[1\\]'], check: (a) => void (data = cardOf(a).actions[0]?.data) }]]);
    expect(data?.rating).toBe('up');
    await playTable(adapter, [
      [{ type: 'message', value: data }, { contains: ['Cảm ơn', prompts.format('bot.feedback.thanksUp')] }],
      [{ type: 'message', value: { ...data, rating: 'down' } }, { contains: ['Cảm ơn', prompts.format('bot.feedback.thanksDown')] }],
      [{ type: 'message', value: { troly: 'feedback', answerId: 'khong-ton-tai', rating: 'up' } }, { contains: ['Không tìm thấy câu trả lời'] }],
    ]);
    const stored = await state.feedback.list();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ rating: 'down', question: Q_CONDITIONS, answer: conditions.text, channelId: 'test' });
    expect(stored[0]?.citations).toEqual(conditions.citations);
  });

  it('stores every rating of an answer it gave, also of answers older than the remembered window', async () => {
    const questions = Array.from({ length: 12 }, (_, i) => `Điều kiện đăng ký thường trú lần ${i + 1} là gì?`);
    const { adapter } = makeBot(Object.fromEntries(questions.map((q) => [q, groundedAnswer({ question: q, text: `Trả lời ${q} [1].`, citations: [citationOfResidenceLaw()] })])));
    const cards: FeedbackSubmitData[] = [];
    await playTable(adapter, questions.map((q): Row => [q, { typing: true, contains: ['\\[1\\]'], check: (a) => void cards.push(cardOf(a).actions[1]?.data as FeedbackSubmitData) }]));
    expect(cards).toHaveLength(12);
    // Oldest first: these fell out of the conversation's remembered answers long ago.
    await playTable(adapter, cards.map((data): Row => [{ type: 'message', value: data }, { contains: [prompts.format('bot.feedback.thanksDown')] }]));
    const stored = await state.feedback.list({ limit: 100 });
    expect(stored).toHaveLength(12);
    expect(new Set(stored.map((r) => r.question))).toEqual(new Set(questions));
    expect(stored.find((r) => r.question === questions[0])).toMatchObject({ rating: 'down', answer: `Trả lời ${questions[0]} [1].` });
    // An answer id of another conversation is not this conversation's answer.
    expect(await state.feedback.findAnswer({ channelId: 'test', conversationId: 'another', answerId: cards[0]?.answerId ?? '' })).toBeUndefined();
  });

  it('shows a refusal with its suggested documents and still offers 👍/👎', async () => {
    const unknown = refusal({
      question: Q_UNKNOWN,
      text: 'Văn bản của thành phố chưa có thông tin về câu hỏi này.',
      suggestions: [{ docId: 'nd-74-2024', title: 'Nghị định 74/2024/NĐ-CP quy định mức lương tối thiểu' }],
    });
    const { adapter } = makeBot({ [Q_UNKNOWN]: unknown });
    await playTable(adapter, [
      [
        Q_UNKNOWN,
        {
          typing: true,
          contains: ['chưa có thông tin'],
          check: (activity) => {
            const card = cardOf(activity);
            const text = JSON.stringify(card);
            expect(text).toContain('Văn bản có thể liên quan');
            expect(text).toContain('https://troly.haiphong.gov.vn/documents/nd-74-2024');
            expect(text).not.toContain('Nguồn trích dẫn');
            // The whole title, wrapped in a TextBlock, not cut short inside a button.
            expect(text).toContain('{"type":"TextBlock","text":"Nghị định 74/2024/NĐ-CP quy định mức lương tối thiểu","weight":"Bolder","wrap":true}');
            expect(card.actions).toHaveLength(2);
          },
        },
      ],
    ]);
  });

  it('renders the answer from its data: document text escaped, each [n] an absolute link, the card showing sources only', async () => {
    const hostile = citationOfResidenceLaw({ title: 'Luật <img src=x onerror=alert(1)> Cư trú', passage: 'Điều 2. <script>alert(1)</script> *đậm* [link](http://evil)' });
    const answer = groundedAnswer({
      question: Q_CONDITIONS,
      text: 'ignored by the bot',
      citations: [hostile],
      sentences: [{ text: '# Tiêu đề <script>alert(1)</script> *đậm* [x](http://evil)', cites: [1] }, { text: '6. Lưu trú là việc công dân ở lại…', cites: [1] }],
    });
    const { adapter } = makeBot({ [Q_CONDITIONS]: answer });
    await playTable(adapter, [
      [
        Q_CONDITIONS,
        {
          typing: true,
          contains: ['\\# Tiêu đề \\<script\\>alert(1)\\</script\\> \\*đậm\\* \\[x\\](http\\://evil) [\\[1\\]](https://troly.haiphong.gov.vn/documents/', '6\\. Lưu trú'],
          check: (activity) => {
            expect(activity.text).not.toContain('ignored by the bot');
            const body = JSON.stringify(cardOf(activity).body);
            expect(body).toContain(JSON.stringify('\\[1\\] Luật \\<img src=x onerror=alert(1)\\> Cư trú').slice(1, -1));
            // Sources only: the quoted passage is the answer itself and is not repeated.
            expect(body).not.toContain('alert(1)</script>');
            expect(body).not.toContain('đậm');
          },
        },
      ],
    ]);
  });

  it('shows the question as understood when it was completed from the history', async () => {
    const completed = { ...conditions, understoodAs: 'Điều kiện đăng ký <b>thường trú</b>' };
    const { adapter } = makeBot({ [Q_CONDITIONS]: completed });
    await playTable(adapter, [[Q_CONDITIONS, { typing: true, contains: [`_${prompts.format('answer.understoodAs', { question: 'Điều kiện đăng ký \\<b\\>thường trú\\</b\\>' })}_`] }]]);
  });

  it('welcomes with the example questions the assistant answers now, as text and buttons, and asks them once', async () => {
    const candidates = exampleCandidates(prompts.format('bot.examples'));
    const [first, refused, third, fourth, fifth] = candidates;
    if (first === undefined || refused === undefined || third === undefined || fourth === undefined || fifth === undefined) throw new Error('prompt bot.examples: five candidates expected');
    const answered = (question: string) => groundedAnswer({ question, text: 'x [1]', citations: [citationOfResidenceLaw()] });
    const { adapter, assistant } = makeBot({ [first]: answered(first), [refused]: refusal({ question: refused, text: 'không nêu' }), [third]: answered(third), [fourth]: answered(fourth) });
    const join = { type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'Chuyên viên' }], recipient: { id: 'bot', name: 'Trợ lý ảo' } };
    const offered = [first, third, fourth];
    const check = (activity: Partial<Activity>) => {
      expect(activity.suggestedActions?.actions.map((a) => a.value)).toEqual(offered);
      expect(activity.text).not.toContain(refused);
      expect(activity.text).not.toContain(fifth);
    };
    await playTable(adapter, [
      [join, { contains: ['Xin chào', ...offered.map((q) => `*${q}*`)], check }],
      [join, { contains: ['Xin chào'], check }],
    ]);
    expect(assistant.calls.map((c) => c.question)).toEqual([first, refused, third, fourth]);
  });

  it('offers no example when the assistant answers none of them', async () => {
    const { adapter } = makeBot({});
    const join = { type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'Chuyên viên' }], recipient: { id: 'bot', name: 'Trợ lý ảo' } };
    await playTable(adapter, [[join, { contains: [prompts.format('bot.welcome.noExamples')], check: (a) => expect(a.suggestedActions).toBeUndefined() }]]);
  });

  it('apologises in Vietnamese when the assistant throws, and logs the error', async () => {
    const { adapter } = makeBot({ [Q_BROKEN]: new Error('index snapshot unreadable: checksum mismatch') });
    await playTable(adapter, [[Q_BROKEN, { typing: true, contains: ['Xin lỗi', 'sự cố'] }]]);
    const error = logs.find((line) => line.level === 50);
    expect(error?.msg).toContain('checksum mismatch');
  });

  it('asks to send the question again when every answer worker is busy, logged as a warning', async () => {
    const { adapter } = makeBot({ [Q_BROKEN]: new AppError('OVERLOADED', 'All 2 answer workers are busy and 200 questions are waiting') });
    await playTable(adapter, [[Q_BROKEN, { typing: true, contains: ['quá nhiều câu hỏi cùng lúc', 'gửi lại'] }]]);
    expect(logs.find((line) => line.level === 50)).toBeUndefined();
    expect(logs.find((line) => line.level === 40)?.msg).toContain('OVERLOADED');
  });

  it('refuses empty and overlong questions without asking the assistant', async () => {
    const { adapter, assistant } = makeBot({});
    await playTable(adapter, [
      [{ type: 'message', text: '   ' }, { contains: ['gõ câu hỏi'] }],
      ['thủ tục '.repeat(300), { contains: ['dài quá', `tối đa ${config.tunables.maxQuestionChars}`] }],
    ]);
    expect(assistant.calls).toHaveLength(0);
  });

  it('keeps the follow-up history across a restart (SQLite conversation state)', async () => {
    const first = makeBot({ [Q_CONDITIONS]: conditions });
    await playTable(first.adapter, [[Q_CONDITIONS, { typing: true, contains: ['\\[1\\]'] }]]);
    state.close();
    state = openStateStore({ path: join(dir, 'state.sqlite') });
    const second = makeBot({ [Q_FOLLOW_UP]: followUp });
    await playTable(second.adapter, [[Q_FOLLOW_UP, { typing: true, contains: ['07 ngày làm việc'] }]]);
    expect(second.assistant.calls[0]?.history).toEqual([{ question: Q_CONDITIONS, answer: conditions.text }]);
  });
});
