// The conventions tables as docs/due-dates.md shows them, rendered from the code's own tables.
import {
  DAY_PARTS,
  type DayPart,
  PERIODS,
  type Period,
} from '../../../../src/domain/promises/due-date.conventions.ts';
import { messages } from '../../../../src/i18n/index.ts';

export const pad = (n: number) => String(n).padStart(2, '0');
const words = (list: readonly string[]) => list.map((w) => `\`${w}\``).join(', ');

export function dayPartTable(): string {
  const en = messages('en').promises.confirmation.conventions;
  const nb = messages('nb').promises.confirmation.conventions;
  const rows = (Object.keys(DAY_PARTS) as DayPart[]).map((part) => {
    const p = DAY_PARTS[part];
    return `| ${en[part]} / ${nb[part]} | ${pad(p.hour)}:${pad(p.minute)} | ${words(p.en)} | ${words(p.nb)} |`;
  });
  return ['| Time of day | Time | English | Bokmål |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function periodTable(): string {
  const en = messages('en').promises.confirmation.conventions;
  const nb = messages('nb').promises.confirmation.conventions;
  const rows = (Object.keys(PERIODS) as Period[]).map(
    (period) =>
      `| ${en[period]} / ${nb[period]} | ${words(PERIODS[period].en)} | ${words(PERIODS[period].nb)} |`,
  );
  return ['| Period | English | Bokmål |', '| --- | --- | --- |', ...rows].join('\n');
}
