import { foldDiacritics, normalizeText } from '../text/index';

/** What a message asks of the bot itself rather than of the documents. */
export type BotCommand = 'help' | 'new-topic';

const HELP = new Set(['giup', 'tro giup', 'huong dan', 'help', '/help', '/giup', '?']);
const NEW_TOPIC = new Set(['/moi', '/new', 'chu de moi']);

/**
 * Recognises `giúp`/`/help` and `/moi` however they are typed (with or without tone marks, any
 * case, trailing punctuation), so that "Giúp!" and "giup" both show the help.
 */
export function parseBotCommand(text: string): BotCommand | undefined {
  const key = foldDiacritics(normalizeText(text))
    .toLowerCase()
    .replace(/[.!…\s]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (HELP.has(key)) return 'help';
  if (NEW_TOPIC.has(key)) return 'new-topic';
  return undefined;
}
