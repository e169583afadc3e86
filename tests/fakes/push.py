"""Expo in memory: a ticket per accepted message, receipts on demand, failures on demand."""
from __future__ import annotations

from kefir.push import MAX_MESSAGES, Message, PushFailed, Ticket


class FakePush:
    """ExpoPush in memory. `requests` holds every send request's messages (failed ones
    too); `ticket_errors` makes Expo answer an error code for a token (for example
    DEVICE_NOT_REGISTERED); `fail_next` makes the next whole requests fail."""

    def __init__(self):
        self.requests: list[list[Message]] = []
        self.accepted: list[Message] = []
        self.ticket_errors: dict[str, str] = {}
        self.receipt_answers: dict[str, str | None] = {}
        self._failures: list[PushFailed] = []
        self._tickets = 0

    def fail_next(self, *, transient: bool = True, times: int = 1) -> None:
        reason = "Expo answered 503" if transient else "Expo answered 400"
        self._failures += [PushFailed(reason, transient=transient)] * times

    def send(self, messages: list[Message]) -> list[Ticket]:
        if len(messages) > MAX_MESSAGES:
            raise ValueError(f"at most {MAX_MESSAGES} messages a request")
        self.requests.append(list(messages))
        if self._failures:
            raise self._failures.pop(0)
        tickets = []
        for message in messages:
            error = self.ticket_errors.get(message.to)
            if error:
                tickets.append(Ticket(None, error))
                continue
            self._tickets += 1
            self.accepted.append(message)
            tickets.append(Ticket(f"ticket-{self._tickets}"))
        return tickets

    def receipts(self, ticket_ids: list[str]) -> dict[str, str | None]:
        return {t: self.receipt_answers[t] for t in ticket_ids if t in self.receipt_answers}
