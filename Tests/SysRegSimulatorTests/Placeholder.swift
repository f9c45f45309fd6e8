// Replaced by the simulator's tests (issue 3).
