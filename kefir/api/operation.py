"""`@operation`: one declaration per endpoint that both parses the request and documents it.

The same schemas that validate a request are the ones `kefir.api.openapi` publishes, so
the OpenAPI document cannot drift from what the code accepts. The view receives plain
values: `user` (when authenticated), `body` and `query` (when declared).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from flask import request
from marshmallow import Schema

from kefir.errors import AppError, BadRequest


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
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data
