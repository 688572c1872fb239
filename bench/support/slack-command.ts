import type { SlackEmulator } from '../../test/support/slack-emulator/slack-emulator.ts';
import {
  ALICE_ID,
  DEMO_APP_ID,
  DEMO_TEAM_ID,
  TEAM_CHANNEL_ID,
  TEAM_CHANNEL_NAME,
} from '../../test/support/slack-emulator/seed.ts';

/** The signing secret every benchmark server is started with. */
export const SIGNING_SECRET = 'bench-signing-secret';

/** A slash command form body exactly as Slack sends it, with a response_url of its own. */
export function commandBody(emulator: SlackEmulator, text: string): string {
  const team = emulator.workspace(DEMO_TEAM_ID);
  const user = emulator.user(ALICE_ID);
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: TEAM_CHANNEL_ID,
    channel_name: TEAM_CHANNEL_NAME,
    user_id: ALICE_ID,
    user_name: user?.name ?? 'alice',
    command: '/trust',
    text,
    api_app_id: DEMO_APP_ID,
    is_enterprise_install: 'false',
    response_url: emulator.createResponseUrl('commands', team.id),
    trigger_id: emulator.issueTriggerId(team.id, ALICE_ID),
  }).toString();
}
