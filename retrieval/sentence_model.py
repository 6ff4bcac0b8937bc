"""The linear sentence model's weights (``ranker.LinearRanker``), one per feature.

Written by ``benchmarks/fit_weights.py --write`` (fitted on the fit half of the dev questions,
reported on the other half; figures in docs/quality.md); do not edit by hand, re-run it after
changing a feature or what the index keeps.
"""

WEIGHTS = {
    "bm25": 0.338,
    "passage_bm25": 0.330,
    "passage_rank": 0.077,
    "date": 0.331,
    "context": 0.253,
    "coverage": -0.025,
    "passage_coverage": 0.520,
    "title_coverage": 0.713,
    "phrase": 0.156,
    "novelty": 0.090,
    "new_fact": -0.462,
    "new_number": 0.484,
    "agreement": 0.269,
    "lead": 0.479,
    "short": -0.021,
    "typed_fact": 0.734,
    "vote": 1.028,
    "date_near": 0.496,
    "first": 0.127,
    "focus": 0.817,
    "link_line": -0.086,
    "article_coverage": 1.401,
    "kind_fact": 0.710,
    "kind_any": 0.243,
    "kind_vote": 0.701,
    "adds": 0.159,
    "restates": 0.694,
    "forecast": 0.125,
    "outcome": 0.075,
    "title_kind": -0.057,
    "before_kind": -0.207,
}
