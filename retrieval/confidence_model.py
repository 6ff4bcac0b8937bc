"""Fitted by benchmarks/fit_confidence.py; do not edit by hand (re-run the script)."""

# Placeholder until the first fit: an intercept that says "unsure" and no weights.
COEFFICIENTS = [0.0] + [0.0] * 14
MEAN = [0.0] * 14
SCALE = [1.0] * 14
THRESHOLD = 0.0
