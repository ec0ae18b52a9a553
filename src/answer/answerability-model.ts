import type { AnswerabilityModel } from './answerability';

/** The fitted answerability model (see `AnswerabilityModel`); regenerate with `npx tsx bench/answers-fit.ts`. */
export const ANSWERABILITY_MODEL: AnswerabilityModel = {
  bias: -1.873,
  weights: { retrieval: 1.438, coverage: 2.341, contentCoverage: -0.119, qualifiersMissing: 0, numbersMissing: 0.279, namesMissing: 0, margin: 1.848, cueFit: 0.572, focusMissing: -3.217, absentTerms: -0.552, topPassage: 0.714, anchorsMentioned: -0.335, anchorsAbsentLegal: -2.191 },
};
