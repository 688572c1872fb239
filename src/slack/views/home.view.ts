import type { HomeView } from '@slack/types';
import type { Messages } from '../../i18n/en.ts';
import { buildHelpMessage } from './help.view.ts';

/** The App Home until a person has promises, teams or habits to show: how to get started. */
export function buildHomeView(m: Messages): HomeView {
  return { type: 'home', blocks: buildHelpMessage(m).blocks };
}
