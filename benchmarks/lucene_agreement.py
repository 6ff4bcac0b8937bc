"""Do tantivy and a cluster's Lucene give the same answers from the same collection?

    python benchmarks/lucene_agreement.py [--data DIR] [--limit N]

No cluster needed: the dev collection's passages, exactly as the OpenSearch backend would bulk
them (``passage_documents`` of each article, duplicates skipped as ``add_articles`` skips
them), go into a Lucene index built by Lucene 8 from Debian's ``liblucene8-java`` (Java 17),
with the template's BM25 (k1 1.2, b 0.75) and whitespace analysis; one index, so the term
statistics are global, as ``dfs_query_then_fetch`` makes them on a cluster. Each dev question is
then answered twice by the same ranking code: once on tantivy, once on a backend whose searches
are the JSON bodies ``opensearch_requests.search_body`` builds, translated clause by clause
into Lucene queries (``term`` -> TermQuery, ``match_phrase`` -> PhraseQuery, ``boost`` ->
BoostQuery, ``filter`` -> FILTER clauses). Printed: how often the top passage, the top five and
the first sentence agree, whether the answered flag agrees, and the score ratio Lucene/tantivy
of the same top passage (1.0: one scale). Installs the Lucene package with apt when it can
(as root); skipped with a message where Java or the package cannot be had.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from benchmarks.checkout import DEV, ROOT
from retrieval import Library, LoadReport, answer_question, load_articles
from retrieval.answer import Answer
from retrieval.articles import Article
from retrieval.backend import Passage, PassageHit, SearchBackend, SearchRequest
from retrieval.documents import passage_documents
from retrieval.engines.opensearch_requests import search_body
from retrieval.engines.tantivy import PassageIndex
from retrieval.passages import rank_passages
from retrieval.question import build_query

JAVA_SOURCE = ROOT / "benchmarks" / "lucene" / "LuceneBM25.java"
JARS = ("lucene-core", "lucene-analyzers-common")
PACKAGE = "liblucene8-java"


# -- Java and Lucene ------------------------------------------------------------------------


def lucene_jars() -> list[Path]:
    share = Path("/usr/share/java")
    return [jar for name in JARS for jar in sorted(share.glob(f"{name}-8*.jar"))[-1:]]


def lucene_classpath(install: bool = True) -> str | None:
    """The Lucene jars (installing Debian's package if needed); None with a reason printed."""
    if shutil.which("java") is None or shutil.which("javac") is None:
        print("skipped: no Java (install openjdk-17-jdk-headless) to run Lucene")
        return None

    found = lucene_jars
    if install and len(found()) < len(JARS) and shutil.which("apt-get"):
        print(f"installing {PACKAGE} (Lucene 8) with apt-get ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", PACKAGE], capture_output=True)
        if len(found()) < len(JARS):
            subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", PACKAGE], capture_output=True)
    jars = found()
    if len(jars) < len(JARS):
        print(f"skipped: Debian's {PACKAGE} is not installed and apt-get could not install it")
        return None
    return ":".join(str(jar) for jar in jars)


def compile_java(classpath: str, folder: Path) -> str:
    subprocess.run(
        ["javac", "-nowarn", "-cp", classpath, "-d", str(folder), str(JAVA_SOURCE)],
        check=True,
        capture_output=True,
    )
    return f"{classpath}:{folder}"


class Lucene:
    """The Java process serving searches over the Lucene index, a request a line."""

    def __init__(self, classpath: str, index_dir: Path) -> None:
        self.process = subprocess.Popen(
            ["java", "-cp", classpath, "LuceneBM25", "serve", str(index_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().rstrip("\n")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def translate(body: dict[str, Any]) -> str:
    """The JSON search body the OpenSearch backend sends, as a LuceneBM25 request line."""
    query = body["query"]["bool"]
    assert query.get("minimum_should_match") == 1 and set(query) <= {
        "should",
        "filter",
        "minimum_should_match",
    }, query
    clauses = []
    for clause in query["should"]:
        ((kind, spec),) = clause.items()
        ((field, value),) = spec.items()
        if kind == "term":
            term, boost = (
                (value["value"], value.get("boost", 1.0))
                if isinstance(value, dict)
                else (value, 1.0)
            )
            clauses.append(f"T:{field}:{boost}:{term}")
        elif kind == "match_phrase":
            clauses.append(f"P:{field}:{value.get('boost', 1.0)}:{value['query']}")
        else:
            raise ValueError(f"no translation for {kind}")
    low = high = language = "-"
    for condition in query.get("filter", []):
        if "range" in condition:
            bounds = condition["range"]["day"]
            low, high = str(bounds.get("gte", "-")), str(bounds.get("lte", "-"))
        elif "term" in condition:
            language = condition["term"]["language"]
        elif "bool" in condition:  # a name's phrases, one of which must stand in the passage
            for held in condition["bool"]["should"]:
                ((field, phrase),) = held["match_phrase"].items()
                clauses.append(f"R:{field}:1.0:{phrase}")
        else:
            raise ValueError(f"no translation for {condition}")
    return "\t".join(["S", str(body["size"]), low, high, language, *clauses])


class LuceneBackend:
    """A SearchBackend whose searches and term counts are Lucene's (from the JSON bodies the
    OpenSearch backend builds); everything else, and the stored passages, from tantivy."""

    def __init__(self, lucene: Lucene, tantivy: PassageIndex) -> None:
        self.lucene = lucene
        self.tantivy = tantivy
        self.engine = "lucene"
        self._doc_freq: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:  # date_span, language_counts, refresh, ...
        return getattr(self.tantivy, name)

    def search(self, request: SearchRequest) -> list[PassageHit]:
        if not request.terms:
            return []
        answer = self.lucene.ask(translate(search_body(request)))
        hits = []
        for triple in filter(None, answer.split("\t")):
            ident, score, day = triple.split(" ")
            hits.append(PassageHit(float(score), int(day), ident))
        return hits

    def fetch(self, hits: Iterable[PassageHit]) -> list[Passage]:
        return [self._passage(str(hit.ref), hit.score) for hit in hits]

    def _passage(self, ident: str, score: float) -> Passage:
        import tantivy

        key, position = ident.rsplit(":", 1)
        index = self.tantivy
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(index.schema, "key", key)),
                (tantivy.Occur.Must, tantivy.Query.term_query(index.schema, "pos", int(position))),
            ]
        )
        ((_, address),) = index._searcher.search(query, 1).hits
        return index._passage(address, score)

    def doc_freq(self, term: str) -> int:
        if term not in self._doc_freq:
            self._doc_freq[term] = int(self.lucene.ask(f"D\t{term}"))
        return self._doc_freq[term]


