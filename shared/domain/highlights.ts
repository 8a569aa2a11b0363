/** What a report says about a period, in sentences that cite their numbers. Pure and deterministic. */

export interface PeriodFacts {
  label: string; // 'this week', 'this month', 'this day', 'this period'
  minutes: number;
  sessions: number;
  daysStudied: number;
  daysElapsed: number;
  testsTaken: number;
  avgTestScore: number | null;
  flashcardsReviewed: number;
  flashcardAccuracy: number | null;
  streakDays: number;
  bestDay: { date: string; minutes: number } | null;
  topClass: { name: string; minutes: number } | null;
  previousMinutes: number | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A study day as people say it: '2026-11-23' → 'Monday 23 November' (the year is the report's). */
export function spokenDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]}`;
}

export function highlights(f: PeriodFacts): string[] {
  const out: string[] = [];
  if (f.minutes === 0) return [`No study recorded ${f.label}.`];
  out.push(`Studied ${plural(f.minutes, 'minute')} in ${plural(f.sessions, 'session')} on ${plural(f.daysStudied, 'day')}.`);
  if (f.previousMinutes !== null && f.previousMinutes > 0) {
    const change = Math.round(((f.minutes - f.previousMinutes) / f.previousMinutes) * 100);
    if (change !== 0) {
      out.push(`${Math.abs(change)}% ${change > 0 ? 'more' : 'less'} study time than the period before (${f.previousMinutes} minutes).`);
    }
  }
  if (f.bestDay && f.daysStudied > 1) out.push(`Best day: ${spokenDay(f.bestDay.date)} with ${plural(f.bestDay.minutes, 'minute')}.`);
  if (f.topClass) out.push(`Most studied: ${f.topClass.name} (${plural(f.topClass.minutes, 'minute')}).`);
  if (f.testsTaken > 0 && f.avgTestScore !== null) {
    out.push(`Test average ${round1(f.avgTestScore)}% over ${plural(f.testsTaken, 'test')}.`);
  }
  if (f.flashcardsReviewed > 0 && f.flashcardAccuracy !== null) {
    out.push(`${plural(f.flashcardsReviewed, 'flashcard')} reviewed at ${round1(f.flashcardAccuracy)}% accuracy.`);
  }
  if (f.streakDays >= 3) out.push(`Current streak: ${plural(f.streakDays, 'day')}.`);
  return out;
}

export function recommendations(f: PeriodFacts, streakMinMinutes: number): string[] {
  const out: string[] = [];
  if (f.daysElapsed >= 3 && f.daysStudied / f.daysElapsed < 0.5) {
    out.push(`You studied on ${f.daysStudied} of ${f.daysElapsed} days: short daily sessions of ${streakMinMinutes}+ minutes build a streak.`);
  }
  if (f.sessions > 0 && f.minutes / f.sessions > 120) {
    out.push(`Sessions average ${Math.round(f.minutes / f.sessions)} minutes: breaks every 25-50 minutes keep focus up.`);
  }
  if (f.avgTestScore !== null && f.avgTestScore < 70) {
    out.push(`Test average ${round1(f.avgTestScore)}% is below 70%: review missed questions before the next test.`);
  }
  if (f.flashcardAccuracy !== null && f.avgTestScore !== null && f.flashcardAccuracy + 10 < f.avgTestScore) {
    out.push(`Flashcard accuracy ${round1(f.flashcardAccuracy)}% is below your test accuracy ${round1(f.avgTestScore)}%: revisit the cards you miss.`);
  }
  if (f.minutes > 0 && f.testsTaken === 0 && f.flashcardsReviewed === 0) {
    out.push('No tests or flashcards this period: a short self-test shows what has stuck.');
  }
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
