export interface ShortcutPort {
  /** globalShortcut.register: false when another application holds it; throws on a malformed accelerator. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShortcutStatus {
  accelerator: string | null;
  registered: boolean;
  error: string | null;
}

/** The optional global start/pause shortcut; reports when the OS or another app refuses it. */
export class GlobalShortcut {
  private current: string | null = null;
  status: ShortcutStatus = { accelerator: null, registered: false, error: null };

  constructor(
    private readonly port: ShortcutPort,
    private readonly onPress: () => void,
  ) {}

  apply(accelerator: string | null): ShortcutStatus {
    const wanted = accelerator?.trim() || null;
    if (wanted === this.status.accelerator && (this.status.registered || this.status.error)) return this.status;
    if (this.current) this.port.unregister(this.current);
    this.current = null;
    if (!wanted) return (this.status = { accelerator: null, registered: false, error: null });
    let ok: boolean;
    try {
      ok = this.port.register(wanted, this.onPress);
    } catch {
      return (this.status = { accelerator: wanted, registered: false, error: `${wanted} is not a valid shortcut` });
    }
    if (!ok) return (this.status = { accelerator: wanted, registered: false, error: `${wanted} is already taken by another application` });
    this.current = wanted;
    return (this.status = { accelerator: wanted, registered: true, error: null });
  }
}
