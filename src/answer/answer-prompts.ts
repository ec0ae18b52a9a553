/** The prompt texts (prompts/answer.json) the answer stage uses; required at start-up. */
export const ANSWER_PROMPT_KEYS = [
  'answer.refusal',
  'answer.refusal.suggestionsIntro',
  'answer.suggestion',
  'answer.emptyQuestion',
  'answer.outOfForce',
] as const;