# -- the collection, both ways ---------------------------------------------------------------


def export_passages(articles: Iterable[Article], out: Path) -> int:
    """The passage documents the OpenSearch backend would bulk, one TSV line each."""
    seen: set[str] = set()
    count = 0
    with out.open("w", encoding="utf-8") as tsv:
        for article in articles:
            built = passage_documents(article, 0)
            ids = {built.key} | ({f"id:{article.id}"} if article.id else set())
            if ids & seen:
                continue
            seen |= ids
            for doc in built.documents:
                fields = [f"{doc['key']}:{doc['pos']}", str(doc["day"]), doc["language"],
                          doc["title_terms"], doc["body_terms"]]  # fmt: skip
                tsv.write("\t".join(field.replace("\t", " ") for field in fields) + "\n")
                count += 1
    return count


def load_questions(path: Path, limit: int | None) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
    questions = [json.loads(line) for line in text.splitlines() if line.strip()]
    return questions[:limit] if limit else questions


def compare(
    questions: list[dict[str, Any]], ours: SearchBackend, theirs: SearchBackend
) -> dict[str, Any]:
    top = top5 = first = answered = 0
    ratios: list[float] = []
    confidence: list[float] = []
    differing: list[str] = []
    for record in questions:
        as_of = __import__("datetime").date.fromisoformat(record["date"])
        query = build_query(record["question"], as_of)
        a, b = rank_passages(ours, query), rank_passages(theirs, query)
        ids_a, ids_b = [(p.key, p.position) for p in a], [(p.key, p.position) for p in b]
        top += ids_a[:1] == ids_b[:1]
        top5 += ids_a[:5] == ids_b[:5]
        if a and b and ids_a[0] == ids_b[0] and a[0].score:
            ratios.append(b[0].score / a[0].score)
        one: Answer = answer_question(ours, record["question"], as_of=as_of, max_sentences=3)
        two: Answer = answer_question(theirs, record["question"], as_of=as_of, max_sentences=3)
        same = [s.text for s in one.sentences[:1]] == [s.text for s in two.sentences[:1]]
        first += same
        answered += one.answered == two.answered
        confidence.append(abs(one.confidence - two.confidence))
        if not same:
            differing.append(record["id"])
    n = max(len(questions), 1)
    return {
        "questions": len(questions),
        "top_passage": top / n,
        "top5_passages": top5 / n,
        "first_sentence": first / n,
        "answered_flag": answered / n,
        "confidence_abs_diff_mean": statistics.fmean(confidence) if confidence else 0.0,
        "score_ratio_median": statistics.median(ratios) if ratios else None,
        "score_ratio_range": [min(ratios), max(ratios)] if ratios else None,
        "differing": differing[:20],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a data folder with the dev collection indexed")
    parser.add_argument("--articles", type=Path, default=DEV / "articles.jsonl.gz")
    parser.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    parser.add_argument("--limit", type=int, help="first N questions only")
    parser.add_argument("--no-install", action="store_true", help="never run apt-get")
    args = parser.parse_args()
    if not args.articles.exists():
        print(f"skipped: no dev collection at {args.articles}")
        return 0
    classpath = lucene_classpath(install=not args.no_install)
    if classpath is None:
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        classpath = compile_java(classpath, folder / "classes")
        data = args.data or folder / "data"
        library = Library(data, seed=False)
        started = time.perf_counter()
        if library.index.passage_count == 0:
            library.ingest([args.articles])
            print(f"tantivy: indexed in {time.perf_counter() - started:.0f} s", flush=True)
        assert isinstance(library.index, PassageIndex)

        started = time.perf_counter()
        read: Callable[[LoadReport], Iterable[Article]] = lambda load: load_articles(  # noqa: E731
            [args.articles], load
        )
        passages = export_passages(read(LoadReport()), folder / "passages.tsv")
        lucene_dir = folder / "lucene"
        subprocess.run(
            ["java", "-cp", classpath, "LuceneBM25", "index", str(folder / "passages.tsv"),
             str(lucene_dir)],
            check=True,
        )  # fmt: skip
        print(
            f"lucene: {passages:,} passages (tantivy {library.index.passage_count:,}) indexed in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        lucene = Lucene(classpath, lucene_dir)
        try:
            questions = load_questions(args.questions, args.limit)
            result = compare(questions, library.index, LuceneBackend(lucene, library.index))
        finally:
            lucene.close()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
