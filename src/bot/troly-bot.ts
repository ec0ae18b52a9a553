import { randomUUID } from 'node:crypto';
import { ActivityHandler, ActivityTypes, TurnContext, type ConversationState } from 'botbuilder';
import { z } from 'zod';
import type { Answer, Assistant } from '../answer/types';
import type { Config } from '../config/config';
import { describeError } from '../config/errors';
import { questionField, type Logger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';
import { buildAnswerCard } from './answer-card';
import { renderAnswerMarkdown } from './answer-markdown';
import { parseBotCommand } from './bot-command';
import { ConversationMemoryStore } from './conversation-memory';
import { escapeMarkdown } from './markdown-escape';
import { exampleCandidates, WelcomeExamples } from './welcome-examples';
import type { FeedbackStore } from './feedback-store';

export interface TrolyBotOptions {
  assistant: Assistant;
  prompts: PromptCatalog;
  conversationState: ConversationState;
  feedback: FeedbackStore;
  logger: Logger;
  config: Pick<Config, 'log' | 'tunables'>;
  /** Base of absolute document links (TROLY_PUBLIC_URL, else the server's own address once it listens). */
  linkBaseUrl?: () => string | undefined;
}

/** Web Chat's typing indicator fades after about 5 s; repeat it while a slow answer is pending. */
const TYPING_REPEAT_MS = 3000;

const feedbackValueSchema = z.object({ troly: z.literal('feedback'), answerId: z.string().min(1).max(100), rating: z.enum(['up', 'down']) });

/**
 * The bot only renders: it turns messages into `Assistant.ask` calls and answers into Markdown with
 * `[n]` plus an Adaptive Card of citations. It keeps follow-up history in `ConversationState`,
 * stores 👍/👎 with what was rated, and handles `giúp`/`/help` and `/moi`. Errors are left to the
 * adapter's `onTurnError`, the one catch-all.
 */
export class TrolyBot extends ActivityHandler {
  private readonly options: TrolyBotOptions;
  private readonly memory: ConversationMemoryStore;
  private readonly examples: WelcomeExamples;

  constructor(options: TrolyBotOptions) {
    super();
    this.options = options;
    this.memory = new ConversationMemoryStore({ conversationState: options.conversationState, historyTurns: options.config.tunables.historyTurns });
    this.examples = new WelcomeExamples({ assistant: options.assistant, candidates: exampleCandidates(options.prompts.format('bot.examples')) });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((member) => member.id !== botId);
      if (people.length > 0) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /**
   * Saving the conversation state is best-effort: the answer has been sent, and a storage that
   * cannot write (a full disk, a read-only data folder) must not turn it into an error message.
   * The conversation then just loses this turn's follow-up history; the failure is logged.
   */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    try {
      await this.options.conversationState.saveChanges(context, false);
    } catch (error) {
      this.options.logger.warn({ err: describeError(error), conversationId: context.activity.conversation?.id }, 'conversation state not saved (is the data folder full or read-only?); the reply was sent');
    }
  }

  /**
   * The welcome, with the example questions the assistant answers from what is indexed now, also
   * offered as buttons; without any, a welcome that offers none (never an example it would refuse).
   */
  private async welcome(context: TurnContext): Promise<void> {
    const examples = await this.examples.get().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'welcome examples could not be checked; offering none');
      return [];
    });
    if (examples.length === 0) return this.say(context, 'bot.welcome.noExamples');
    const list = examples.map((question) => this.text('bot.welcome.example', { question: escapeMarkdown(question) })).join('\n');
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: this.text('bot.welcome', { examples: list }),
      textFormat: 'markdown',
      suggestedActions: { to: [], actions: examples.map((question) => ({ type: 'imBack', title: question, value: question })) },
    });
  }

  private text(key: string, vars?: Record<string, string | number>): string {
    return this.options.prompts.format(key, vars);
  }

  private async say(context: TurnContext, key: string, vars?: Record<string, string | number>): Promise<void> {
    await context.sendActivity({ type: ActivityTypes.Message, text: this.text(key, vars), textFormat: 'markdown' });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const submitted = feedbackValueSchema.safeParse(context.activity.value);
    if (submitted.success) return this.handleFeedback(context, submitted.data);
    // In Teams channels the message starts with "<at>Trợ lý ảo</at>"; that is not part of the question.
    const question = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
    if (question === '') return this.say(context, 'bot.empty');
    const command = parseBotCommand(question);
    if (command === 'help') return this.say(context, 'bot.help');
    if (command === 'new-topic') {
      await this.memory.clearHistory(context);
      return this.say(context, 'bot.newTopic');
    }
    const max = this.options.config.tunables.maxQuestionChars;
    if (question.length > max) return this.say(context, 'bot.tooLong', { chars: question.length, max });
    await this.answer(context, question);
  }

  private async answer(context: TurnContext, question: string): Promise<void> {
    const history = await this.memory.get(context).then(
      (memory) => memory.history,
      (error: unknown) => {
        this.options.logger.warn({ err: describeError(error) }, 'conversation state not read; answering without follow-up history');
        return [];
      },
    );
    const started = Date.now();
    const answer = await this.withTyping(context, () => this.options.assistant.ask({ question, history }));
    const answerId = randomUUID();
    const baseUrl = this.options.linkBaseUrl?.();
    const card = buildAnswerCard({ answer, answerId, prompts: this.options.prompts, baseUrl });
    await this.recordAnswer(context, { answerId, question, answer });
    await context.sendActivity({ type: ActivityTypes.Message, text: renderAnswerMarkdown({ answer, prompts: this.options.prompts, baseUrl }), textFormat: 'markdown', attachments: [card] });
    await this.memory.remember(context, { question, answer });
    this.logAnswer(context, question, answer, Date.now() - started);
  }

  private async withTyping(context: TurnContext, work: () => Promise<Answer>): Promise<Answer> {
    await context.sendActivity({ type: ActivityTypes.Typing });
    const timer = setInterval(() => {
      context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined);
    }, TYPING_REPEAT_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Every answer is kept in the feedback store as it is given: a 👍/👎 of it, however old, is
   * stored with what it rated (the conversation state keeps only the follow-up history). Best
   * effort: the answer itself must not fail because it could not be kept (a full disk).
   */
  private async recordAnswer(context: TurnContext, { answerId, question, answer }: { answerId: string; question: string; answer: Answer }): Promise<void> {
    const { activity } = context;
    try {
      await this.options.feedback.recordAnswer({ channelId: activity.channelId, conversationId: activity.conversation.id, answerId, question, answer: answer.text, citations: answer.citations, at: new Date().toISOString() });
    } catch (error) {
      this.options.logger.warn({ err: error, conversationId: activity.conversation.id }, 'could not keep the answer for later feedback; a rating of it will not be stored');
    }
  }

  private async handleFeedback(context: TurnContext, value: z.infer<typeof feedbackValueSchema>): Promise<void> {
    const { activity } = context;
    const rated = await this.options.feedback.findAnswer({ channelId: activity.channelId, conversationId: activity.conversation.id, answerId: value.answerId });
    if (rated === undefined) return this.say(context, 'bot.feedback.unknown');
    const { answerId } = value;
    await this.options.feedback.save({
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      userId: activity.from?.id ?? '',
      answerId,
      rating: value.rating,
      question: rated.question,
      answer: rated.answer,
      citations: rated.citations,
      at: new Date().toISOString(),
    });
    this.options.logger.info({ conversationId: activity.conversation.id, answerId, rating: value.rating }, 'feedback stored');
    await this.say(context, value.rating === 'up' ? 'bot.feedback.thanksUp' : 'bot.feedback.thanksDown');
  }

  private logAnswer(context: TurnContext, question: string, answer: Answer, ms: number): void {
    this.options.logger.info(
      {
        conversationId: context.activity.conversation.id,
        channelId: context.activity.channelId,
        ...questionField(this.options.config, question),
        grounded: answer.grounded,
        confidence: answer.confidence,
        citations: answer.citations.length,
        mode: answer.mode,
        ms,
      },
      'answered',
    );
  }
}
