import { AppError } from '../config/errors';

/**
 * The lexical weight actually applied: the configured one, except that a list with no candidates
 * gives all the weight to the other. An empty list means "this retriever had nothing to offer"
 * (no embedding model, or no query term in the index), and must not cap the fused scores at the
 * other list's share, which would read as low confidence.
 */
export function effectiveLexicalWeight({ lexicalWeight, lexicalCount, denseCount }: { lexicalWeight: number; lexicalCount: number; denseCount: number }): number {
  if (!(lexicalWeight >= 0 && lexicalWeight <= 1)) {
    throw new AppError('INPUT_INVALID', `lexicalWeight must be between 0 and 1; got ${lexicalWeight}. Fix TROLY_LEXICAL_WEIGHT.`);
  }
  if (denseCount === 0 && lexicalCount > 0) return 1;
  if (lexicalCount === 0 && denseCount > 0) return 0;
  return lexicalWeight;
}
