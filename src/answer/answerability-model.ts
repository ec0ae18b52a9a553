import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.892,
  weights: { retrieval: 1.494, coverage: 2.271, contentCoverage: -0.017, qualifiersMissing: 0, numbersMissing: 0.375, namesMissing: 0, margin: 1.561, cueFit: 0.546, focusMissing: -3.017, absentTerms: -0.455, topPassage: 0.55 },
};
