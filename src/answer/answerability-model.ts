import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.658,
  weights: { retrieval: 1.328, coverage: 2.295, contentCoverage: -0.234, qualifiersMissing: 0, numbersMissing: -0.847, namesMissing: 0, margin: 1.306, cueFit: 0.733, focusMissing: -2.774, absentTerms: -0.331, topPassage: 0.333 },
};
