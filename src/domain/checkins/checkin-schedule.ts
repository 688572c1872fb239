import type { WeeklyTarget } from '../schedule/local-time.ts';

export const defaultCheckinTarget: WeeklyTarget = { weekday: 1, time: '10:00' };
