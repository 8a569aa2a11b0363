import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/contract/gamification';
import { fileSize } from './bytes';
import { changesFrom, rolloverLabel, timeZoneGroups, toForm } from './settings-form';

const SAVED: Settings = {
  time_zone: 'Europe/Berlin',
  day_rollover_hour: 4,
  streak_min_minutes: 10,
  focus_minutes: 25,
  short_break_minutes: 5,
  long_break_minutes: 15,
  long_break_every: 4,
  idle_threshold_seconds: 300,
  media_idle_threshold_seconds: 90,
  notifications_enabled: true,
  start_at_login: false,
  global_shortcut: null,
};

describe('settings form', () => {
  it('sends nothing when nothing changed, even an idle threshold that is not whole minutes', () => {
    const form = toForm(SAVED);
    expect(form.idle_threshold_minutes).toBe('5');
    expect(form.media_idle_threshold_minutes).toBe('1.5');
    expect(changesFrom(form, SAVED)).toEqual({ update: {}, errors: {} });
  });

  it('sends only the changed fields, in the contract’s units', () => {
    const form = { ...toForm(SAVED), focus_minutes: ' 50 ', idle_threshold_minutes: '10', day_rollover_hour: '0', time_zone: 'Asia/Kolkata', start_at_login: true };
    expect(changesFrom(form, SAVED)).toEqual({
      update: { focus_minutes: 50, idle_threshold_seconds: 600, day_rollover_hour: 0, time_zone: 'Asia/Kolkata', start_at_login: true },
      errors: {},
    });
  });

  it('turns an empty shortcut into none and trims a set one', () => {
    const set = changesFrom({ ...toForm(SAVED), global_shortcut: ' CommandOrControl+Shift+F ' }, SAVED);
    expect(set.update).toEqual({ global_shortcut: 'CommandOrControl+Shift+F' });
    const cleared = changesFrom({ ...toForm({ ...SAVED, global_shortcut: 'F9' }), global_shortcut: '' }, { ...SAVED, global_shortcut: 'F9' });
    expect(cleared.update).toEqual({ global_shortcut: null });
  });

  it('names the field that is not a number in range and leaves it out of the update', () => {
    const form = { ...toForm(SAVED), focus_minutes: '', long_break_every: '13', short_break_minutes: '2.5', idle_threshold_minutes: 'abc', streak_min_minutes: '20' };
    const { update, errors } = changesFrom(form, SAVED);
    expect(update).toEqual({ streak_min_minutes: 20 });
    expect(errors).toEqual({
      focus_minutes: 'Enter a number.',
      long_break_every: 'Enter a number from 1 to 12.',
      short_break_minutes: 'Enter a whole number.',
      idle_threshold_minutes: 'Enter a number.',
    });
  });
});

describe('time zone picker', () => {
  it('groups zones by region and always offers UTC and the saved zone', () => {
    const groups = timeZoneGroups(['Europe/Berlin', 'America/New_York', 'America/Argentina/Salta', 'Asia/Kolkata'], 'Etc/GMT+5');
    expect(groups.map(([region]) => region)).toEqual(['America', 'Asia', 'Etc', 'Europe', 'Other']);
    expect(groups.find(([r]) => r === 'America')![1]).toEqual(['America/Argentina/Salta', 'America/New_York']);
    expect(groups.at(-1)).toEqual(['Other', ['UTC']]);
  });

  it('labels rollover hours', () => {
    expect(rolloverLabel(0)).toBe('00:00 (midnight)');
    expect(rolloverLabel(4)).toBe('04:00');
  });
});

describe('file sizes', () => {
  it('reads like a file manager', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(5_962_718)).toBe('5.7 MB');
    expect(fileSize(250 * 1024 * 1024)).toBe('250 MB');
  });
});
