import { describe, expect, it } from 'vitest';
import {
  activePause,
  checkPersonalSettings,
  type PersonalSettingsForm,
  settingsZone,
} from '../../../../src/domain/settings/personal-settings.ts';

const form = (patch: Partial<PersonalSettingsForm> = {}): PersonalSettingsForm => ({
  checkin: { weekday: 1, time: '10:00' },
  zoneOverride: null,
  languageChoice: null,
  habitNudges: true,
  pausedUntil: null,
  optedOut: false,
  ...patch,
});
// 23:30 on Sunday 10 January in Oslo; still Sunday afternoon in New York.
const now = new Date('2027-01-10T22:30:00Z');
const check = (patch: Partial<PersonalSettingsForm>, slackZone: string | null = 'Europe/Oslo') =>
  checkPersonalSettings(form(patch), { slackZone, now });

describe('personal settings rules', () => {
  it('accept a plain form', () => {
    expect(check({})).toEqual([]);
  });

  it('refuse a day, time or zone that no modal offers', () => {
    expect(check({ checkin: { weekday: 8, time: '25:00' }, zoneOverride: 'Mars/Olympus' })).toEqual([
      'invalid_weekday',
      'invalid_time',
      'invalid_zone',
    ]);
  });

  it('check the pause date in the zone the form chooses', () => {
    // "Monday 11 January" is tomorrow in Oslo, but in New York it is still Sunday: both are ahead.
    expect(check({ pausedUntil: '2027-01-11' })).toEqual([]);
    expect(check({ pausedUntil: '2027-01-10' })).toEqual(['pause_in_past']);
    // In New York it is still the 10th, so pausing until the 10th is "today": refused too.
    expect(check({ pausedUntil: '2027-01-10', zoneOverride: 'America/New_York' })).toEqual(['pause_in_past']);
    expect(check({ pausedUntil: '2028-01-11' })).toEqual(['pause_too_far']);
    expect(check({ pausedUntil: 'soon' })).toEqual(['pause_in_past']);
  });

  it('refuse a pause for someone who stops check-ins', () => {
    expect(check({ pausedUntil: '2027-02-01', optedOut: true })).toEqual(['pause_with_opt_out']);
  });

  it('read times in the override, else Slack’s zone, else UTC', () => {
    expect(settingsZone('America/New_York', 'Europe/Oslo')).toBe('America/New_York');
    expect(settingsZone(null, 'Europe/Oslo')).toBe('Europe/Oslo');
    expect(settingsZone('Nowhere/Land', null)).toBe('UTC');
  });

  it('show only a pause that is still ahead', () => {
    expect(activePause('2027-01-11', 'Europe/Oslo', now)).toBe('2027-01-11');
    expect(activePause('2027-01-10', 'Europe/Oslo', now)).toBeNull();
    expect(activePause(null, 'Europe/Oslo', now)).toBeNull();
  });
});
