"""Copy each batch's owner onto its events that lack one.

Every event carries its batch's `owner`, so that a page of events proves ownership in the
same round trip (docs/table-design.md). Events written before that rule have none, and a
batch holding one answers 404 to its owner's `GET /batches/{id}/events`. This copies the
owner from the batch item; events whose batch is gone are left for the batch deletion that
removes them, and are only counted.
"""
from kefir.store import keys

_NAMES = {"#owner": "owner"}


def up(ctx):
    owners: dict[str, str | None] = {}
    orphans = 0
    for page in ctx.pages(filter="begins_with(SK, :event) AND attribute_not_exists(#owner)",
                          names=_NAMES, values={":event": keys.EVENT_PREFIX}):
        for event in page:
            pk = event[keys.PK]
            if pk not in owners:
                batch = ctx.table.get({keys.PK: pk, keys.SK: keys.BATCH_META_SK},
                                      consistent=True)
                owners[pk] = batch.get("owner") if batch else None
            if owners[pk] is None:
                orphans += 1
                continue
            # The condition keeps a concurrent write of the owner (or a deletion) intact.
            ctx.update({keys.PK: pk, keys.SK: event[keys.SK]}, "SET #owner = :owner",
                       names=_NAMES, values={":owner": owners[pk]},
                       condition="attribute_exists(PK) AND attribute_not_exists(#owner)")
    if orphans:
        ctx.log(f"  {orphans} events without a batch item left as they are")
