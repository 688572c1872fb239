import type { SlackEmulator } from './slack-emulator/slack-emulator.ts';

/** The `app_home_opened` event Slack sends when `userId` opens the app's Home tab. */
export function appHomeOpened(emulator: SlackEmulator, userId: string, eventTs: string) {
  return {
    type: 'app_home_opened',
    user: userId,
    channel: emulator.dmChannelId(userId),
    tab: 'home',
    event_ts: eventTs,
  };
}
