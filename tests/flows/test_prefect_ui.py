"""The real Prefect UI in headless Chromium: open the deployment, Run → Quick run, digests appear.

Uses the ``prefect_server`` fixture (``briefing server`` + ``briefing serve``) and the shared
``chromium`` fixture of ``tests/browser_support.py``. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json

import pytest

from tests.browser_support import chromium, save_screenshot  # noqa: F401  (session fixture)
from tests.flows.conftest import ServedPrefect, wait_for
from tests.flows.test_server import api, deployment, finished

pytestmark = pytest.mark.server

UI_WAIT_S = 120  # safety net for a page that never renders


def _visible(driver, xpath: str):
    from selenium.webdriver.common.by import By

    def find():
        found = [e for e in driver.find_elements(By.XPATH, xpath) if e.is_displayed()]
        return found[-1] if found else None  # the innermost match

    return wait_for(find, UI_WAIT_S, f"an element {xpath}", interval=0.5)


def test_quick_run_from_the_prefect_ui_writes_digests(
    prefect_server: ServedPrefect,
    chromium,  # noqa: F811
    validate_digest,
):
    with api(prefect_server) as client:
        dep = deployment(client)
        before = {r.id for r in client.read_flow_runs()}

    driver = chromium
    driver.get(f"{prefect_server.ui_url}/deployments")
    _visible(driver, f"//a[normalize-space(.)='{dep.name}']").click()

    with api(prefect_server) as client:

        def new_manual_run():
            runs = [r for r in client.read_flow_runs() if r.id not in before and not r.auto_scheduled]
            return runs[0] if runs else None

        # The run the UI creates is the outcome that matters; its "View run" toast is fleeting (it
        # was missed once under load), so it is not waited for. A click the menu swallowed while it
        # was still opening gets one more try.
        run = None
        for attempt in range(2):
            _visible(driver, "//button[normalize-space(.)='Run']").click()
            _visible(driver, "//*[normalize-space(.)='Quick run']").click()
            try:
                run = wait_for(new_manual_run, UI_WAIT_S / 2, "the flow run the UI created")
                break
            except pytest.fail.Exception:
                save_screenshot(driver, f"prefect-ui-quick-run-missed-{attempt}")
                if attempt == 1:
                    raise
        save_screenshot(driver, "prefect-ui-quick-run")
        assert run.deployment_id == dep.id
        run = finished(client, run.id)
        assert run.state.is_completed(), (run.state.name, run.state.message)

    driver.get(f"{prefect_server.ui_url}/runs/flow-run/{run.id}")
    _visible(driver, "//*[normalize-space(.)='Completed']")
    save_screenshot(driver, "prefect-ui-run-completed")
    # The deployment's default output folder: this run wrote its index (a digest file that already held
    # the same text is left as it was, so a scheduled run before may have written the digests).
    index = prefect_server.scheduled_output / "index.html"
    assert index.stat().st_mtime >= run.start_time.timestamp()
    digests = sorted(prefect_server.scheduled_output.glob("digests/*.json"))
    assert len(digests) == 2
    for path in digests:
        validate_digest(json.loads(path.read_text(encoding="utf-8")))
