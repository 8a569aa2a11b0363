import type { CoreEventName, CoreEvents } from '../../shared/contract/events';

type Listener<E extends CoreEventName> = (payload: CoreEvents[E]) => void;

/** A typed event hub: hosts subscribe and forward to their transport. */
export class CoreEventHub {
  private readonly listeners = new Map<CoreEventName, Set<Listener<CoreEventName>>>();

  on<E extends CoreEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<CoreEventName>);
    return () => set.delete(listener as Listener<CoreEventName>);
  }

  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`listener for ${event} failed`, err);
      }
    }
  }
}
