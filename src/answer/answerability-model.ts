import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.23,
  weights: { retrieval: 1.692, coverage: 2.173, contentCoverage: -0.336, qualifiersMissing: 0, numbersMissing: 0.408, namesMissing: 0, margin: 1.82, cueFit: 0.411, focusMissing: -3.251, absentTerms: -0.338, topPassage: 0.212, anchorsAbsentLegal: -0.487 },
};
