import type { Assistant } from '../../answer/types';
import type { ServerMetrics } from './server-metrics';

/** The assistant, timing every answer and counting answers, refusals and failures (of users' questions, not internal ones). */
export function instrumentAssistant({ assistant, metrics }: { assistant: Assistant; metrics: ServerMetrics }): Assistant {
  return {
    async ask(options) {
      if (options.internal === true) return assistant.ask(options);
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const answer = await assistant.ask(options);
        metrics.observeAnswer({ seconds: seconds(), outcome: answer.grounded ? 'answered' : 'refused', mode: answer.mode });
        return answer;
      } catch (error) {
        metrics.observeAnswer({ seconds: seconds(), outcome: 'failed' });
        throw error;
      }
    },
  };
}
