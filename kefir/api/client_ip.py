"""The caller's IP address, for per-IP limits.

Behind API Gateway, Zappa derives REMOTE_ADDR from X-Forwarded-For (the second-to-last
entry when there are several), which a client can forge by sending its own header. The
address API Gateway itself saw is in the event's request context, which Zappa keeps in
`environ["lambda.event"]`. Outside Lambda (local mode) the socket's peer is the caller.
"""
from __future__ import annotations

from flask import request

UNKNOWN = "unknown"


def client_ip() -> str:
    event = request.environ.get("lambda.event")
    if event is None:
        return request.remote_addr or UNKNOWN
    context = event.get("requestContext") or {}
    # REST API (payload v1) keeps it under identity; HTTP API (v2) under http.
    source = (context.get("identity") or {}).get("sourceIp") or \
        (context.get("http") or {}).get("sourceIp")
    return source or UNKNOWN
