import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -3.669,
  weights: { retrieval: 1.76, coverage: 2.097, contentCoverage: 1.308, qualifiersMissing: -1.939, numbersMissing: -0.127, namesMissing: -1.585, margin: 1.192, cueFit: 0.79 },
};
