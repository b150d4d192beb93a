"""What fetching a source works with: the settings, the state database, the blob store and the HTTP client.

Its own module so that :mod:`briefing.sources.fetch` (one source) and :mod:`briefing.sources.entries` (one
entry of it) both take it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.settings import Settings
from briefing.sources.http import Fetcher
from briefing.sources.state import StateDB
from briefing.sources.store import BlobStore


@dataclass
class FetchContext:
    settings: Settings
    db: StateDB
    store: BlobStore
    fetcher: Fetcher
    origin: str = "config"
    # OPML lists read by this context (shared by the contexts ``replace`` derives) and the current nesting.
    opml_seen: set[str] = field(default_factory=set)
    opml_depth: int = 0
