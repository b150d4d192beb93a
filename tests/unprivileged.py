"""Run a subprocess without the right to bypass file permissions, as a non-root user would.

Sessions and CI run as root, which reads any file whatever its mode. Dropping CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH from the capability bounding set before ``exec`` makes the child's permission
checks those of an ordinary user (it keeps uid 0, so the interpreter under /root stays usable).
For a non-root user there is nothing to drop.
"""

from __future__ import annotations

import ctypes
import os

import pytest

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def drop_permission_bypass() -> None:
    """``preexec_fn`` for ``subprocess``: the child obeys file modes."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            os._exit(97)


def require_unprivileged_children() -> None:
    """Skip when a child cannot be made to obey file modes here (no prctl, no CAP_SETPCAP)."""
    import subprocess

    probe = subprocess.run(["true"], preexec_fn=drop_permission_bypass, check=False)  # noqa: PLW1509
    if probe.returncode != 0:
        pytest.skip("cannot drop the permission-bypass capabilities in this environment")
