import fc from 'fast-check';
import { beforeAll } from 'vitest';
beforeAll(() => fc.configureGlobal({ numRuns: 20000 }));
import './study-day.test';
import './calendar.test';
import './goals.test';
import './trends.test';
import './streaks.test';
