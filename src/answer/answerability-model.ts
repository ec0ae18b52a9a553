import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.739,
  weights: { retrieval: 1.239, coverage: 2.177, contentCoverage: -0.165, qualifiersMissing: 0, numbersMissing: -0.871, namesMissing: 0, margin: 1.648, cueFit: 0.806, focusMissing: -2.801, absentTerms: -0.482, topPassage: 0.365 },
};
