/**
 * Every prompt key the bot renders. `createServer` calls `prompts.require(BOT_PROMPT_KEYS)` so a
 * missing Vietnamese text fails at start-up, not in front of an official.
 */
export const BOT_PROMPT_KEYS = [
  'bot.name',
  'bot.welcome',
  'bot.welcome.example',
  'bot.welcome.noExamples',
  'bot.examples',
  'bot.help',
  'bot.newTopic',
  'bot.empty',
  'bot.tooLong',
  'bot.error',
  'bot.busy',
  'bot.card.sources',
  'bot.card.scanned',
  'bot.card.suggestions',
  'bot.card.docNumber',
  'bot.card.outOfForce',
  'bot.card.open',
  'bot.card.openSuggestion',
  'bot.card.feedbackPrompt',
  'bot.feedback.up',
  'bot.feedback.down',
  'bot.feedback.thanksUp',
  'bot.feedback.thanksDown',
  'bot.feedback.unknown',
] as const;
