import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.88,
  weights: { retrieval: 1.459, coverage: 2.326, contentCoverage: -0.133, qualifiersMissing: 0, numbersMissing: 0.281, namesMissing: 0, margin: 1.798, cueFit: 0.587, focusMissing: -3.245, absentTerms: -0.583, topPassage: 0.735, anchorsAbsentLegal: -2.188 },
};
