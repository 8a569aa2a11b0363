import { useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract/channels';
import { Dialog } from '../Dialog';

const MOODS = ['Awful', 'Low', 'Okay', 'Good', 'Great'];
const PRODUCTIVITY = ['Very low', 'Low', 'Moderate', 'High', 'Very high'];

export type StopRatings = ChannelInput<'timer.stop'>;
type Field = 'mood_rating' | 'productivity_rating' | 'notes';

interface StopDialogProps {
  open: boolean;
  /** Minutes of focus the session will be saved with. */
  focusMinutes: number;
  saving: boolean;
  /** Field errors from the core's typed issues, by contract field name. */
  errors: Partial<Record<Field, string>>;
  onSave(ratings: StopRatings): void;
  onCancel(): void;
}

function RatingSelect({ id, label, names, value, onChange, error }: {
  id: string; label: string; names: string[]; value: string; onChange(v: string): void; error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">Not rated</option>
        {names.map((name, i) => (
          <option key={name} value={String(i + 1)}>
            {i + 1} – {name}
          </option>
        ))}
      </select>
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
    </div>
  );
}

/** Asked once the timer stops: how it went (all optional), then saved with the session. */
export function StopDialog({ open, focusMinutes, saving, errors, onSave, onCancel }: StopDialogProps) {
  const [mood, setMood] = useState('');
  const [productivity, setProductivity] = useState('');
  const [notes, setNotes] = useState('');
  const notesTooLong = notes.length > 10_000;

  function save() {
    if (notesTooLong || saving) return;
    onSave({
      mood_rating: mood ? Number(mood) : null,
      productivity_rating: productivity ? Number(productivity) : null,
      notes: notes.trim() ? notes.trim() : null,
    });
  }

  return (
    <Dialog
      open={open}
      title="Session finished"
      onClose={() => !saving && onCancel()}
      actions={
        <>
          <button type="button" className="btn" onClick={() => !saving && onCancel()} aria-disabled={saving || undefined}>
            Back to the timer
          </button>
          <button type="submit" form="stop-form" className="btn btn-primary" aria-disabled={saving || notesTooLong || undefined} aria-busy={saving || undefined}>
            {saving ? 'Saving…' : 'Save session'}
          </button>
        </>
      }
    >
      <form
        id="stop-form"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="muted">
          {focusMinutes > 0 ? `${focusMinutes} min of focus.` : 'Less than a minute of focus.'} How did it go? Ratings are optional.
        </p>
        <div className="row stop-ratings">
          <RatingSelect id="stop-mood" label="Mood" names={MOODS} value={mood} onChange={setMood} error={errors.mood_rating} />
          <RatingSelect id="stop-productivity" label="Productivity" names={PRODUCTIVITY} value={productivity} onChange={setProductivity} error={errors.productivity_rating} />
        </div>
        <div className="field">
          <label htmlFor="stop-notes">Notes</label>
          <textarea
            id="stop-notes"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            placeholder="What did you cover? Anything to remember next time?"
            aria-invalid={notesTooLong || errors.notes ? true : undefined}
            aria-describedby={notesTooLong || errors.notes ? 'stop-notes-error' : undefined}
          />
          {(notesTooLong || errors.notes) && (
            <span id="stop-notes-error" className="field-error">
              {notesTooLong ? `Notes are limited to 10,000 characters (${notes.length.toLocaleString()} now)` : errors.notes}
            </span>
          )}
        </div>
      </form>
    </Dialog>
  );
}
