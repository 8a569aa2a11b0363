/** Goal types whose progress follows the study data (custom goals are recorded by hand). */
export type AutoGoalType = 'study_time' | 'test_score' | 'flashcard_mastery' | 'assignment_completion' | 'streak';
export const ALL_AUTO_GOALS: readonly AutoGoalType[] = ['study_time', 'test_score', 'flashcard_mastery', 'assignment_completion', 'streak'];
