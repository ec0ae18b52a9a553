import type { Assistant } from '../answer/types';

/** How long the offered examples are trusted before they are asked again (a reindex may change them). */
export const EXAMPLES_TTL_MS = 10 * 60_000;
/** Examples offered in the welcome. */
export const MAX_EXAMPLES = 3;

/**
 * The example questions the welcome offers: the candidates (prompt `bot.examples`, one a line) that
 * the assistant answers right now from what is indexed, in their order — so a new user's first try
 * is never a refusal, whatever documents this deployment holds. Asked again after EXAMPLES_TTL_MS;
 * concurrent welcomes share one round of questions.
 */
export class WelcomeExamples {
  private cached: { at: number; examples: Promise<string[]> } | undefined;

  constructor(private readonly options: { assistant: Assistant; candidates: readonly string[]; now?: () => number }) {}

  get(): Promise<string[]> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached === undefined || now - this.cached.at > EXAMPLES_TTL_MS) {
      const examples = this.answered();
      this.cached = { at: now, examples };
      // A failed round (index reloading) is not kept: the next welcome asks again.
      examples.catch(() => {
        if (this.cached?.examples === examples) this.cached = undefined;
      });
    }
    return this.cached.examples;
  }

  private async answered(): Promise<string[]> {
    const out: string[] = [];
    for (const question of this.options.candidates) {
      if (out.length >= MAX_EXAMPLES) break;
      const answer = await this.options.assistant.ask({ question, internal: true });
      if (answer.grounded && answer.notes.every((n) => n.kind !== 'only-stated')) out.push(question);
    }
    return out;
  }
}

/** The candidates of prompt `bot.examples`: one question a line, blank lines ignored. */
export function exampleCandidates(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
