"""The linear sentence model's weights (``ranker.LinearRanker``), one per feature.

Written by ``benchmarks/fit_weights.py --write`` (fitted on the fit half of the dev questions,
reported on the other half; figures in docs/quality.md); do not edit by hand, re-run it after
changing a feature or what the index keeps.
"""

WEIGHTS = {
    "bm25": 0.340,
    "passage_bm25": 0.329,
    "passage_rank": 0.081,
    "date": 0.335,
    "context": 0.251,
    "coverage": -0.018,
    "passage_coverage": 0.516,
    "title_coverage": 0.714,
    "phrase": 0.159,
    "novelty": 0.101,
    "new_fact": -0.462,
    "new_number": 0.486,
    "agreement": 0.272,
    "lead": 0.484,
    "short": -0.027,
    "typed_fact": 0.735,
    "vote": 1.030,
    "date_near": 0.493,
    "first": 0.127,
    "focus": 0.816,
    "link_line": -0.090,
    "article_coverage": 1.398,
    "kind_fact": 0.709,
    "kind_any": 0.248,
    "kind_vote": 0.696,
    "adds": 0.151,
    "restates": 0.697,
    "forecast": 0.061,
    "outcome": 0.008,
    "title_kind": -0.055,
    "before_kind": -0.209,
}
