"""A sick cluster, through the fault proxy in front of osmem-server: retries with back-off on
429, 5xx and timeouts (searches and bulk), a node list whose first node is down, the breaker
that answers at once during an outage and closes by itself, TLS with a CA bundle and a client
certificate, basic auth, and no secret in any log line."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import logging
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from retrieval import (
    Article,
    DateRange,
    IndexError_,
    Library,
    OpenSearchConfig,
    SearchRequest,
    SearchUnavailable,
)
from retrieval.engines.opensearch import OpenSearchIndex

from .conftest import SMALL_CORPUS, write_jsonl
from .fault_proxy import FaultProxy


@pytest.fixture
def proxy(osmem_url: str) -> Iterator[FaultProxy]:
    served = FaultProxy(osmem_url).start()
    yield served
    served.stop()


def _cluster(url: str, prefix: str = "faults", **extra: Any) -> OpenSearchIndex:
    settings: dict[str, Any] = {"timeout": 0.5, "retries": 2, "replicas": 0, **extra}
    return OpenSearchIndex(OpenSearchConfig(url=url, prefix=prefix, **settings))


def _filled(tmp_path: Path, url: str, **extra: Any) -> tuple[Library, OpenSearchIndex]:
    index = _cluster(url, **extra)
    library = Library(tmp_path / "data", backend=index, seed=False)
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    return library, index


def _free_port() -> int:
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_searches_retry_429_and_5xx_with_back_off(tmp_path: Path, proxy: FaultProxy) -> None:
    library, index = _filled(tmp_path, proxy.url)
    request = SearchRequest(["ranger"])
    expected = index.search(request)
    assert expected

    for status in (429, 503, 502):
        before = len(proxy.seen("_search"))
        proxy.fail("status", status=status, path="_search", count=2)
        assert index.search(request) == expected, status
        tries = proxy.seen("_search")[before:]
        assert [t.answered for t in tries] == ["status", "status", "pass"]
        gaps = [b.at - a.at for a, b in itertools.pairwise(tries)]
        assert gaps[0] >= 0.09 and gaps[1] >= 0.19, gaps  # back-off: 0.1-0.2 s, 0.2-0.4 s
    answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 5))
    assert "Texas Rangers" in answer.sentences[0].text  # nothing left open


@pytest.fixture
def second(osmem_url: str) -> Iterator[FaultProxy]:
    """Another node of the same cluster (a second proxy in front of the same server)."""
    served = FaultProxy(osmem_url).start()
    yield served
    served.stop()


def test_a_stalled_node_times_out_and_the_search_goes_to_another(
    tmp_path: Path, proxy: FaultProxy, second: FaultProxy
) -> None:
    _, index = _filled(tmp_path, f"{proxy.url},{second.url}")
    request = SearchRequest(["ranger"])
    expected = index.search(request)
    proxy.fail("stall")  # the first node takes requests and never answers
    for _ in range(4):  # round robin: one of these goes to the stalled node first
        started = time.monotonic()
        assert index.search(request) == expected
        if proxy.seen("_search") and proxy.seen("_search")[-1].answered == "stall":
            assert time.monotonic() - started >= 0.5  # its timeout, then the other node
            break
    else:
        raise AssertionError("no search went to the stalled node")
    stalled_at = len(proxy.seen())
    for _ in range(4):  # marked dead: the others go straight to the live node
        assert index.search(request) == expected
    assert len(proxy.seen()) == stalled_at and index.breaker and not index.breaker.open

    # A lone stalled node: one timeout, no retry on it, and the breaker opens.
    proxy.clear()
    alone = _cluster(second.url, prefix="faults")
    second.fail("stall")
    started = time.monotonic()
    with pytest.raises(SearchUnavailable, match="timed out"):
        alone.search(request)
    assert 0.5 <= time.monotonic() - started < 1.5 and len(second.seen("_search")) >= 1
    assert alone.unavailable


def test_bulk_retries_refused_documents_and_requests(tmp_path: Path, proxy: FaultProxy) -> None:
    index = _cluster(proxy.url, bulk_bytes=200_000, bulk_timeout=0.5)
    library = Library(tmp_path / "data", backend=index, seed=False)
    proxy.fail("bulk429", path="_bulk", count=1)  # every document refused once with 429
    proxy.fail("status", status=429, path="_bulk", count=1)  # then the whole request
    proxy.fail("status", status=503, path="_bulk", count=1)  # then a node behind a proxy
    report = library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    assert (report.added, report.duplicates) == (3, 0)
    answered = [s.answered for s in proxy.seen("_bulk")]
    assert answered == ["bulk429", "status", "status", "pass"]
    local = Library(tmp_path / "local", seed=False)
    local.ingest([tmp_path / "small.jsonl"])
    assert library.stats().passages == local.stats().passages  # each passage once


def _reports(count: int) -> list[Article]:
    return [
        Article(
            title=f"Report {i}", date=dt.date(2020, 1, 1 + i % 28), text=f"Paragraph {i}. " * 300
        )
        for i in range(count)
    ]


def test_a_bulk_that_times_out_goes_to_another_node(
    tmp_path: Path, proxy: FaultProxy, second: FaultProxy
) -> None:
    index = _cluster(f"{proxy.url},{second.url}", bulk_bytes=100_000, bulk_timeout=0.5)
    proxy.fail("stall", path="_bulk")
    report = Library(tmp_path / "data", backend=index, seed=False).ingest_articles(
        lambda _: _reports(60)
    )
    assert report.added == 60 and index.stats().articles == 60
    assert [s.answered for s in proxy.seen("_bulk")] == ["stall"]  # then marked dead
    assert len(second.seen("_bulk")) >= 4


def test_a_bulk_is_cut_at_the_configured_size(tmp_path: Path, proxy: FaultProxy) -> None:
    index = _cluster(proxy.url, bulk_bytes=100_000)
    Library(tmp_path / "data", backend=index, seed=False).ingest_articles(lambda _: _reports(60))
    bulks = proxy.seen("_bulk")
    assert len(bulks) >= 4  # ~25 KB a passage document: about four a request
    assert index.stats().articles == 60


def test_a_node_list_whose_first_node_is_down(tmp_path: Path, proxy: FaultProxy) -> None:
    dead = f"http://127.0.0.1:{_free_port()}"
    library, index = _filled(tmp_path, f"{dead},{proxy.url}")
    assert index.stats().articles == 3
    for _ in range(4):  # the dead node is skipped, never a failure
        answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 5))
        assert "Texas Rangers" in answer.sentences[0].text
    assert index.breaker is not None and not index.breaker.open


def test_an_outage_answers_at_once_and_recovers_by_itself(
    tmp_path: Path, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    library, index = _filled(tmp_path, proxy.url)
    request = SearchRequest(["ranger"])
    caplog.set_level(logging.DEBUG)
    proxy.down()
    with pytest.raises(SearchUnavailable):
        index.search(request)
    for _ in range(20):  # open: refused at once, never a request
        started = time.perf_counter()
        with pytest.raises(SearchUnavailable, match="not answering"):
            library.refresh(0)
        assert index.unavailable
        assert time.perf_counter() - started < 0.05
    proxy.up()
    deadline = time.monotonic() + 10
    while index.breaker is not None and index.breaker.open and time.monotonic() < deadline:
        time.sleep(0.1)
    assert index.search(request)  # back by itself, no restart
    outage = [r for r in caplog.records if r.name == "newsbot.search"]
    assert [r.getMessage().split(":")[0] for r in outage] == [
        "search unavailable",
        "search is back",
    ]
    assert not any(r.exc_info for r in caplog.records)  # no traceback for the outage
    assert "20 requests answered 'unavailable'" in outage[1].getMessage()


def test_a_date_range_of_600_months_goes_through_the_alias(
    tmp_path: Path, proxy: FaultProxy
) -> None:
    first = dt.date(1970, 1, 15)
    articles = [
        Article(
            title=f"Harvest report {n}",
            date=dt.date(first.year + n // 12, 1 + n % 12, 15),
            text=f"The harvest of month {n} was counted.",
        )
        for n in range(600)
    ]
    index = _cluster(proxy.url, timeout=30)  # 600 indices: slow on the emulator
    Library(tmp_path / "data", backend=index, seed=False).ingest_articles(lambda _: articles)
    assert len(index.client.indices.get_alias(name="faults")) == 600
    dates = DateRange(dt.date(1970, 1, 1), dt.date(2019, 12, 31))
    hits = index.search(SearchRequest(["harvest"], dates, limit=1000))
    assert len(hits) == 600
    line = proxy.seen("_search")[-1].path
    assert line.startswith("/faults/_search") and len(line) < 100
    later = index.search(SearchRequest(["harvest"], DateRange(dt.date(2019, 1, 1)), limit=100))
    assert len(later) == 12


def test_yearly_indices_hold_and_search_the_same(tmp_path: Path, osmem_url: str) -> None:
    library, index = _filled(tmp_path, osmem_url, period="year")
    assert set(index.client.indices.get_alias(name="faults")) == {"faults-2022", "faults-2023"}
    in_2023 = index.search(
        SearchRequest(["the"], DateRange(dt.date(2023, 6, 1), dt.date(2023, 12, 31)))
    )
    assert in_2023 and {h.day for h in in_2023} == {19663}  # 2023-11-02 only
    answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 5))
    assert "Texas Rangers" in answer.sentences[0].text


# -- TLS and auth ----------------------------------------------------------------------------


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private CA, a server certificate for 127.0.0.1 and a client certificate."""
    folder = tmp_path_factory.mktemp("pki")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test-ca",
             "-keyout", "ca.key", "-out", "ca.pem", cwd=folder)  # fmt: skip
    for name, extension in (("server", "subjectAltName=IP:127.0.0.1"), ("client", "")):
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
                 "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=folder)  # fmt: skip
        (folder / f"{name}.ext").write_text(extension + "\n")
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-days", "2", "-out", f"{name}.pem",
                 *(("-extfile", f"{name}.ext") if extension else ()), cwd=folder)  # fmt: skip
    return folder


