import type { PersonalData } from './personal-data.ts';

export interface ForgetOutcome {
  /** Rows removed or unlinked, per table; empty when nothing was held. */
  rows: Record<string, number>;
}

export interface PrivacyRepository {
  /** Reads every user-linked table for one person; nothing about anyone else. */
  readPersonalData(workspaceId: string, userId: string): Promise<PersonalData>;
  /**
   * Deletes the person's data in one transaction; promises they received stay with their owner
   * without the link, and messages about them lose the mention.
   */
  forgetPerson(
    workspaceId: string,
    userId: string,
    formerMember: (language: 'en' | 'nb' | null) => string,
  ): Promise<ForgetOutcome>;
}
