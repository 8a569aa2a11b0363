-- Graded activities (tests and flashcards with an accuracy) by type and time: what test_score and
-- flashcard_mastery goals average over after every logged activity. The general (user_id,
-- start_time) index reads every activity in a goal's window; this one reads only the graded rows
-- of the goal's type (about a sixth of them on a heavy profile).
CREATE INDEX idx_session_activities_graded ON session_activities (user_id, activity_type, start_time)
  WHERE deleted_at IS NULL AND accuracy_percentage IS NOT NULL;
