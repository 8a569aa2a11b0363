import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../../../shared/contract/gamification';
import { call } from '../../lib/call';
import { fieldErrorsFrom, hasErrors } from '../../lib/form-errors';
import { toast } from '../../stores/toasts';
import { Field, FormError } from '../Field';
import {
  changesFrom, FIELD_OF, type FormErrors, type FormKey, NUMBER_FIELDS, type NumberField, rolloverLabel, type SettingsForm as Form,
  timeZoneGroups, toForm,
} from './settings-form';

/** Words for the core's wire names inside its messages. */
const WIRE_LABELS: Record<string, string> = {
  focus_minutes: 'Focus', short_break_minutes: 'Short break', long_break_minutes: 'Long break', long_break_every: 'Long break every',
  day_rollover_hour: 'New day starts at', time_zone: 'Time zone', streak_min_minutes: 'Streak minimum',
  idle_threshold_seconds: 'Idle after', media_idle_threshold_seconds: 'Idle while watching after', global_shortcut: 'Global shortcut',
};

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const supportedZones = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

interface SettingsFormProps {
  saved: Settings;
  /** The core sent fresh settings (another window, the sync): adopt them unless the student is editing. */
  onSaved(settings: Settings): void;
}

export function SettingsForm({ saved, onSaved }: SettingsFormProps) {
  const [form, setForm] = useState<Form>(() => toForm(saved));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const dirty = useMemo(() => Object.keys(changesFrom(form, saved).update).length > 0, [form, saved]);
  const zones = useMemo(() => timeZoneGroups(supportedZones(), saved.time_zone, deviceZone), [saved.time_zone]);

  // Fresh settings from elsewhere replace the form only while it holds no edits of its own.
  const [seen, setSeen] = useState(saved);
  useEffect(() => {
    if (saved === seen) return;
    setSeen(saved);
    if (!dirty) setForm(toForm(saved));
  }, [saved, seen, dirty]);

  const set = <K extends FormKey>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const { update, errors: local } = changesFrom(form, saved);
    if (hasErrors(local)) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const next = Object.keys(update).length ? await call('settings.update', update) : saved;
      setErrors({});
      setForm(toForm(next));
      onSaved(next);
      toast.success('Saved');
    } catch (err) {
      setErrors(fieldErrorsFrom(err, FIELD_OF, WIRE_LABELS));
    } finally {
      setSaving(false);
    }
  }

  const number = (key: NumberField, label: string, unit: string) => {
    const { min, max } = NUMBER_FIELDS[key];
    return (
      <Field label={label} error={errors[key]} hint={`${min}–${max} ${unit}`}>
        {(p) => (
          <input {...p} type="number" inputMode="numeric" min={min} max={max} step="any" value={form[key]}
            onChange={(e) => set(key, e.target.value)} />
        )}
      </Field>
    );
  };

  const check = (key: 'notifications_enabled' | 'start_at_login', label: string, hint: string) => (
    <div className="checkbox-field">
      <label className="checkbox">
        <input type="checkbox" checked={form[key]} onChange={(e) => set(key, e.target.checked)} aria-describedby={`${key}-hint`} />
        {label}
      </label>
      <span id={`${key}-hint`} className="field-hint">{hint}</span>
      {errors[key] && <span className="field-error">{errors[key]}</span>}
    </div>
  );

  return (
    <form className="stack settings-form" onSubmit={(e) => void save(e)} noValidate>
      <Section id="settings-timer" title="Timer">
        <div className="settings-grid">
          {number('focus_minutes', 'Focus', 'minutes')}
          {number('short_break_minutes', 'Short break', 'minutes')}
          {number('long_break_minutes', 'Long break', 'minutes')}
          {number('long_break_every', 'Long break every', 'focus blocks')}
          {number('idle_threshold_minutes', 'Idle after', 'minutes without input')}
          {number('media_idle_threshold_minutes', 'Idle while watching after', 'minutes (video playing)')}
        </div>
      </Section>

      <Section id="settings-day" title="Day and time">
        <div className="settings-grid">
          <Field label="New day starts at" error={errors.day_rollover_hour} hint="Study before this hour counts toward the day before.">
            {(p) => (
              <select {...p} value={form.day_rollover_hour} onChange={(e) => set('day_rollover_hour', e.target.value)}>
                {HOURS.map((h) => <option key={h} value={h}>{rolloverLabel(h)}</option>)}
              </select>
            )}
          </Field>
          <Field
            label="Time zone"
            error={errors.time_zone}
            hint={
              deviceZone && deviceZone !== form.time_zone ? (
                <>
                  This device is in {deviceZone}.{' '}
                  <button type="button" className="link-button" onClick={() => set('time_zone', deviceZone)}>
                    Use it
                  </button>
                </>
              ) : (
                'New sessions are dated in this zone.'
              )
            }
          >
            {(p) => (
              <select {...p} value={form.time_zone} onChange={(e) => set('time_zone', e.target.value)}>
                {zones.map(([region, list]) => (
                  <optgroup key={region} label={region}>
                    {list.map((z) => <option key={z} value={z}>{z.replaceAll('_', ' ')}</option>)}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          {number('streak_min_minutes', 'Streak minimum', 'minutes a day to keep the streak')}
        </div>
      </Section>

      <Section id="settings-notifications" title="Notifications">
        {check('notifications_enabled', 'Show notifications', 'When a focus block or break ends, and when you reach a goal milestone.')}
        {check('start_at_login', 'Start Study Desk when I log in', 'Opens in the tray, so the timer is one click away.')}
        <div className="settings-grid">
          <Field label="Global shortcut" error={errors.global_shortcut} hint="A key combination that works in any app, e.g. CommandOrControl+Shift+F. Leave empty for none.">
            {(p) => <input {...p} type="text" value={form.global_shortcut} onChange={(e) => set('global_shortcut', e.target.value)} autoComplete="off" />}
          </Field>
        </div>
      </Section>

      <div className="settings-save row">
        <button type="submit" className="btn btn-primary" disabled={saving} aria-busy={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        {dirty && !saving && <span className="muted">Unsaved changes</span>}
        <FormError message={errors.form} />
      </div>
    </form>
  );
}
