"""The OpenAPI 3 document, generated with apispec from every `@operation` in the app."""
from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

import kefir
from kefir.api.errors import MAX_BODY_BYTES
from kefir.domain.ids import ID_ALPHABET_AND_LENGTH
from kefir.schemas.common import Error

_PATH_PARAM = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")

_ERROR_DESCRIPTIONS = {
    400: "Malformed JSON, or an invalid cursor.",
    401: "Missing, invalid or expired access token.",
    404: "Not found (or not yours).",
    413: f"Body over {MAX_BODY_BYTES // 1024} KiB.",
    415: "Body is not application/json.",
    422: "Validation failed; `details` maps each field to its messages.",
    429: "Rate limited; see Retry-After.",
    500: "Unexpected error.",
    503: "A dependency is unavailable; see Retry-After.",
}


def build_spec(app: Flask) -> dict:
    spec = APISpec(
        title="BubbleBatch API",
        version=kefir.__version__,
        openapi_version="3.0.3",
        info={"description": "Track milk and water kefir batches, get reminded at the right "
                             "moment, share a batch, export everything as CSV."},
        plugins=[MarshmallowPlugin()],
    )
    spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                       "description": "A Cognito access token from /auth/verify."})
    spec.components.schema("Error", schema=Error)
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        meta = getattr(view, "openapi", None)
        if meta is None:
            continue
        paths.setdefault(_PATH_PARAM.sub(r"{\1}", rule.rule), {}).update({
            method.lower(): (_operation(meta, rule), meta)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
        })
    _add_links(paths)
    for path, operations in paths.items():
        spec.path(path=path, operations={m: op for m, (op, _) in operations.items()})
    return spec.to_dict()


def _add_links(paths: dict[str, dict]) -> None:
    """OpenAPI links from each operation that creates a resource to the operations under
    it: POST /batches answers a `batch_id`, so every `/batches/{batch_id}...` operation is
    reachable with `$response.body#/batch_id` (clients and stateful fuzzers follow them)."""
    for source_path, operations in paths.items():
        for op, meta in operations.values():
            for status, answer in meta.responses.items():
                fields = _response_fields(answer)
                if not 200 <= int(status) < 300 or not fields:
                    continue
                links = {}
                for target_path, targets in paths.items():
                    created = _created_parameter(source_path, target_path)
                    if created not in fields:
                        continue
                    for target, _ in targets.values():
                        links[target["operationId"]] = {
                            "operationId": target["operationId"],
                            "parameters": {
                                name: (f"$response.body#/{name}" if name == created
                                       else f"$request.path.{name}")
                                for name in _TEMPLATE_PARAM.findall(target_path)}}
                if links:
                    op["responses"][str(status)]["links"] = links


_TEMPLATE_PARAM = re.compile(r"{([a-z_]+)}")


def _created_parameter(source_path: str, target_path: str) -> str | None:
    """`batch_id` for /batches -> /batches/{batch_id}/events; None if not beneath it."""
    rest = target_path[len(source_path):] if target_path.startswith(source_path + "/") else ""
    match = re.match(r"/{([a-z_]+)}", rest)
    return match.group(1) if match else None


def _response_fields(answer) -> set[str]:
    schema = answer[0] if isinstance(answer, tuple) else answer
    if isinstance(schema, type) and issubclass(schema, Schema):
        return set(schema._declared_fields)
    return set()


def _operation(meta, rule) -> dict:
    op: dict = {"summary": meta.summary, "tags": list(meta.tags), "operationId": rule.endpoint,
                "responses": {}}
    if meta.description:
        op["description"] = meta.description
    parameters = [
        {"in": "path", "name": name, "required": True,
         "schema": {"type": "string", "pattern": ID_ALPHABET_AND_LENGTH},
         "description": "An id as the API issued it; anything else is `404`."}
        for name in _PATH_PARAM.findall(rule.rule)
    ]
    if meta.query is not None:
        parameters.append({"in": "query", "schema": meta.query})
    parameters.extend(meta.headers)
    if parameters:
        op["parameters"] = parameters
    if meta.body is not None:
        op["requestBody"] = {"required": not meta.optional_body,
                             "content": {"application/json": {"schema": meta.body}}}
    if meta.auth:
        op["security"] = [{"bearerAuth": []}]
    for status, answer in meta.responses.items():
        op["responses"][str(status)] = _response(answer)
    for status in _error_statuses(meta, rule):
        op["responses"].setdefault(str(status), {
            "description": _ERROR_DESCRIPTIONS[status],
            "content": {"application/json": {"schema": "Error"}},
        })
    return op


def _response(answer) -> dict:
    if answer is None:
        return {"description": "No content."}
    if isinstance(answer, dict):
        return answer
    schema, description = answer if isinstance(answer, tuple) else (answer, "Success.")
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error_statuses(meta, rule) -> list[int]:
    statuses = []
    if meta.body is not None or meta.query is not None:
        statuses += [400, 422]
    if meta.body is not None:
        statuses += [413, 415]
    if meta.auth:
        statuses.append(401)
    if "<" in rule.rule:
        statuses.append(404)
    return statuses + [500, 503]
