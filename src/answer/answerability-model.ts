import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.776,
  weights: { retrieval: 1.316, coverage: 2.312, contentCoverage: -0.139, qualifiersMissing: 0, numbersMissing: -0.835, namesMissing: 0, margin: 1.329, cueFit: 0.739, focusMissing: -2.749, absentTerms: -0.324, topPassage: 0.358 },
};
