import { type Logger as BoltLogger, webApi } from '@slack/bolt';

type WebClientOptions = webApi.WebClientOptions;

/**
 * The client that serves interactive requests: a user is waiting, so fail fast rather than
 * retrying for half an hour (the SDK default). Bulk sends use a separate paced client.
 */
export function interactiveClientOptions(apiUrl: string, logger: BoltLogger): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger,
    timeout: 5_000,
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
  };
}

export function createInteractiveClient(
  token: string | undefined,
  apiUrl: string,
  logger: BoltLogger,
): webApi.WebClient {
  return new webApi.WebClient(token, interactiveClientOptions(apiUrl, logger));
}
