"""Web addresses as identities: the same page under tracking parameters, another letter case of
its host, a fragment or a default port is one page (`newsbot` never fetches it twice)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMETERS", "canonical_url", "url_identity"]

# Parameters that say who sent the reader, never which page: analytics and ad click ids.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_[a-z_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|"
    r"igshid|ocid|cmpid|at_[a-z_]*|ns_[a-z_]*|oly_[a-z_]*|vero_[a-z_]*|__twitter_impression|"
    r"s_cid|ito|smid|rss|feature|xtor|wt_[a-z_]*|ref_src|ref_url)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters, fragment or default port, scheme and host in lower
    case ('' for what is not an http(s) URL)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return ""
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(name)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def url_identity(url: str) -> str:
    """The identity a stored article carries for its address ('' when it has none)."""
    canonical = canonical_url(url)
    return f"url:{canonical}" if canonical else ""
