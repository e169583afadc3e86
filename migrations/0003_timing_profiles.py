"""Build each owner's timing profile from the batches they have strained.

Suggestions read one timing-profile item per owner instead of every past batch
(docs/table-design.md). The app keeps the profile up to date from each `strained` event on;
this fills it for batches strained before. Batch by batch: each batch's events are read
from its own partition, and its entry is merged into its owner's profile (replacing any
entry for that batch), so a page processed again on resume changes nothing.
"""
from kefir.domain.timing import with_entry
from kefir.services.suggestions import first_ferment_entry
from kefir.store import keys

_NAMES = {"#sk": "SK"}


def up(ctx):
    for page in ctx.pages(filter="#sk = :meta AND attribute_not_exists(deleting)",
                          names=_NAMES, values={":meta": keys.BATCH_META_SK}):
        for batch in page:
            events = list(ctx.table.query_all(
                "PK = :pk AND begins_with(SK, :event)", consistent=True,
                values={":pk": batch[keys.PK], ":event": keys.EVENT_PREFIX}))
            entry = first_ferment_entry(batch, events)
            if entry is not None:
                _merge(ctx, batch["owner"], entry)


def _merge(ctx, owner: str, entry: dict) -> None:
    key = keys.timing_key(owner)
    for _ in range(5):
        profile = ctx.table.get(key, consistent=True) or {}
        entries = list(profile.get("entries", []))
        if entry in entries:
            return  # already there: nothing to change
        version = profile.get("version", 0)
        # The condition keeps a profile the app wrote meanwhile: read it again and merge.
        if ctx.put({**key, "entries": with_entry(entries, entry), "version": version + 1},
                   condition="attribute_not_exists(PK) OR version = :seen",
                   values={":seen": version}):
            return
    ctx.log(f"  {owner}: its timing profile kept changing; run the migration again")
