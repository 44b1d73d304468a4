"""Training (培训): simulated 12345 calls as data, for trainees, scored against gold orders."""
