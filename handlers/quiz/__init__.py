"""Quizzes: question banks (bundled YAML, Excel and Aiken files sent in a chat), private
practice with /thi, and leaderboards with /bxh."""
