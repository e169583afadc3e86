"""The owner's timing profile (pure): a bounded record of their finished first ferments,
so a suggestion reads one item however many batches they have brewed."""
from __future__ import annotations

from kefir.domain import fermentation as model


def with_entry(entries: list[dict], entry: dict) -> list[dict]:
    """The profile's entries after recording one batch's first ferment: that batch's
    earlier entry is replaced, and only the newest HISTORY_LIMIT of each kind are kept."""
    kept = [e for e in entries if e["batch_id"] != entry["batch_id"]] + [entry]
    kept.sort(key=lambda e: e["strained_at"], reverse=True)
    counts: dict[str, int] = {}
    newest = []
    for e in kept:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
        if counts[e["kind"]] <= model.HISTORY_LIMIT:
            newest.append(e)
    return newest


def history(entries: list[dict], kind: str, excluding_batch: str) -> list[model.PastBatch]:
    """The model's history for a batch: the owner's entries of its kind, newest first,
    without the batch itself."""
    ordered = sorted(entries, key=lambda e: e["strained_at"], reverse=True)
    return [model.PastBatch(e["kind"], float(e["hours"]), float(e["temperature_c"]),
                            float(e["ratio"]) if e.get("ratio") is not None else None)
            for e in ordered if e["kind"] == kind and e["batch_id"] != excluding_batch]
