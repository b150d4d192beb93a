"""Sources: folders, files, article pages, RSS/Atom feeds and OPML lists, fetched politely and incrementally.

Prefect-free; one concern per module, read top to bottom:

- :mod:`~briefing.sources.spec` — what a source spec names; what fetched bytes are (page, feed, OPML)
- :mod:`~briefing.sources.politeness` — one request at a time per host, with a delay; robots.txt
- :mod:`~briefing.sources.http` — one polite GET (httpx): timeouts, size cap, redirects, validators, backoff
- :mod:`~briefing.sources.feeds` — RSS/Atom (feedparser) and OPML (listparser) to plain records
- :mod:`~briefing.sources.extract` — HTML page to title, by-line, date, URL, site, text, comments
  (trafilatura), and the text document the cleaning stage reads
- :mod:`~briefing.sources.store` — raw bytes kept immutably by sha256
- :mod:`~briefing.sources.state` — the SQLite state database (sources, validators, entries, runs)
- :mod:`~briefing.sources.fetch` — one source fetched: new entries stored, pending articles returned
- :mod:`~briefing.sources.entries` — one entry stored: a feed item (its page or the feed text), a page, a file
- :mod:`~briefing.sources.articles` — a pending article through the cleaning stage, metadata attached
- :mod:`~briefing.sources.session` — a run's inputs split into paths and sources; recording what was digested
"""
