"""The shard planner and the per-worker tally (pure functions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.records import ArticleFailure
from briefing.run.inputs import ArticleRef, expand_backlog
from briefing.scale.shards import ShardItem, backlog_items, plan_shards, shard_count
from briefing.scale.workers import ShardOutcome, loads_between, worker_tally

pytestmark = pytest.mark.unit


def _items(spec: list[tuple[str, int]]) -> list[ShardItem]:
    return [
        ShardItem(ArticleRef(f"/b/{src}/{n}.txt", f"{n:064x}"), src, size)
        for n, (src, size) in enumerate(spec)
    ]


def _paths(shard) -> list[str]:
    return [item.ref.path for item in shard.items]


def test_every_item_lands_in_exactly_one_shard_in_backlog_order():
    items = _items([(f"s{n % 4}", 100 + 37 * n % 500) for n in range(60)])
    plan = plan_shards(items, 6)
    placed = [p for shard in plan for p in _paths(shard)]
    assert sorted(placed) == sorted(i.ref.path for i in items)
    order = {i.ref.path: n for n, i in enumerate(items)}
    for shard in plan:
        assert [order[p] for p in _paths(shard)] == sorted(order[p] for p in _paths(shard))
    assert [s.index for s in plan] == list(range(len(plan)))


def test_sources_that_fit_stay_whole_and_shards_balance_by_length():
    # Four sources of equal weight into two shards: two whole sources each.
    items = _items([(src, 100) for src in "abcd" for _ in range(3)])
    plan = plan_shards(items, 2)
    assert len(plan) == 2
    assert all(len(shard.sources) == 2 for shard in plan)
    assert [shard.size for shard in plan] == [600, 600]


def test_a_source_bigger_than_a_fair_share_is_cut_so_no_worker_idles():
    items = _items([("big", 100)] * 12 + [("small", 100)] * 2)
    plan = plan_shards(items, 3)
    sizes = sorted(shard.size for shard in plan)
    assert len(plan) == 3 and sizes[-1] - sizes[0] <= 200
    assert sum(len(shard.items) for shard in plan) == 14


def test_length_not_count_decides_the_balance():
    items = _items([("long", 1000), ("s1", 250), ("s2", 250), ("s3", 250), ("s4", 250)])
    plan = plan_shards(items, 2)
    assert sorted(shard.size for shard in plan) == [1000, 1000]
    assert [len(s.items) for s in sorted(plan, key=lambda s: len(s.items))] == [1, 4]


def test_shard_counts_and_bad_values():
    assert shard_count(60, 10) == 6 and shard_count(61, 10) == 7 and shard_count(0, 10) == 1
    assert plan_shards([], 3) == []
    with pytest.raises(ValueError, match="shards"):
        plan_shards(_items([("a", 1)]), 0)
    with pytest.raises(ValueError, match="shard_articles"):
        shard_count(5, 0)


def test_a_backlog_folder_holds_one_folder_per_source(tmp_path: Path):
    for src in ("feed-a", "feed-b"):
        (tmp_path / src).mkdir()
        for n in range(2):
            (tmp_path / src / f"{n}.txt").write_text(f"{src} article {n}\n" * (n + 1))
    (tmp_path / "loose.txt").write_text("loose\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("no\n")
    found = expand_backlog([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "loose.txt",
        "feed-a/0.txt",
        "feed-a/1.txt",
        "feed-b/0.txt",
        "feed-b/1.txt",
    ]
    assert all(p.is_absolute() for p in found)
    items = backlog_items(ArticleRef(str(p), "0" * 64) for p in found)
    assert [i.source for i in items][1:3] == [str(tmp_path / "feed-a")] * 2
    assert items[2].size == 2 * items[1].size


def test_worker_tally_counts_shards_articles_and_model_loads():
    def outcome(index, worker, loads, total, articles=2, failed=0):
        keyed = tuple((f"k{index}-{n}", object()) for n in range(articles))
        fails = tuple(ArticleFailure(f"/f{index}-{n}", "bad") for n in range(failed))
        return ShardOutcome(
            index, worker, "m-" + worker, 7, keyed, fails, {}, loads, 1.5 if loads else 0.0, total
        )

    tally = worker_tally(
        [
            outcome(1, "w2", {"sum": 1}, {"sum": 1}),
            outcome(0, "w1", {"sum": 1, "tr": 1}, {"sum": 1, "tr": 1}, failed=1),
            outcome(2, "w1", {}, {"sum": 1, "tr": 1}),
        ]
    )
    assert tally["w1"]["shards"] == [0, 2] and tally["w1"]["articles"] == 5
    assert tally["w1"]["model_loads"] == {"sum": 1, "tr": 1}
    assert tally["w1"]["model_loads_total"] == {"sum": 1, "tr": 1}
    assert tally["w2"] == {
        "machine": "m-w2",
        "pids": [7],
        "shards": [1],
        "articles": 2,
        "model_loads": {"sum": 1},
        "model_load_seconds": 1.5,
        "model_loads_total": {"sum": 1},
    }


def test_loads_between_two_readings():
    before = {"a": (1, 2.0)}
    after = {"a": (2, 5.0), "b": (1, 1.0), "c": (0, 0.0)}
    assert loads_between(before, after) == ({"a": 1, "b": 1}, 4.0)
    assert loads_between(after, after) == ({}, 0.0)


def test_server_refuses_a_database_url_it_cannot_use_and_hides_the_password(tmp_path: Path):
    from typer.testing import CliRunner

    from briefing_cli import app

    result = CliRunner().invoke(
        app, ["server", "--prefect-home", str(tmp_path), "--database", "mysql://bob:s3cret@db:3306/prefect"]
    )
    assert result.exit_code == 2
    assert "--database mysql://bob:***@db:3306/prefect: expected postgresql+asyncpg://" in result.output
    assert "s3cret" not in result.output
