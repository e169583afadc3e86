"""Expo push, through exponent-server-sdk 2.2.0.

Wrapped thinly where the SDK falls short: it sends no access token unless given a session
(so we build one, with the headers the SDK would have set), its token check only accepts
`ExponentPushToken[`, and errors surface only from `validate_response()`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import requests
from exponent_server_sdk import (
    DeviceNotRegisteredError,
    MessageRateExceededError,
    PushClient,
    PushMessage,
    PushServerError,
    PushTicket,
    PushTicketError,
)

from kefir.domain.devices import canonical_token

MAX_MESSAGES = 100    # Expo's limit per send request
MAX_RECEIPT_IDS = 1000  # Expo's limit per getReceipts request
DEVICE_NOT_REGISTERED = "DeviceNotRegistered"
RATE_EXCEEDED = "MessageRateExceeded"


@dataclass(frozen=True)
class Message:
    """A push; one without title and body is data-only (nothing is shown, no sound)."""
    to: str
    data: dict
    title: str | None = None
    body: str | None = None
    category_id: str | None = None  # the app's notification category (its action buttons)


@dataclass(frozen=True)
class Ticket:
    """Expo's answer for one message: an id to check later, or an error code."""
    ticket_id: str | None
    error: str | None = None


class PushFailed(Exception):
    """A whole request failed. `transient` (network, 429, 5xx) means try again later."""

    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


class ExpoPush:
    def __init__(self, access_token: Callable[[], str], *, base_url: str | None = None,
                 timeout: float = 10.0):
        self._access_token = access_token
        self._base_url = base_url
        self._timeout = timeout
        self._client: PushClient | None = None
        self._lock = threading.Lock()

    def send(self, messages: list[Message]) -> list[Ticket]:
        """One request with up to 100 messages; a Ticket per message, in order."""
        if len(messages) > MAX_MESSAGES:
            raise ValueError(f"at most {MAX_MESSAGES} messages a request")
        sdk_messages = [PushMessage(to=canonical_token(m.to), title=m.title, body=m.body,
                                    data=m.data, sound="default" if m.body else None,
                                    category=m.category_id)
                        for m in messages]
        tickets = self._call(lambda client: client.publish_multiple(sdk_messages))
        return [_ticket(t) for t in tickets]

    def receipts(self, ticket_ids: list[str]) -> dict[str, str | None]:
        """Receipt per ticket id that Expo has one for: None when delivered, else the error
        code. Ids Expo does not know yet are absent. Up to 1000 ids a request."""
        tickets = [PushTicket(None, PushTicket.SUCCESS_STATUS, "", None, i) for i in ticket_ids]
        receipts = self._call(lambda client: client.check_receipts_multiple(tickets))
        return {r.id: _error_code(r) for r in receipts}

    def _call(self, request):
        try:
            return request(self._sdk())
        except PushServerError as error:
            status = getattr(error.response, "status_code", 0)
            raise PushFailed(f"Expo answered {status}: {error.message}",
                             transient=status == 429 or status >= 500) from None
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            raise PushFailed(f"Expo answered {status}",
                             transient=status == 429 or status >= 500) from None
        except requests.RequestException as error:
            raise PushFailed(f"Expo unreachable: {type(error).__name__}", transient=True) from None

    def _sdk(self) -> PushClient:
        with self._lock:
            if self._client is None:
                session = requests.Session()
                session.headers.update({
                    "accept": "application/json",
                    "accept-encoding": "gzip, deflate",
                    "content-type": "application/json",
                    "Authorization": f"Bearer {self._access_token()}",
                })
                self._client = PushClient(session=session, timeout=self._timeout,
                                          **_host_and_path(self._base_url))
            return self._client


def _host_and_path(base_url: str | None) -> dict:
    """`http://127.0.0.1:8123` or `…/--/api/v2` → the SDK's host and api_url."""
    if not base_url:
        return {}
    parts = urlsplit(base_url)
    host = f"{parts.scheme}://{parts.netloc}"
    return {"host": host, "api_url": parts.path.rstrip("/") or PushClient.DEFAULT_BASE_API_URL}


def _ticket(ticket: PushTicket) -> Ticket:
    error = _error_code(ticket)
    return Ticket(ticket_id=None if error else ticket.id, error=error)


def _error_code(answer) -> str | None:
    try:
        answer.validate_response()
    except DeviceNotRegisteredError:
        return DEVICE_NOT_REGISTERED
    except MessageRateExceededError:
        return RATE_EXCEEDED
    except PushTicketError as error:
        return (answer.details or {}).get("error") or error.message or "error"
    return None
