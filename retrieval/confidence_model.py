"""Fitted by benchmarks/fit_confidence.py; do not edit by hand (re-run the script)."""

# Placeholder until the first fit: an intercept that says "unsure" and no weights.
COEFFICIENTS = [0.0] + [0.0] * 15
MEAN = [0.0] * 15
SCALE = [1.0] * 15
THRESHOLD = 0.0
