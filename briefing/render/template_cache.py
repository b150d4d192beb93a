"""Compiled templates kept between processes: Jinja's own bytecode cache, made safe to lose.

Every process compiled each template it used from source (~40 ms apiece here: the digest page, the index,
the timeline, the email), and a rerun that changes nothing still renders the front page. Jinja's
``FileSystemBytecodeCache`` keeps the compiled code in a per-user folder of the temp directory that Jinja
itself creates private (mode 0700, owned by the user, refused otherwise), and checks each entry against the
template source's checksum and the Python/Jinja versions, so an edited template is compiled again.

Two things it does not check, handled here: the environment's options (autoescape, trim_blocks,
finalize...) are compiled into the code, so the entries' names carry a digest of the module that sets them
(:func:`cache_for` is given that module's source); and an entry that cannot be read or written (a full or
read-only temp folder, a truncated file) must never fail a render: the template is then compiled as before.
"""

from __future__ import annotations

import hashlib
import logging

import jinja2
from jinja2.bccache import Bucket

log = logging.getLogger(__name__)


class ForgivingBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache whose failures only cost the compile they would have saved."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception as err:  # unreadable or corrupt: compile from source
            log.debug("template cache entry %s not read: %s", bucket.key, err)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as err:  # full or read-only: the next process compiles again
            log.debug("template cache entry %s not written: %s", bucket.key, err)


def cache_for(options_source: str) -> jinja2.BytecodeCache | None:
    """A bytecode cache for templates compiled under the options that ``options_source`` (the source of the
    module making the environment) sets; None, compiling every time, when no safe folder can be had."""
    digest = hashlib.sha256(f"{jinja2.__version__}\n{options_source}".encode()).hexdigest()[:16]
    try:
        return ForgivingBytecodeCache(pattern=f"briefing-{digest}-%s.cache")
    except (OSError, RuntimeError) as err:  # Jinja refuses a folder it does not own alone
        log.debug("no template cache: %s", err)
        return None
