import type { FeedbackStore } from '../../bot/feedback-store';
import type { ServerMetrics } from './server-metrics';

/** The feedback store, counting 👍 and 👎 as they are saved. */
export function instrumentFeedback({ feedback, metrics }: { feedback: FeedbackStore; metrics: ServerMetrics }): FeedbackStore {
  return {
    async save(record) {
      await feedback.save(record);
      metrics.recordFeedback(record.rating);
    },
    list: (options) => feedback.list(options),
    recordAnswer: (answer) => feedback.recordAnswer(answer),
    findAnswer: (key) => feedback.findAnswer(key),
  };
}
