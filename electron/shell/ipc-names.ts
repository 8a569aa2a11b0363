/** The IPC names between the preload and main (no imports: the sandboxed preload bundles this). */
export const IPC = {
  invoke: 'study-desk:invoke',
  event: 'study-desk:event',
  shellStatus: 'study-desk:shell-status',
} as const;
