import { CardFactory, type Attachment } from 'botbuilder';
import type { Answer, Citation } from '../answer/types';
import type { PromptCatalog } from '../prompts/catalog';
import { documentLink } from './document-link';
import { FEEDBACK_ICONS } from './feedback-icons';
import { escapeMarkdown } from './markdown-escape';

/** What a 👍/👎 button sends back (the `value` of the resulting message activity). */
export interface FeedbackSubmitData {
  troly: 'feedback';
  answerId: string;
  rating: 'up' | 'down';
}

// 1.3 is what the Emulator, Web Chat 4.x and Teams all render.
const CARD_VERSION = '1.3';

type CardElement = Record<string, unknown>;

/**
 * The Adaptive Card under an answer: its sources only — one block per citation (`[n]` title, số
 * hiệu, locator, a button to the document at that passage; the quoted text is the answer itself, so
 * it is not repeated) — or the suggested documents of a refusal (each its title and a button to
 * open it), then the 👍/👎 buttons with icons
 * of their own. Texts come from `prompts/bot.json`; document texts are escaped (TextBlocks render
 * Markdown).
 */
export function buildAnswerCard({ answer, answerId, prompts, baseUrl }: { answer: Answer; answerId: string; prompts: PromptCatalog; baseUrl?: string | undefined }): Attachment {
  const body: CardElement[] = [];
  const suggestions = answer.suggestions ?? [];
  if (answer.citations.length > 0) {
    body.push(heading(prompts.format('bot.card.sources')));
    for (const citation of answer.citations) body.push(citationBlock({ citation, prompts, baseUrl }));
  } else if (suggestions.length > 0) {
    body.push(heading(prompts.format('bot.card.suggestions')));
    // The title wraps in a TextBlock (a button cuts a long title short: "Mở: Chuyển đổi số tại Hải Phòng: Kết hợp…").
    for (const s of suggestions) {
      body.push({
        type: 'Container',
        separator: true,
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: escapeMarkdown(s.title), weight: 'Bolder', wrap: true },
          { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: prompts.format('bot.card.openSuggestion'), url: documentLink({ baseUrl, docId: s.docId }) }] },
        ],
      });
    }
  }
  body.push({ type: 'TextBlock', text: prompts.format('bot.card.feedbackPrompt'), wrap: true, isSubtle: true, spacing: 'Large' });
  // One column per button, so 👍 and 👎 sit side by side whatever the host's action orientation.
  const feedback = (rating: 'up' | 'down'): CardElement => ({
    type: 'Column',
    width: 'stretch',
    items: [
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Submit',
            title: prompts.format(rating === 'up' ? 'bot.feedback.up' : 'bot.feedback.down'),
            iconUrl: FEEDBACK_ICONS[rating],
            data: { troly: 'feedback', answerId, rating } satisfies FeedbackSubmitData,
          },
        ],
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
    { type: 'TextBlock', text: `\\[${citation.n}\\] ${escapeMarkdown(citation.title)}`, weight: 'Bolder', wrap: true },
  ];
  if (details !== '') items.push({ type: 'TextBlock', text: escapeMarkdown(details), isSubtle: true, spacing: 'None', wrap: true });
  if (citation.inForce === false) items.push({ type: 'TextBlock', text: prompts.format('bot.card.outOfForce'), color: 'Attention', spacing: 'None', wrap: true });
  items.push({
    type: 'ActionSet',
    actions: [{ type: 'Action.OpenUrl', title: prompts.format('bot.card.open', { n: citation.n }), url: documentLink({ baseUrl, docId: citation.docId, chunkId: citation.chunkId }) }],
  });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

