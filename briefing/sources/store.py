"""Raw bytes kept immutably, named by their sha256 (``<data_dir>/raw/ab/abcdef...``).

A blob is written once (temp file, fsync, rename) and never changed: a rerun reads what was fetched instead
of fetching it again, and a digest can always be rebuilt from the bytes its ``source.sha256`` names.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.io import atomic_write_bytes, sha256_hex


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its sha256."""
        sha = sha256_hex(data)
        target = self.path(sha)
        if not target.exists():
            atomic_write_bytes(target, data)
            os.chmod(target, 0o444)
        return sha

    def get(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()
