"""One served deployment run, timed: ``briefing serve`` finds one new article in a local feed.

The daily scenario's last step (``python -m bench.run --scenario daily``). Set up, not timed: a Prefect
server, a feed with one entry and its article page on 127.0.0.1 (an example article as a web page), a local
SMTP server that keeps what it gets, a fresh data folder (so the entry is new), the settings (the feed as the
one source, an English reader's address, the daily scenario's target languages). Then ``briefing serve
--interval`` runs as in production: Prefect's runner starts the scheduled run in a fresh process, which
fetches the feed, digests the article and writes the digest, the edition, the feeds and the email.

Measured from the flow-run process's start (``/proc``) to the edition written (its file) and the email
received by the SMTP server, with its parts: process start (interpreter, imports, Prefect's engine, up to
the flow's Running state), the stages (Prefect task runs: fetch, clean, summarize, translate, discussion,
same-story, write-outputs with the edition and email, record-digested), model loads (inside the stages)
and what is left. ``bench/served_site/sitecustomize.py`` puts the bench's measuring (fixed output lengths,
load and generate times) into that process and writes it at exit; the runner's wait before starting the
scheduled run (its polling) is reported apart, not counted.
"""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SITE_DIR = Path(__file__).resolve().parent / "served_site"
REPORT_ENV = "BENCH_SERVED_REPORT"
READER = "reader@example.org"
ARTICLE = "baltic-port-offshore-wind.txt"
# Stages as Prefect names their task runs (tasks/), in pipeline order. The per-article tasks (clean,
# summary, translation, discussion) run only for an article a batch left out.
STAGES = (
    "fetch",
    "clean-batch",
    "clean",
    "summarize-batch",
    "summary",
    "translate-batch",
    "translation",
    "discuss-batch",
    "discussion",
    "same-story",
    "write-outputs",
    "record-digested",
)


def article_page(text: str) -> str:
    """An article text file (title, byline, paragraphs) as a plain news web page."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title, body = blocks[0], blocks[1:]
    paragraphs = "".join(f"<p>{html.escape(b)}</p>" for b in body)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"</head><body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    )


def feed_xml(base: str, title: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local news</title>'
        f"<link>{base}/</link><item><title>{html.escape(title)}</title><link>{base}/news/1</link>"
        "<guid>urn:bench:served:1</guid><description>One new story.</description></item></channel></rss>"
    )


class Site:
    """The feed (``/feed.xml``) and its one article page (``/news/1``) on 127.0.0.1."""

    def __init__(self, page: str, title: str) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802  (http.server's name)
                if self.path == "/feed.xml":
                    self._send("application/rss+xml", feed_xml(site.base, title))
                elif self.path == "/news/1":
                    self._send("text/html; charset=utf-8", page)
                else:
                    self.send_response(404)
                    self.end_headers()

            def _send(self, content_type: str, body: str) -> None:
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """aiosmtpd on 127.0.0.1: the wall-clock time each message arrived (the test extra installs it)."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[float] = []
        box = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                box.received.append(time.time())
                return "250 OK"

        from bench.prefect_server import free_port

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.port = self.controller.port

    def close(self) -> None:
        self.controller.stop()


def served_env(base: dict[str, str], feed: str, smtp_port: int, work: Path, root: Path) -> dict[str, str]:
    """The serving process's environment: the bench's, plus the feed, the mail server and the measuring."""
    return {
        **base,
        "BRIEFING_SOURCES": feed,
        "BRIEFING_FETCH_ALLOW_PRIVATE_NETWORKS": "1",  # the feed is on 127.0.0.1
        "BRIEFING_DATA_DIR": str(work / "data"),
        "BRIEFING_SMTP_HOST": "127.0.0.1",
        "BRIEFING_SMTP_PORT": str(smtp_port),
        "BRIEFING_SMTP_SECURITY": "none",
        "BRIEFING_EMAIL_FROM": "briefing@example.org",
        "BRIEFING_EMAIL_RECIPIENTS": f"en={READER}",
        "PYTHONPATH": os.pathsep.join([str(SITE_DIR), str(root)]),
        REPORT_ENV: str(work / "process.json"),
    }


def _epoch(stamp: str | None) -> float | None:
    return datetime.fromisoformat(stamp).timestamp() if stamp else None


