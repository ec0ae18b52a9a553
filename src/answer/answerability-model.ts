import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.905,
  weights: { retrieval: 1.431, coverage: 2.094, contentCoverage: -0.044, qualifiersMissing: -2.277, numbersMissing: -0.686, namesMissing: -1.591, margin: 1.235, cueFit: 0.753, focusMissing: -2.565, absentTerms: -0.695, topPassage: 0.327 },
};
