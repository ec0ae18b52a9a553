import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.77,
  weights: { retrieval: 1.425, coverage: 2.214, contentCoverage: -0.115, qualifiersMissing: 0, numbersMissing: -0.41, namesMissing: 0, margin: 1.74, cueFit: 0.631, focusMissing: -2.899, absentTerms: -0.621, topPassage: 0.418 },
};
