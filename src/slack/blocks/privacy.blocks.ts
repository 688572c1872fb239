import type { ModalView } from '@slack/types';
import type { ExportSummary } from '../../domain/privacy/personal-data.ts';
import type { Messages } from '../../i18n/en.ts';
import { settingsCallbackIds } from '../ids.ts';
import { context, header, plainText, type SlackMessage, section } from './block-kit.ts';

/** The DM next to the export file: counts per category, in the reader's language. */
export function buildExportSummaryMessage(m: Messages, summary: ExportSummary): SlackMessage {
  const p = m.privacy;
  const counts = (Object.keys(p.exportCounts) as Array<keyof ExportSummary>).map(
    (key) => `• ${p.exportCounts[key](summary[key])}`,
  );
  const text = `${p.exportSummaryTitle}: ${p.exportSummaryIntro}`;
  return {
    text,
    blocks: [
      header(p.exportSummaryTitle),
      section(`${p.exportSummaryIntro}\n${counts.join('\n')}`),
      context(`${p.exportSettingsNote}\n${p.pulseStatement}`),
    ],
  };
}

/** The confirmation before forget-me: exactly what goes, what stays, and that ratings cannot. */
export function buildForgetMeModal(m: Messages): ModalView {
  const p = m.privacy;
  return {
    type: 'modal',
    callback_id: settingsCallbackIds.forgetMe,
    title: plainText(p.forgetTitle),
    submit: plainText(p.forgetSubmit),
    close: plainText(p.cancel),
    blocks: [
      section(`${p.forgetIntro}\n${p.forgetItems.map((item) => `• ${item}`).join('\n')}`),
      section(p.forgetReceived),
      section(p.forgetPulse),
      context(p.forgetWarning),
    ],
  };
}

/** What the modal turns into after the submission. */
export function buildForgetMeResultView(m: Messages, text: string, done: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: settingsCallbackIds.forgetMe,
    title: plainText(done ? m.privacy.forgetDoneTitle : m.privacy.forgetTitle),
    close: plainText(m.privacy.close),
    blocks: [section(text)],
  };
}