def _api(api_url: str, path: str, body: dict[str, Any]) -> Any:
    import httpx

    response = httpx.post(f"{api_url}{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def finished_flow_run(api_url: str) -> dict[str, Any] | None:
    """The served deployment's run once it is in a final state (None before)."""
    runs = _api(api_url, "/flow_runs/filter", {"limit": 5, "sort": "EXPECTED_START_TIME_DESC"})
    final = [r for r in runs if (r.get("state") or {}).get("type") in ("COMPLETED", "FAILED", "CRASHED")]
    return final[0] if final else None


def stage_of(task_run_name: str) -> str:
    """The stage of a task run: its task's name (``fetch http://…``, ``summarize-batch-a1b``)."""
    for stage in sorted(STAGES, key=len, reverse=True):
        if task_run_name == stage or task_run_name.startswith((f"{stage} ", f"{stage}-")):
            return stage
    return task_run_name.split(" ", 1)[0]


def stage_times(api_url: str, flow_run_id: str) -> dict[str, dict[str, Any]]:
    """Per stage (task name): task runs, seconds summed, first start and last end (epoch)."""
    tasks = _api(api_url, "/task_runs/filter", {"flow_runs": {"id": {"any_": [flow_run_id]}}, "limit": 200})
    out: dict[str, dict[str, Any]] = {}
    for task in tasks:
        stage = stage_of(task.get("name") or "")
        start, end = _epoch(task.get("start_time")), _epoch(task.get("end_time"))
        row = out.setdefault(stage, {"task_runs": 0, "seconds": 0.0, "first_start": None, "last_end": None})
        row["task_runs"] += 1
        row["seconds"] += float(task.get("total_run_time") or 0.0)
        if start is not None:
            row["first_start"] = start if row["first_start"] is None else min(row["first_start"], start)
        if end is not None:
            row["last_end"] = end if row["last_end"] is None else max(row["last_end"], end)
    return out


def parts(process: dict[str, Any], flow_run: dict[str, Any], stages: dict[str, Any], ends: dict[str, Any]):
    """Seconds from the flow-run process's start: where the served run's time went."""
    t0 = process["process_start_epoch"]
    running = _epoch(flow_run.get("start_time"))
    done = max(v for v in (ends.get("edition_written"), ends.get("email_received")) if v is not None)
    rows: dict[str, Any] = {
        "process start (to the flow running)": round(running - t0, 3) if running else None
    }
    for stage in STAGES:
        if stage in stages:
            rows[f"stage {stage}"] = round(stages[stage]["seconds"], 3)
    accounted = sum(v for v in rows.values() if v is not None)
    total = done - t0
    return {
        "total_s": round(total, 3),
        "parts_s": rows,
        "other_s": round(total - accounted, 3),  # between tasks: the flow's own code, Prefect, waiting
        "model_loads_s": process.get("model_load_s"),  # inside the stages above
        "model_loads": process.get("model_loads"),
        "edition_written_s": round(ends["edition_written"] - t0, 3) if ends.get("edition_written") else None,
        "email_received_s": round(ends["email_received"] - t0, 3) if ends.get("email_received") else None,
        "flow_end_s": round(_epoch(flow_run.get("end_time")) - t0, 3) if flow_run.get("end_time") else None,
        "process_exit_s": round(process["exit_epoch"] - t0, 3) if process.get("exit_epoch") else None,
        "schedule_wait_s": round(t0 - _epoch(flow_run["expected_start_time"]), 3)
        if flow_run.get("expected_start_time")
        else None,
    }


def time_served(env: dict[str, str], work: Path, root: Path, examples: Path, timeout: float = 900) -> dict:
    """Serve the deployment until its first scheduled run has written the edition and sent the email."""
    from bench.prefect_server import PrefectServer

    work.mkdir(parents=True, exist_ok=True)
    text = (examples / ARTICLE).read_text(encoding="utf-8")
    site = Site(article_page(text), text.split("\n", 1)[0].strip())
    mailbox = Mailbox()
    server = PrefectServer(work / "prefect-home", work / "prefect-server.log")
    server.start()
    out = work / "out"
    serve_env = served_env({**env, **server.env()}, f"{site.base}/feed.xml", mailbox.port, work, root)
    briefing = Path(sys.executable).parent / "briefing"
    argv = [str(briefing)] if briefing.is_file() else [sys.executable, "-m", "briefing.cli"]
    log_path = work / "serve.log"
    try:
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                [*argv, "serve", "--interval", "3600", "--output", str(out)],
                cwd=root, env=serve_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        try:
            flow_run = _wait(server.api_url, work / "process.json", proc, timeout, log_path)
        finally:
            _stop(proc)
        process = json.loads((work / "process.json").read_text(encoding="utf-8"))
        stages = stage_times(server.api_url, flow_run["id"])
    finally:
        server.stop()
        mailbox.close()
        site.close()
    editions = sorted((out / "editions").glob("*.html")) if (out / "editions").is_dir() else []
    ends = {
        "edition_written": max((p.stat().st_mtime for p in editions), default=None),
        "email_received": mailbox.received[-1] if mailbox.received else None,
    }
    if ends["edition_written"] is None:
        raise SystemExit(f"bench: the served run wrote no edition in {out}; see {log_path}")
    return {
        "state": (flow_run.get("state") or {}).get("type"),
        "editions": len(editions),
        "emails": len(mailbox.received),
        "stages": stages,
        "process": process,
        **parts(process, flow_run, stages, ends),
    }


def _wait(api_url: str, report: Path, proc: subprocess.Popen, timeout: float, log_path: Path) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: briefing serve exited ({proc.returncode}); see {log_path}")
        run = finished_flow_run(api_url)
        if run is not None and report.is_file():
            return run
        time.sleep(1.0)
    raise SystemExit(f"bench: no served run finished within {timeout:.0f} s; see {log_path}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)  # serve's bounded shutdown (flows/deploy.py)
    try:
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
