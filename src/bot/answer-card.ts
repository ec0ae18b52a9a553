import { CardFactory, type Attachment } from 'botbuilder';
import type { Answer, Citation } from '../answer/types';
import type { PromptCatalog } from '../prompts/catalog';
import { documentLink } from './document-link';

/** What a 👍/👎 button sends back (the `value` of the resulting message activity). */
export interface FeedbackSubmitData {
  troly: 'feedback';
  answerId: string;
  rating: 'up' | 'down';
}

// 1.3 is what the Emulator, Web Chat 4.x and Teams all render.
const CARD_VERSION = '1.3';
/** Longest passage shown in the card; the full text is one click away in the document viewer. */
const PASSAGE_MAX_CHARS = 600;

type CardElement = Record<string, unknown>;

/**
 * The Adaptive Card under an answer: one block per citation (`[n]` title, số hiệu, locator, the
 * quoted passage, a button to the document at that passage), or the suggested documents of a
 * refusal, then the 👍/👎 buttons. Texts come from `prompts/bot.json`.
 */
export function buildAnswerCard({ answer, answerId, prompts, baseUrl }: { answer: Answer; answerId: string; prompts: PromptCatalog; baseUrl?: string | undefined }): Attachment {
  const body: CardElement[] = [];
  // A refusal's text may already link its suggestions; the card then does not repeat them.
  const suggestions = (answer.suggestions ?? []).filter((s) => !answer.text.includes(`](${s.url})`));
  if (answer.citations.length > 0) {
    body.push(heading(prompts.format('bot.card.sources')));
    for (const citation of answer.citations) body.push(citationBlock({ citation, prompts, baseUrl }));
  } else if (suggestions.length > 0) {
    body.push(heading(prompts.format('bot.card.suggestions')));
    body.push({
      type: 'ActionSet',
      actions: suggestions.map((s) => ({
        type: 'Action.OpenUrl',
        title: prompts.format('bot.card.openSuggestion', { title: s.title }),
        url: documentLink({ baseUrl, docId: s.docId }),
      })),
    });
  }
  body.push({ type: 'TextBlock', text: prompts.format('bot.card.feedbackPrompt'), wrap: true, isSubtle: true, spacing: 'Large' });
  // One column per button, so 👍 and 👎 sit side by side whatever the host's action orientation.
  const feedback = (rating: 'up' | 'down'): CardElement => ({
    type: 'Column',
    width: 'stretch',
    items: [
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.Submit', title: prompts.format(rating === 'up' ? 'bot.feedback.up' : 'bot.feedback.down'), data: { troly: 'feedback', answerId, rating } satisfies FeedbackSubmitData }],
      },
    ],
  });
  body.push({ type: 'ColumnSet', spacing: 'Small', columns: [feedback('up'), feedback('down')] });
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body });
}

function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

function citationBlock({ citation, prompts, baseUrl }: { citation: Citation; prompts: PromptCatalog; baseUrl?: string | undefined }): CardElement {
  const details = [
    citation.docNumber === undefined ? undefined : prompts.format('bot.card.docNumber', { docNumber: citation.docNumber }),
    citation.locator,
    citation.scanned === true ? prompts.format('bot.card.scanned') : undefined,
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  const items: CardElement[] = [
    { type: 'TextBlock', text: `[${citation.n}] ${citation.title}`, weight: 'Bolder', wrap: true },
  ];
  if (details !== '') items.push({ type: 'TextBlock', text: details, isSubtle: true, spacing: 'None', wrap: true });
  if (citation.inForce === false) items.push({ type: 'TextBlock', text: prompts.format('bot.card.outOfForce'), color: 'Attention', spacing: 'None', wrap: true });
  items.push({ type: 'TextBlock', text: quote(citation.passage), wrap: true, spacing: 'Small' });
  items.push({
    type: 'ActionSet',
    actions: [{ type: 'Action.OpenUrl', title: prompts.format('bot.card.open', { n: citation.n }), url: documentLink({ baseUrl, docId: citation.docId, chunkId: citation.chunkId }) }],
  });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** The passage, shortened: the card is a preview, the document viewer shows the whole passage. */
function quote(passage: string): string {
  return passage.length > PASSAGE_MAX_CHARS ? `${passage.slice(0, PASSAGE_MAX_CHARS).trimEnd()}…` : passage;
}
