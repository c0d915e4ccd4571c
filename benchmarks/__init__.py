"""Speed benchmarks: each prints its timings as ratios against a reference measured in the same run."""
