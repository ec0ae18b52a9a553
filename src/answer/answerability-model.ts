import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.825,
  weights: { retrieval: 1.352, coverage: 2.299, contentCoverage: -0.086, qualifiersMissing: 0, numbersMissing: -0.741, namesMissing: 0, margin: 1.377, cueFit: 0.74, focusMissing: -2.684, absentTerms: -0.569, topPassage: 0.244 },
};
