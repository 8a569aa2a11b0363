// `npm run template`: builds the first-run template data dir that the app ships (DESIGN §4).
import { migrationsFor } from '../../../migrations';
import { DEFAULT_TEMPLATE_DIR } from '../core';
import { ensureTemplate } from './pglite-db';

const dir = process.argv[2] ?? DEFAULT_TEMPLATE_DIR;
const t0 = performance.now();
const file = await ensureTemplate(dir, migrationsFor('desktop'));
console.log(JSON.stringify({ template: file, ms: Math.round(performance.now() - t0) }));
