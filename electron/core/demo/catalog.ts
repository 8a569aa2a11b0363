/** The demo student's world: the classes they take, where they study, what they write down. */

export interface DemoClass {
  name: string;
  code: string;
  color: string;
  /** 0 easy … 1 hard: lowers test and flashcard accuracy. */
  difficulty: number;
  /** Semesters ago (0 = the current one) the class starts and ends, oldest first. */
  from: number;
  to: number;
}

export const CLASSES: readonly DemoClass[] = [
  { name: 'Calculus I', code: 'MATH 101', color: '#e6194b', difficulty: 0.5, from: 7, to: 6 },
  { name: 'General Chemistry', code: 'CHEM 110', color: '#3cb44b', difficulty: 0.4, from: 7, to: 7 },
  { name: 'English Composition', code: 'ENGL 101', color: '#4363d8', difficulty: 0.2, from: 7, to: 5 },
  { name: 'Organic Chemistry', code: 'CHEM 241', color: '#f58231', difficulty: 0.9, from: 6, to: 5 },
  { name: 'Linear Algebra', code: 'MATH 221', color: '#911eb4', difficulty: 0.6, from: 5, to: 4 },
  { name: 'Physics II: Electromagnetism', code: 'PHYS 202', color: '#42d4f4', difficulty: 0.8, from: 5, to: 3 },
  { name: 'Microeconomics', code: 'ECON 101', color: '#f032e6', difficulty: 0.3, from: 4, to: 3 },
  { name: 'Spanish, Intermediate', code: 'SPAN 201', color: '#bfef45', difficulty: 0.4, from: 4, to: 0 },
  { name: 'Data Structures & Algorithms', code: 'CS 225', color: '#469990', difficulty: 0.7, from: 3, to: 1 },
  { name: 'Statistics for Scientists', code: 'STAT 200', color: '#9a6324', difficulty: 0.5, from: 2, to: 0 },
  { name: 'Cell Biology', code: 'BIOL 230', color: '#800000', difficulty: 0.6, from: 2, to: 0 },
  { name: 'Philosophy of Mind', code: 'PHIL 310', color: '#000075', difficulty: 0.3, from: 1, to: 0 },
];

export const SEMESTER_DAYS = 182.625;

/** Which semester (0 = current) a day lies in, counted back from the dataset's last day. */
export const semesterOf = (daysToEnd: number): number => Math.floor(daysToEnd / SEMESTER_DAYS);

/** The classes taken in a semester, with their index in CLASSES. */
export const classesIn = (semester: number): Array<DemoClass & { i: number }> =>
  CLASSES.map((c, i) => ({ ...c, i })).filter((c) => c.from >= semester && c.to <= semester);

export const HOME_LOCATIONS = ['Library', 'Home', 'Home', 'Café Central', 'Campus lab', 'Study room 2.14'] as const;
export const TRIP_LOCATIONS = ['Hotel', 'Airport lounge', 'Host family', 'Exchange campus library'] as const;

/** Notes a CSV or PDF export must survive: commas, quotes, line breaks, non-ASCII. */
export const NOTES = [
  'Reviewed chapter 4, then did problems 1-12.',
  'Group met at the library; "Prof. Kim" said the midterm covers weeks 1-6.',
  'Felt tired.\nTook a long break after the first pomodoro.',
  'Formulas to memorise: E = mc², F = ma, "p = mv"',
  "Didn't finish — continue tomorrow, start with §3.2",
  'Line one\r\nLine two, "quoted", and a tab\there',
  'Flashcards: 40 new, 12 lapses; Spanish subjunctive is still hard.',
  'Résumé draft, café notes, naïve Bayes — mixed bag today',
] as const;

export const ACTIVITY_KINDS = ['reading', 'testing', 'flashcards', 'notes', 'video', 'chat', 'assignment'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_WEIGHTS: Record<'solo' | 'group' | 'tutoring', number[]> = {
  solo: [18, 14, 20, 16, 12, 9, 11],
  group: [12, 10, 14, 20, 6, 18, 20],
  tutoring: [10, 18, 10, 14, 6, 30, 12],
};
export const CONTENT_TYPES: Record<ActivityKind, string> = {
  reading: 'document',
  testing: 'test',
  flashcards: 'flashcard_deck',
  notes: 'note',
  video: 'video',
  chat: 'ai_chat',
  assignment: 'assignment',
};

export const ASSIGNMENT_KINDS = ['Problem set', 'Lab report', 'Reading response', 'Essay', 'Quiz prep', 'Project milestone'] as const;
