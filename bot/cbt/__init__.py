"""CBT mode: thought-record steps, ratings, Socratic questions, practice drills."""
