import { resolveLanguage } from '../../../domain/users/language.ts';
import type { UserProfile } from '../../../domain/users/user.ts';
import { getUserProfile } from '../../../domain/users/user.service.ts';
import type { Messages } from '../../../i18n/en.ts';
import { messages } from '../../../i18n/index.ts';
import type { ListenerDeps } from '../listener-deps.ts';
import { z } from 'zod';
import { jsonValue } from '../../parsers/json-value.parser.ts';

export interface Person {
  workspaceId: string;
  userId: string;
  profile: UserProfile | undefined;
  language: ReturnType<typeof resolveLanguage>;
  m: Messages;
}

/** Who clicked or submitted, with their language; Slack being slow only costs the language. */
export async function personOf(deps: ListenerDeps, workspaceId: string, userId: string): Promise<Person> {
  const profile = await getUserProfile(deps.users, workspaceId, userId).catch(() => undefined);
  const language = resolveLanguage(profile?.language, profile?.slackLocale);
  return { workspaceId, userId, profile, language, m: messages(language) };
}

/**
 * Who clicked or submitted, from what is stored only: never refreshes the Slack profile, so it
 * writes nothing (the pulse uses it, since a rating must leave no trace beyond its mark and ballot).
 */
export async function storedPersonOf(
  deps: ListenerDeps,
  workspaceId: string,
  userId: string,
): Promise<Person> {
  const profile = await deps.users.users.find(workspaceId, userId).catch(() => undefined);
  const language = resolveLanguage(profile?.language, profile?.slackLocale);
  return { workspaceId, userId, profile, language, m: messages(language) };
}

export const weekValue = jsonValue(z.object({ w: z.string().regex(/^\d{4}-W\d{2}$/) }), 100);
