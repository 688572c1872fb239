import type { Clock } from '../clock.ts';
import { currentWeek } from '../habits/habit.service.ts';
import { buildPersonalExport, holdsPersonalChoices, type PersonalExport } from './personal-data.ts';
import type { ForgetOutcome, PrivacyRepository } from './ports.ts';

export interface PrivacyServiceDeps {
  privacy: PrivacyRepository;
  clock: Clock;
}

export interface Person {
  workspaceId: string;
  userId: string;
  zone: string | null;
}

export async function exportPersonalData(
  deps: PrivacyServiceDeps,
  person: Person,
  pulseStatement: string,
): Promise<PersonalExport> {
  const data = await deps.privacy.readPersonalData(person.workspaceId, person.userId);
  const now = deps.clock.now();
  return buildPersonalExport(data, person, {
    exportedAt: now,
    currentWeek: currentWeek(now, data.profile?.tz ?? person.zone),
    pulseStatement,
  });
}

/** True when the person has data of their own beyond the profile any interaction re-creates. */
export async function hasPersonalData(deps: PrivacyServiceDeps, person: Person): Promise<boolean> {
  return holdsPersonalChoices(await deps.privacy.readPersonalData(person.workspaceId, person.userId));
}

export type ForgetResult = { kind: 'forgotten'; outcome: ForgetOutcome } | { kind: 'nothing_left' };

/**
 * Deletes everything held about the person. Whether anything was left is decided before: a
 * profile re-created by the interaction itself is removed too, but does not count.
 */
export async function forgetMe(
  deps: PrivacyServiceDeps,
  person: Person,
  formerMember: (language: 'en' | 'nb' | null) => string,
): Promise<ForgetResult> {
  const held = await hasPersonalData(deps, person);
  const outcome = await deps.privacy.forgetPerson(person.workspaceId, person.userId, formerMember);
  return held ? { kind: 'forgotten', outcome } : { kind: 'nothing_left' };
}
