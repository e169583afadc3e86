"""What moto's DynamoDB needs to keep DynamoDB's guarantees under concurrent requests.

moto serves requests on threads but its DynamoDB is not safe across them:
- a read of a missing key adds an empty entry to the table's dicts, while a transaction
  deep-copies the whole table for its rollback ("dictionary changed size during
  iteration", a 500);
- a cancelled transaction rolls back by putting that copy in place of the table, undoing
  whatever other requests wrote meanwhile;
- a conditional write checks its condition, then writes, with no lock between.
At 1,000 parallel device registrations, 451 answered 500 and writes reported as failed
had happened. So the emulator handles one DynamoDB request at a time, reads included:
DynamoDB makes each item operation and each transaction atomic, and the app relies on it.

Serialised, the rollback copy becomes the bottleneck: it copies every item of the table
for every transaction (87 ms at 100 items, 430 ms at 1,000, measured in local mode).
Under the lock, a copy of just the items a transaction names is enough to undo it.
"""
from __future__ import annotations

import copy
import threading
import types

_lock = threading.Lock()


def one_request_at_a_time(app):
    """Wrap moto's WSGI app so DynamoDB requests run one at a time; others stay parallel."""
    def serialised(environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return app(environ, start_response)
        with _lock:
            result = app(environ, start_response)
            try:
                return list(result)  # the body is produced inside the lock too
            finally:
                getattr(result, "close", lambda: None)()
    return serialised


def cheap_transaction_rollback() -> None:
    """Replace moto's whole-table rollback copy with a copy of the items a transaction
    names. Only correct while DynamoDB requests are serialised (`one_request_at_a_time`)."""
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    backend = models.DynamoDBBackend
    if getattr(backend, "_kefir_cheap_rollback", False):
        return
    whole_table_copy = backend.transact_write_items

    def transact_write_items(self, transact_items):
        saved = [_saved_item(self, item) for item in transact_items]
        try:
            return whole_table_copy(self, transact_items)
        except Exception:
            for table, key, original in reversed([s for s in saved if s]):
                _restore(table, key, original)
            raise

    # moto's module calls copy.deepcopy(table) for its rollback: hand it the table itself
    # (its own restore then puts back the same object), and undo from `saved` instead.
    models.copy = types.SimpleNamespace(
        deepcopy=lambda value, memo=None: value if isinstance(value, Table)
        else copy.deepcopy(value, memo))
    backend.transact_write_items = transact_write_items
    backend._kefir_cheap_rollback = True


def _saved_item(backend, transact_item: dict):
    """(table, key, a copy of the item or None) for one operation of a transaction."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    try:
        (_, operation), = transact_item.items()
        table = backend.tables[operation["TableName"]]
        source = operation.get("Key") or operation["Item"]
        hash_key = DynamoType(source[table.hash_key_attr])
        range_key = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    except (KeyError, TypeError, ValueError):
        return None  # malformed: moto refuses it before anything is written
    return table, (hash_key, range_key), copy.deepcopy(table.get_item(hash_key, range_key))


def _restore(table, key, original) -> None:
    hash_key, range_key = key
    if original is None:
        table.delete_item(hash_key, range_key)
    elif range_key is None:
        table.items[hash_key] = original
    else:
        table.items[hash_key][range_key] = original
