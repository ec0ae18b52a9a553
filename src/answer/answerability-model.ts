import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -2.256,
  weights: { retrieval: 1.785, coverage: 1.434, contentCoverage: 0.454, qualifiersMissing: -2.346, numbersMissing: 0.903, namesMissing: -1.66, margin: 0.871, cueFit: 1.094 },
};
