import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.557,
  weights: { retrieval: 1.788, coverage: 2.202, contentCoverage: -0.147, qualifiersMissing: 0, numbersMissing: 0.507, namesMissing: 0, margin: 1.858, cueFit: 0.619, focusMissing: -3.23, absentTerms: -0.5, topPassage: 0.163, anchorsAbsentLegal: -2.09 },
};
