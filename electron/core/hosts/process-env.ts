/**
 * The environment the core's own process starts with (the Electron utility process, and the
 * bench's cold-start probe, which stands in for it).
 *
 * glibc's malloc keeps freed memory at the top of its heap up to a trim threshold that it raises
 * whenever a large block is freed (up to 32 MiB). V8 compiles PGlite's hot wasm functions in large
 * zones and frees them afterwards, so after the first dashboard that memory stayed resident: the
 * idle core held 257 MB on the heavy data, 175 MB with the threshold pinned at glibc's documented
 * default of 128 KiB (no measurable cost on session end or activity logging). Those compiles run
 * on a background thread (`limitWasmCompileThreads`), and glibc gives each thread that mallocs an
 * arena of its own, trimmed apart from the main one: with a single arena the idle core holds ~173
 * MB rather than 177-190 MB, with the same session end, activity and report times (measured in
 * one run). Only glibc reads these variables; other allocators ignore them.
 */
export const CORE_PROCESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_TRIM_THRESHOLD_: String(128 * 1024),
  MALLOC_ARENA_MAX: '1',
};

/** `base` with the core's variables; a value the user set explicitly wins. */
export function coreProcessEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...CORE_PROCESS_ENV, ...base };
}
