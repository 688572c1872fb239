import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  slackRequests: Histogram<'surface' | 'outcome'>;
  slackApiCalls: Counter<'method' | 'outcome'>;
  outboxQueued: Counter<'kind'>;
  outboxOutcomes: Counter<'outcome'>;
  outboxSendSeconds: Histogram<string>;
  outboxDepth: Gauge<'status'>;
  schedulerTicks: Counter<'role'>;
}

export type SlackSurface =
  | 'command'
  | 'action'
  | 'view_submission'
  | 'view_closed'
  | 'shortcut'
  | 'event'
  | 'other';

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'trust_habits_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'trust_habits_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    slackRequests: new Histogram({
      name: 'trust_habits_slack_request_duration_seconds',
      help: 'Time to handle a Slack request (command, action, view, event), by surface and outcome',
      labelNames: ['surface', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    slackApiCalls: new Counter({
      name: 'trust_habits_slack_api_calls_total',
      help: 'Slack Web API calls made by the app, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    outboxQueued: new Counter({
      name: 'trust_habits_outbox_queued_total',
      help: 'Messages put in the outbox (new idempotency keys only), by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    outboxOutcomes: new Counter({
      name: 'trust_habits_outbox_outcomes_total',
      help: 'Outbox send outcomes: sent, retried, dead, unknown (maybe posted, not resent)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    outboxSendSeconds: new Histogram({
      name: 'trust_habits_outbox_send_duration_seconds',
      help: 'Time for one chat.postMessage from the outbox',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'trust_habits_outbox_messages',
      help: 'Messages in the outbox by status, as of the last tick',
      labelNames: ['status'],
      registers: [registry],
    }),
    schedulerTicks: new Counter({
      name: 'trust_habits_scheduler_ticks_total',
      help: 'Scheduler ticks by role: leader (ran due-work for the minute) or follower (sent only)',
      labelNames: ['role'],
      registers: [registry],
    }),
  };
}
