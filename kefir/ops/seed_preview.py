"""`make seed`'s dry run: what a seed run would add to a stage, read without writing."""
from __future__ import annotations

from datetime import datetime, timedelta

from kefir.clock import parse_iso, to_iso, utcnow
from kefir.ops.migrations import Echo
from kefir.ops.seed_plan import PLAN, PlannedBatch, PlannedUser
from kefir.wiring import Wiring


def preview(wiring: Wiring, *, plan: tuple[PlannedUser, ...] = PLAN,
            now: datetime | None = None, echo: Echo = print) -> int:
    """Print, per user and batch of the plan, what a seed run would create; return how
    many users, batches and events are missing in all."""
    now = now or utcnow()
    missing = 0
    for user in plan:
        user_id = _user_id(wiring, user.email)
        if user_id is None:
            events = sum(_due(b, now - timedelta(days=b.days_ago), now) for b in user.batches)
            echo(f"{user.email}: would create the user, {len(user.devices)} devices, "
                 f"{len(user.batches)} batches and {events} events")
            missing += 1 + len(user.batches) + events
            continue
        echo(f"{user.email} ({user_id}): exists")
        existing = {b["name"]: b for b in wiring.batches.all_for_owner(user_id)}
        for planned in user.batches:
            missing += _preview_batch(wiring, planned, existing.get(planned.name), now, echo)
    return missing


def _preview_batch(wiring: Wiring, planned: PlannedBatch, batch: dict | None,
                   now: datetime, echo: Echo) -> int:
    if batch is None:
        events = _due(planned, now - timedelta(days=planned.days_ago), now)
        echo(f"  {planned.name}: would create the batch and {events} events")
        return 1 + events
    have = {(e["type"], e["at"]) for e in wiring.batches.all_events(batch["batch_id"])}
    start = parse_iso(batch["started_at"])
    absent = sum((e.type, to_iso(start + timedelta(hours=e.hours))) not in have
                 for e in planned.events if start + timedelta(hours=e.hours) <= now)
    echo(f"  {planned.name}: would add {absent} events, {len(have)} already there")
    return absent


def _due(planned: PlannedBatch, start: datetime, now: datetime) -> int:
    """Events of the plan whose time has come (a seed run never writes future ones)."""
    return sum(start + timedelta(hours=e.hours) <= now for e in planned.events)


def _user_id(wiring: Wiring, email: str) -> str | None:
    cognito = wiring.aws.cognito
    try:
        user = cognito.admin_get_user(UserPoolId=wiring.settings.user_pool_id, Username=email)
    except cognito.exceptions.UserNotFoundException:
        return None
    return next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")
