import type { HomeView, KnownBlock } from '@slack/types';
import type { Messages } from '../../i18n/en.ts';
import { buildHelpMessage } from './help.view.ts';

/** The App Home: each feature's sections (e.g. my promises), then how to get started. */
export function buildHomeView(m: Messages, sections: KnownBlock[][] = []): HomeView {
  const parts = sections
    .filter((s) => s.length > 0)
    .flatMap((s): KnownBlock[] => [...s, { type: 'divider' }]);
  return { type: 'home', blocks: [...parts, ...buildHelpMessage(m).blocks] };
}
