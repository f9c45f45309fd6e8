// Replaced by the simulated CPU (issue 3).
