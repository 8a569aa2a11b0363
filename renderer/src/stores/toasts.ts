import { create } from 'zustand';
import { ApiError, errorMessage } from '../lib/call';

export type ToastKind = 'info' | 'success' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** An optional action, e.g. "Undo" after a delete. */
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>, ttlMs?: number): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push(toast, ttlMs = toast.kind === 'error' ? 8000 : 5000) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { ...toast, id }] });
    if (ttlMs > 0) setTimeout(() => get().dismiss(id), ttlMs);
    return id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = {
  info: (message: string, action?: Toast['action']) => useToasts.getState().push({ kind: 'info', message, action }),
  success: (message: string, action?: Toast['action']) => useToasts.getState().push({ kind: 'success', message, action }),
  /** Shows the core's typed error: "VALIDATION: end_time must be after start_time". */
  error: (err: unknown) =>
    useToasts.getState().push({ kind: 'error', message: err instanceof ApiError && err.code !== 'INTERNAL' ? errorMessage(err) : `Something went wrong: ${errorMessage(err)}` }),
};