def _tls_proxy(upstream: str, pki: Path, *, client_certificates: bool) -> FaultProxy:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki / "server.pem", pki / "server.key")
    if client_certificates:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(pki / "ca.pem")
    return FaultProxy(upstream, tls=context).start()


def test_tls_with_a_ca_bundle_a_client_certificate_and_basic_auth(
    tmp_path: Path, osmem_url: str, pki: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    proxy = _tls_proxy(osmem_url, pki, client_certificates=True)
    try:
        secure = {
            "ca_bundle": str(pki / "ca.pem"),
            "client_cert": str(pki / "client.pem"),
            "client_key": str(pki / "client.key"),
            "user": "newsbot",
            "password": "pass-w0rd-sekrit",
        }
        _library, index = _filled(tmp_path, proxy.url, **secure)
        assert index.stats().articles == 3
        sent = proxy.seen("_search")[-1].headers
        expected = base64.b64encode(b"newsbot:pass-w0rd-sekrit").decode()
        assert sent.get("Authorization", sent.get("authorization")) == f"Basic {expected}"

        for missing in ("ca_bundle", "client_cert"):  # either one absent: refused
            partial = {**secure, missing: "", "retries": 0}
            if missing == "client_cert":
                partial["client_key"] = ""
            with pytest.raises(IndexError_):
                _cluster(proxy.url, prefix="other", **partial)
    finally:
        proxy.stop()
    logged = (
        "\n".join(f"{r.getMessage()}\n{r.exc_text or ''}" for r in caplog.records) + caplog.text
    )
    assert "pass-w0rd-sekrit" not in logged and expected not in logged


def test_no_secret_in_any_log_line_through_faults(
    tmp_path: Path, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    password = "hunter2-sekrit"
    url = proxy.url.replace("http://", f"http://admin:{password}@")
    _library, index = _filled(tmp_path, url)
    proxy.fail("status", status=503, path="_search", count=1)
    index.search(SearchRequest(["ranger"]))
    proxy.down()
    with pytest.raises(SearchUnavailable) as caught:
        index.search(SearchRequest(["ranger"]))
    assert password not in str(caught.value)
    texts = [r.getMessage() for r in caplog.records] + [caplog.text]
    assert texts and not any(password in text for text in texts)
    assert any("search unavailable" in text for text in texts)
