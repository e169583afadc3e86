"""`@operation`: one declaration per endpoint that both parses the request and documents it.

The same schemas that validate a request are the ones `kefir.api.openapi` publishes, so
the OpenAPI document cannot drift from what the code accepts. The view receives plain
values: `user` (when authenticated), `body` and `query` (when declared).

Every path parameter is an id: one that cannot be an id is `404` before authentication
and before any store call.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from flask import request
from marshmallow import Schema

from kefir.domain.ids import looks_like_id
from kefir.errors import AppError, BadRequest, NotFound, ValidationFailed


class UnsupportedMediaType(AppError):
    code = "unsupported_media_type"
    message = "Send the body as application/json."


@dataclass(frozen=True)
class OperationSpec:
    summary: str
    tags: tuple[str, ...]
    auth: bool
    body: type[Schema] | None
    query: type[Schema] | None
    responses: dict = field(default_factory=dict)
    description: str = ""
    headers: tuple[dict, ...] = ()
    optional_body: bool = False


def operation(summary: str, *, tag: str, responses: dict, auth: bool = True,
              body: type[Schema] | None = None, query: type[Schema] | None = None,
              description: str = "", headers: tuple[dict, ...] = (),
              optional_body: bool = False):
    """Declare an endpoint.

    `responses` maps a status to a schema class, a `(schema, description)` pair, a
    `{"content": ...}` dict for non-JSON answers, or None for an empty body.
    `headers` lists extra OpenAPI header parameters (for example Idempotency-Key).
    With `optional_body`, an empty body reads as `{}` (and the document says so).
    """
    spec = OperationSpec(summary, (tag,), auth, body, query, responses, description, headers,
                         optional_body)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(**kwargs):
            if not all(looks_like_id(value) for value in kwargs.values()):
                raise NotFound()
            if auth:
                from kefir.api.guard import authenticate
                kwargs["user"] = authenticate()
            if query is not None:
                kwargs["query"] = query().load(request.args.to_dict())
            if body is not None:
                kwargs["body"] = body().load(json_body(optional=optional_body))
            return view(**kwargs)

        wrapper.openapi = spec
        return wrapper

    return decorate


def json_body(optional: bool = False) -> dict:
    """The request's JSON object, or a 415/400 in the contract's shape."""
    raw = request.get_data(cache=True)
    if optional and not raw:
        return {}
    if request.mimetype != "application/json":
        raise UnsupportedMediaType()
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The body is not valid JSON.") from None
    except RecursionError:
        raise BadRequest(_TOO_DEEP) from None
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    problems = dict(_text_problems(data))
    if problems:
        raise ValidationFailed(details=problems)
    return data


_UNSTORABLE = "Contains a character that cannot be stored (a lone surrogate or NUL)."
_TOO_DEEP = "The body is nested too deeply."
# No request body nests deeper than a few levels; anything deeper is refused before the
# schemas, the idempotency fingerprint or the error handler walk it recursively.
MAX_DEPTH = 32


def _text_problems(data: dict):
    """(field path, [message]) for each string that cannot be stored: JSON's `\\ud800`
    escapes decode to lone surrogates, which have no UTF-8 form, so the table write would
    fail; NUL is refused too, as no name or note needs it and it cuts text short in the
    tools that read exports and logs. BadRequest past MAX_DEPTH. A loop rather than
    recursion: json.loads accepts nesting almost as deep as Python's recursion limit."""
    stack: list[tuple[str, object, int]] = [("", data, 1)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadRequest(_TOO_DEEP)
        if isinstance(value, dict):
            for key, item in value.items():
                if _storable(key):
                    stack.append((f"{path}.{key}" if path else key, item, depth + 1))
                else:
                    yield path or "_body", [_UNSTORABLE]
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), item, depth + 1)
                         for i, item in enumerate(value))
        elif isinstance(value, str) and not _storable(value):
            yield path or "_body", [_UNSTORABLE]


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
