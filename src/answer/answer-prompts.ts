/** The prompt texts (prompts/answer.json) the answer stage uses; required at start-up. */
export const ANSWER_PROMPT_KEYS = [
  'answer.refusal',
  'answer.emptyQuestion',
  'answer.outOfForce',
  'answer.onlyStated',
  'answer.partNotStated',
  'answer.understoodAs',
] as const;
