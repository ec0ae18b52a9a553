import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.838,
  weights: { retrieval: 1.47, coverage: 2.232, contentCoverage: -0.086, qualifiersMissing: 0, numbersMissing: 0.346, namesMissing: 0, margin: 1.677, cueFit: 0.51, focusMissing: -2.978, absentTerms: -0.577, topPassage: 0.629, headMissing: 0, headMentioned: 0 },
};
