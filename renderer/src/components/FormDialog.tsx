import { type ReactNode, useId } from 'react';
import { Dialog } from './Dialog';

interface FormDialogProps {
  title: string;
  onClose(): void;
  /** Runs on Enter or the submit button; the browser's own validation stays off (the core's errors show). */
  onSubmit(): void;
  submitLabel: string;
  saving: boolean;
  /** The form's layout class: 'form-grid' (two columns) or 'stack'. */
  layout?: 'form-grid' | 'stack';
  children: ReactNode;
}

/** A modal form: its fields, then Cancel and the submit button (showing "Saving…" while it runs). */
export function FormDialog({ title, onClose, onSubmit, submitLabel, saving, layout = 'form-grid', children }: FormDialogProps) {
  const formId = useId();
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className={layout}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}
