"""A thin adapter over the DynamoDB client for the single table.

It hides boto3's wire format, turns `ClientError` into the app's own exceptions, and
treats items whose `expires_at` has passed as absent: DynamoDB deletes expired items
lazily (up to days later) and the emulator never does.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import BotoCoreError, ClientError

from kefir.clock import epoch_seconds
from kefir.errors import ConditionFailed, ServiceUnavailable
from kefir.store.schema import TTL_ATTRIBUTE

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

_UNAVAILABLE = {
    "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
    "InternalServerError", "ServiceUnavailable", "LimitExceededException",
}
_TRANSACTION_RETRIES = 6


@dataclass(frozen=True)
class Page:
    items: list[dict]
    last_key: dict | None


def to_wire(item: dict) -> dict:
    return {k: _serializer.serialize(_plain_to_dynamo(v)) for k, v in item.items() if v is not None}


def from_wire(item: dict) -> dict:
    return {k: _dynamo_to_plain(_deserializer.deserialize(v)) for k, v in item.items()}


class Table:
    def __init__(self, client, name: str, now: Callable[[], float] = time.time):
        self.client = client
        self.name = name
        self._now = now

    def get(self, key: dict, *, consistent: bool = False) -> dict | None:
        response = self._call("get_item", TableName=self.name, Key=to_wire(key),
                              ConsistentRead=consistent)
        item = response.get("Item")
        return self._live(from_wire(item)) if item else None

    def put(self, item: dict, *, condition: str | None = None, names: dict | None = None,
            values: dict | None = None) -> None:
        self._call("put_item", TableName=self.name, Item=to_wire(item),
                   **_condition_args(condition, names, values))

    def update(self, key: dict, expression: str, *, names: dict | None = None,
               values: dict | None = None, condition: str | None = None) -> dict:
        """Apply an update expression and return the item as it is afterwards."""
        response = self._call(
            "update_item", TableName=self.name, Key=to_wire(key), UpdateExpression=expression,
            ReturnValues="ALL_NEW", **_condition_args(condition, names, values))
        return from_wire(response["Attributes"])

    def delete(self, key: dict, *, condition: str | None = None, names: dict | None = None,
               values: dict | None = None) -> None:
        self._call("delete_item", TableName=self.name, Key=to_wire(key),
                   **_condition_args(condition, names, values))

    def query(self, key_condition: str, *, names: dict | None = None, values: dict | None = None,
              index: str | None = None, forward: bool = True, limit: int | None = None,
              start_key: dict | None = None, filter: str | None = None,
              consistent: bool = False) -> Page:
        return self._page("query", {
            "KeyConditionExpression": key_condition, "ScanIndexForward": forward,
            "IndexName": index,
            # A GSI cannot be read consistently; the base table can.
            "ConsistentRead": (consistent and not index) or None,
        }, limit=limit, start_key=start_key, filter=filter, names=names, values=values)

    def query_all(self, key_condition: str, **kwargs) -> Iterable[dict]:
        """Yield every item of a query, one page (one round trip) at a time."""
        start_key = None
        while True:
            page = self.query(key_condition, start_key=start_key, **kwargs)
            yield from page.items
            if page.last_key is None:
                return
            start_key = page.last_key

    def scan(self, *, limit: int | None = None, start_key: dict | None = None,
             filter: str | None = None, names: dict | None = None,
             values: dict | None = None) -> Page:
        """One page of a Scan over the whole table.

        Never on a request path: only offline operator tools (migrations, cleanup) scan,
        one page at a time, and they can resume from the page's `last_key`.
        """
        return self._page("scan", {"ConsistentRead": True}, limit=limit, start_key=start_key,
                          filter=filter, names=names, values=values)

    def _page(self, operation: str, kwargs: dict, *, limit, start_key, filter, names,
              values) -> Page:
        """One Query or Scan round trip, with expired items left out of the page."""
        kwargs = {**kwargs, "TableName": self.name, "Limit": limit or None,
                  "ExclusiveStartKey": to_wire(start_key) if start_key else None,
                  "FilterExpression": filter, "ExpressionAttributeNames": names or None,
                  "ExpressionAttributeValues": to_wire(values) if values else None}
        response = self._call(operation, **{k: v for k, v in kwargs.items() if v is not None})
        items = [self._live(from_wire(i)) for i in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return Page([i for i in items if i is not None], from_wire(last) if last else None)

    def transact(self, operations: list[dict]) -> None:
        """Write all operations or none.

        Each operation is `{"Put"|"Update"|"Delete"|"ConditionCheck": {...}}` in plain
        values; TableName and the wire format are filled in here. A conflict with a
        concurrent transaction on the same item is retried with jitter, because DynamoDB
        cancels rather than queues such transactions.
        """
        items = [_transact_item(self.name, op) for op in operations]
        for attempt in range(_TRANSACTION_RETRIES):
            try:
                self._call("transact_write_items", TransactItems=items)
                return
            except _TransactionConflict:
                time.sleep(random.uniform(0, 0.02 * 2 ** attempt))
        raise ServiceUnavailable("The table is busy; try again shortly.", retry_after=1)

    def batch_delete(self, keys: list[dict]) -> None:
        self._batch_write([{"DeleteRequest": {"Key": to_wire(k)}} for k in keys])

    def batch_put(self, items: list[dict]) -> None:
        """Put many unconditional items, 25 a request (BatchWriteItem's limit)."""
        self._batch_write([{"PutRequest": {"Item": to_wire(i)}} for i in items])

    def _batch_write(self, requests: list[dict]) -> None:
        for start in range(0, len(requests), 25):
            pending = {self.name: requests[start:start + 25]}
            for attempt in range(_TRANSACTION_RETRIES):
                response = self._call("batch_write_item", RequestItems=pending)
                pending = response.get("UnprocessedItems") or {}
                if not pending:
                    break
                time.sleep(random.uniform(0, 0.05 * 2 ** attempt))
            else:
                raise ServiceUnavailable("The table is busy; try again shortly.", retry_after=1)

    def _live(self, item: dict) -> dict | None:
        expires_at = item.get(TTL_ATTRIBUTE)
        if expires_at is not None and expires_at <= epoch_seconds(self._now()):
            return None
        return item

    def _call(self, operation: str, **kwargs) -> dict:
        try:
            return getattr(self.client, operation)(**kwargs)
        except ClientError as error:
            raise _translate(error) from error
        except BotoCoreError as error:
            raise ServiceUnavailable(retry_after=1) from error


class _TransactionConflict(Exception):
    pass


def _translate(error: ClientError) -> Exception:
    code = error.response.get("Error", {}).get("Code", "")
    if code == "ConditionalCheckFailedException":
        return ConditionFailed()
    if code == "TransactionCanceledException":
        reasons = [r.get("Code") for r in error.response.get("CancellationReasons", [])]
        if "ConditionalCheckFailed" in reasons:
            return ConditionFailed(reasons)
        if "TransactionConflict" in reasons:
            return _TransactionConflict()
        if "ThrottlingError" in reasons or "ProvisionedThroughputExceeded" in reasons:
            return ServiceUnavailable(retry_after=1)
    if code == "TransactionConflictException":
        return _TransactionConflict()
    if code in _UNAVAILABLE:
        return ServiceUnavailable(retry_after=1)
    return error


def _condition_args(condition, names, values) -> dict:
    kwargs: dict[str, Any] = {}
    if condition:
        kwargs["ConditionExpression"] = condition
    if names:
        kwargs["ExpressionAttributeNames"] = names
    if values:
        kwargs["ExpressionAttributeValues"] = to_wire(values)
    return kwargs


def _transact_item(table_name: str, operation: dict) -> dict:
    (kind, body), = operation.items()
    wire = {"TableName": table_name}
    for field, value in body.items():
        if field in ("Item", "Key", "ExpressionAttributeValues"):
            wire[field] = to_wire(value)
        else:
            wire[field] = value
    return {kind: wire}


def _plain_to_dynamo(value):
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _plain_to_dynamo(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_to_dynamo(v) for v in value]
    return value


def _dynamo_to_plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _dynamo_to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dynamo_to_plain(v) for v in value]
    if isinstance(value, set):
        return {_dynamo_to_plain(v) for v in value}
    return value
