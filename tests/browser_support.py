"""Headless Chromium for browser tests: make sure Debian's chromium is there, then drive it with Selenium.

Reusable by any test package: ``from tests.browser_support import chromium`` in a conftest gives the
session-scoped ``chromium`` fixture (a Selenium WebDriver); ``save_screenshot`` writes full-page PNGs
under ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PACKAGES = ("chromium", "chromium-driver")
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def _installed() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def _apt_get(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Wait for another apt/dpkg run (a parallel test session installing the same packages).
    command = ["apt-get", "-o", "DPkg::Lock::Timeout=600", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def ensure_chromium() -> str | None:
    """None when chromium and chromedriver are installed (installing them when missing); else why not."""
    if _installed():
        return None
    if shutil.which("apt-get") is None:
        return "chromium is missing and apt-get is not available to install it"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "chromium is missing and installing it with apt-get needs root"
    result = _apt_get("install", "-y", "--no-install-recommends", *PACKAGES)
    if result.returncode != 0:
        # A fresh machine may have no package lists yet.
        _apt_get("update")
        result = _apt_get("install", "-y", "--no-install-recommends", *PACKAGES)
    if result.returncode != 0 or not _installed():
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"could not install {' '.join(PACKAGES)} with apt-get: {last[0]}"
    return None


def new_driver(user_data_dir: Path, width: int = 1280, height: int = 900):
    """A headless Chromium WebDriver with a fresh profile in ``user_data_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*CHROME_ARGS, f"--user-data-dir={user_data_dir}", f"--window-size={width},{height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    return driver


def save_screenshot(driver, name: str) -> Path:
    """A full-page PNG of the current page under ``test-artifacts/``; returns its path."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    data = base64.b64decode(shot["data"])
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "Chromium did not return a PNG"
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(data)
    return path


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> Iterator:
    """A session-wide headless Chromium (skipped, with the reason, only if it cannot be installed)."""
    reason = ensure_chromium()
    if reason:
        pytest.skip(reason)
    driver = new_driver(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()
