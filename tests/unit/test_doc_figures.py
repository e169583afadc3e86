"""The figures the docs quote are the code's figures.

Each check names one sentence or table row of a doc (a regular expression over its text,
whitespace folded, so line breaks do not matter) and the code's value for the numbers it
captures. A check fails when the figure drifts from the code, and also when its sentence
is gone: then the doc was rewritten, and the check must follow it, not be dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Callable

import pytest

from kefir.api import cors
from kefir.api.errors import MAX_BODY_BYTES
from kefir.config import LOCAL_CORS_ORIGINS, load_settings
from kefir.domain import batches, events, fermentation, reminders
from kefir.domain.devices import MAX_DEVICES, VERIFICATION_DIGITS, VERIFICATION_TTL
from kefir.identity.local import MAX_TRIES
from kefir.identity.provider import CODE_TTL_S
from kefir.photos import DOWNLOAD_EXPIRES_S, MAX_PHOTO_BYTES, UPLOAD_EXPIRES_S, VIEW_EXPIRES_S
from kefir.push import MAX_MESSAGES, MAX_RECEIPT_IDS
from kefir.schemas.common import PageQuery
from kefir.schemas.reminders import ConfirmIn
from kefir.services import archive, suggestions
from kefir.services.auth import TRIES_PER_CODE
from kefir.services.batches import RECENT_EVENTS
from kefir.services.delivery import FAIR_SHARE
from kefir.services.devices import CODES_PER_TOKEN
from kefir.services.export import CHUNK_BYTES
from kefir.services.idempotency import PATIENCE_S
from kefir.services.public import PUBLIC_EVENTS
from kefir.store.accounts import MARKER_CACHE_S
from kefir.store.idempotency import LEASE_S, RECORD_TTL_S
from kefir.store.keys import DUE_SHARDS

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
DEFAULTS = load_settings({})  # the defaults every stage shares, read as local mode does


def minutes(value: timedelta | int) -> int:
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    return int(seconds // 60)


def limits(schema_field) -> tuple:
    rule = schema_field.validators[0]
    return rule.min, rule.max


LIMIT = PageQuery._declared_fields["limit"]
EMAIL_WINDOW_MIN = minutes(DEFAULTS.login_email_window_s)


@dataclass(frozen=True)
class Figure:
    doc: str
    pattern: str
    expected: Callable[[], tuple]

    def __str__(self) -> str:
        return f"{self.doc}: {self.pattern}"


FIGURES = [
    # Due-time shards: the processor reads each once a pass.
    Figure("docs/reminders.md", r"a stable hash of the id mod (\d+), so a busy minute is spread "
           r"over (\d+) partitions", lambda: (DUE_SHARDS, DUE_SHARDS)),
    Figure("docs/table-design.md", r"GSI1SK < <now>\$` on each of (\d+) shards.*?\| (\d+) a page "
           r"\+ 3 per reminder", lambda: (DUE_SHARDS, DUE_SHARDS)),
    Figure("docs/performance.md", r"POST /_local/reminders/run \| – \| (\d+) \| 0 \| an idle pass "
           r"reads each of the (\d+) due-time shards and the (\d+) receipt shards once",
           lambda: (2 * DUE_SHARDS, DUE_SHARDS, DUE_SHARDS)),
    # The processor.
    Figure("docs/reminders.md", r"`lease_until = now \+ (\d+) min`",
           lambda: (minutes(reminders.LEASE),)),
    Figure("docs/reminders.md", r"after (\d+) attempts → `failed`",
           lambda: (reminders.MAX_ATTEMPTS,)),
    Figure("docs/reminders.md", r"exponential backoff \((\d+), (\d+), (\d+), (\d+) min\)",
           lambda: tuple(minutes(reminders.retry_delay(n))
                         for n in range(1, reminders.MAX_ATTEMPTS))),
    Figure("docs/reminders.md", r"up to (\d+) messages per Expo request", lambda: (MAX_MESSAGES,)),
    Figure("docs/reminders.md", r"one Query a page per shard, at most (\d+)\) go to `getReceipts`",
           lambda: (MAX_RECEIPT_IDS,)),
    Figure("docs/reminders.md", r"counts a batch's pending reminders \(at most (\d+), then",
           lambda: (reminders.MAX_PENDING_PER_BATCH,)),
    Figure("docs/reminders.md", r"the user's last (\d+) strained batches",
           lambda: (fermentation.HISTORY_LIMIT,)),
    Figure("docs/reminders.md", r"`w = n / \(n \+ (\d+)\)`", lambda: (fermentation.PRIOR_WEIGHT,)),
    Figure("docs/reminders.md", r"computed on every `GET …/suggestions` from the batch's "
           r"newest (\d+) events", lambda: (suggestions.EVENTS_READ,)),
    # Reads behind each call.
    Figure("docs/table-design.md", r"get a batch with its recent events \| `Query PK=BATCH#id AND "
           r"SK <= META`, descending, `Limit (\d+)`", lambda: (RECENT_EVENTS + 1,)),
    Figure("docs/table-design.md", r"public view of a batch \| `Query PK=BATCH#id AND SK <= META`, "
           r"descending, `Limit (\d+)`", lambda: (PUBLIC_EVENTS + 1,)),
    Figure("docs/table-design.md", r"reminder suggestions \| `Query PK=BATCH#id AND SK <= META`, "
           r"descending, `Limit (\d+)`;", lambda: (suggestions.EVENTS_READ + 1,)),
    Figure("docs/table-design.md", r"local login code .*?tries; (\d+) min TTL",
           lambda: (minutes(CODE_TTL_S),)),
    # Your account and your data.
    Figure("docs/api.md", r"a deletion marker, which it caches for (\d+) seconds per user",
           lambda: (int(MARKER_CACHE_S),)),
    Figure("docs/api.md", r"`status` is `pending`, `ready` or `failed` \(after (\d+) builds",
           lambda: (archive.MAX_ATTEMPTS,)),
    Figure("docs/api.md", r"made for that answer and valid (\d+) hour \(`expires_at`\)",
           lambda: (archive.LINK_LIFETIME // timedelta(hours=1),)),
    Figure("docs/api.md", r"The archive is kept (\d+) days", lambda: (archive.KEEP.days,)),
    Figure("docs/privacy.md", r"after its (\d+)-minute claim expires",
           lambda: (minutes(reminders.LEASE),)),
    # The HTTP contract.
    Figure("docs/api.md", r"\| 413 \| `payload_too_large` \| the body is over (\d+) KiB",
           lambda: (MAX_BODY_BYTES // 1024,)),
    Figure("docs/api.md", r"`\?limit=` \((\d+)–(\d+), default (\d+)\)",
           lambda: (*limits(LIMIT), LIMIT.load_default)),
    Figure("docs/api.md", r"within (\d+) hours answers the first answer again",
           lambda: (RECORD_TTL_S // 3600,)),
    Figure("docs/api.md", r"A duplicate waits up to (\d+) s for the first answer",
           lambda: (PATIENCE_S,)),
    Figure("docs/api.md", r"holds the key for (\d+) s", lambda: (LEASE_S,)),
    Figure("docs/api.md", r"`Access-Control-Max-Age: (\d+)`", lambda: (cors.PREFLIGHT_MAX_AGE_S,)),
    Figure("docs/api.md", r"Local mode allows `http://localhost:(\d+)` \(Expo's web dev server\) "
           r"and `http://localhost:(\d+)`",
           lambda: tuple(int(o.rsplit(":", 1)[1]) for o in LOCAL_CORS_ORIGINS)),
    Figure("docs/api.md", r"`202 \{\"session\", \"expires_in\": (\d+), \"delivery\": \"email\"\}`",
           lambda: (CODE_TTL_S,)),
    Figure("docs/api.md", r"a session and its code last (\d+) seconds", lambda: (CODE_TTL_S,)),
    Figure("docs/api.md", r"after (\d+) answers to one session `429 rate_limited`",
           lambda: (TRIES_PER_CODE,)),
    Figure("docs/api.md", r"\| login codes per client IP \| (\d+) per hour",
           lambda: (DEFAULTS.login_max_per_ip, DEFAULTS.login_ip_window_s == 3600)),
    Figure("docs/api.md", r"\| login codes per email \| (\d+) per (\d+) minutes",
           lambda: (DEFAULTS.login_max_per_email, EMAIL_WINDOW_MIN)),
    Figure("docs/api.md", r"\| answers to `verify` per client IP, right or wrong \| (\d+) per hour",
           lambda: (DEFAULTS.verify_max_per_ip, DEFAULTS.verify_ip_window_s == 3600)),
    Figure("docs/api.md", r"\| wrong codes per email, counted only for sessions really started "
           r"for that email \| (\d+) per code the email may ask for \((\d+) per (\d+) minutes\)",
           lambda: (TRIES_PER_CODE, TRIES_PER_CODE * DEFAULTS.login_max_per_email,
                    EMAIL_WINDOW_MIN)),
    Figure("docs/api.md", r"once it is spent \((\d+) wrong codes in (\d+) minutes by default\)",
           lambda: (TRIES_PER_CODE * DEFAULTS.login_max_per_email, EMAIL_WINDOW_MIN)),
    Figure("docs/api.md", r"\| answers per session \(per code\) \| (\d+) \|",
           lambda: (TRIES_PER_CODE, MAX_TRIES == TRIES_PER_CODE)),
    Figure("docs/api.md", r"An account holds at most (\d+) devices", lambda: (MAX_DEVICES,)),
    Figure("docs/api.md", r"the code is (\d+) digits and lasts (\d+) minutes",
           lambda: (VERIFICATION_DIGITS, minutes(VERIFICATION_TTL))),
    Figure("docs/api.md", r"at most (\d+) codes an hour to one token",
           lambda: (CODES_PER_TOKEN.max_hits, CODES_PER_TOKEN.window_s == 3600)),
    Figure("docs/api.md", r"A pass sends at most (\d+) reminders of one owner",
           lambda: (FAIR_SHARE,)),
    Figure("docs/api.md", r"\| `name` \| 1–(\d+) characters", lambda: (batches.NAME_MAX,)),
    Figure("docs/api.md", r"\| `grains_g`, `sugar_g` \| 0–([\d ]+) \|",
           lambda: (batches.GRAINS_G_MAX, batches.SUGAR_G_MAX == batches.GRAINS_G_MAX)),
    Figure("docs/api.md", r"\| `liquid_ml` \| 0–([\d ]+) \|", lambda: (batches.LIQUID_ML_MAX,)),
    Figure("docs/api.md", r"\| `temperature_c` \| (−\d+) to (\d+) \|",
           lambda: batches.TEMPERATURE_RANGE),
    Figure("docs/api.md", r"\| `target_hours` \| more than 0, at most (\d+) \|",
           lambda: (batches.TARGET_HOURS_MAX,)),
    Figure("docs/api.md", r"\| `notes` \| at most (\d+) characters \|",
           lambda: (batches.NOTES_MAX,)),
    Figure("docs/api.md", r"with `\"recent_events\"` \(its (\d+) newest events",
           lambda: (RECENT_EVENTS,)),
    Figure("docs/api.md", r"\| `tasted` \| `rating`, a whole number (\d+)–(\d+) \|",
           lambda: events.RATING_RANGE),
    Figure("docs/api.md", r"\| `temperature` \| `temperature_c`, (−\d+) to (\d+) \|",
           lambda: batches.TEMPERATURE_RANGE),
    Figure("docs/api.md", r"\| `ph` \| `ph`, (\d+)–(\d+) \|", lambda: events.PH_RANGE),
    Figure("docs/api.md", r"Every type may carry a `note` \((\d+)–(\d+) characters\)",
           lambda: (1, events.NOTE_MAX)),
    Figure("docs/api.md", r"but not more than (\d+) minutes ahead",
           lambda: (minutes(events.MAX_AHEAD),)),
    Figure("docs/api.md", r"\"fields\"\}, \"expires_in\": (\d+)\}`", lambda: (UPLOAD_EXPIRES_S,)),
    Figure("docs/api.md", r"`size_bytes` is 1 to (\d+) MiB \(([\d ]+)\)",
           lambda: (MAX_PHOTO_BYTES // MIB, MAX_PHOTO_BYTES)),
    Figure("docs/api.md", r"and an expiry (\d+) minutes ahead",
           lambda: (minutes(UPLOAD_EXPIRES_S),)),
    Figure("docs/api.md", r"presigned links that last (an hour)", lambda: (VIEW_EXPIRES_S,)),
    Figure("docs/api.md", r"\(1–(\d+) items\) → `201",
           lambda: (limits(ConfirmIn._declared_fields["items"])[1],)),
    Figure("docs/api.md", r"at most (\d+) days ahead, and a batch holds at most (\d+) pending",
           lambda: (reminders.MAX_AHEAD.days, reminders.MAX_PENDING_PER_BATCH)),
    Figure("docs/api.md", r"`failed` after (\d+) attempts", lambda: (reminders.MAX_ATTEMPTS,)),
    Figure("docs/api.md", r"written to a temporary file in (\d+) KiB pieces",
           lambda: (CHUNK_BYTES // 1024,)),
    Figure("docs/api.md", r"`KEFIR_EXPORT_INLINE_MAX_BYTES` \((\d+) MiB\)",
           lambda: (DEFAULTS.export_inline_max_bytes // MIB,)),
    Figure("docs/api.md", r"a download link that lasts (\d+) minutes",
           lambda: (minutes(DOWNLOAD_EXPIRES_S),)),
    Figure("docs/api.md", r"the (\d+) newest events as `type`, `at`", lambda: (PUBLIC_EVENTS,)),
    # Sign-in, as the other docs tell it.
    Figure("docs/auth.md", r"\"expires_in\": (\d+), \"delivery\": \"email\"",
           lambda: (CODE_TTL_S,)),
    Figure("docs/auth.md", r"stored only as an HMAC .*? with a (\d+)-minute `expires_at`",
           lambda: (minutes(CODE_TTL_S),)),
    Figure("docs/auth.md", r"guesses cannot exceed (\d+);", lambda: (MAX_TRIES,)),
    Figure("docs/auth.md", r"a code allows at most (\d+) answers", lambda: (TRIES_PER_CODE,)),
    Figure("docs/frontend.md", r"Lists take `\?limit=` \(default (\d+), max (\d+)\)",
           lambda: (LIMIT.load_default, limits(LIMIT)[1])),
    Figure("docs/frontend.md", r"at most (\d+) answers per code", lambda: (TRIES_PER_CODE,)),
    Figure("docs/frontend.md", r"\"fields\"\}, \"expires_in\": (\d+)\}`",
           lambda: (UPLOAD_EXPIRES_S,)),
    Figure("docs/frontend.md", r"and the form expires after (\d+) minutes",
           lambda: (minutes(UPLOAD_EXPIRES_S),)),
    Figure("README.md", r"\"expires_in\":(\d+),\"delivery\":\"email\"", lambda: (CODE_TTL_S,)),
    Figure("README.md", r"answers the tokens \(within (\d+) minutes; at most (\d+) wrong "
           r"tries\)", lambda: (minutes(CODE_TTL_S), MAX_TRIES)),
    Figure("README.md", r"\| `KEFIR_LOGIN_MAX_PER_EMAIL` / `KEFIR_LOGIN_EMAIL_WINDOW_S` \|[^|]*\| "
           r"(\d+) per (\d+) s \|",
           lambda: (DEFAULTS.login_max_per_email, DEFAULTS.login_email_window_s)),
    Figure("README.md", r"\| `KEFIR_LOGIN_MAX_PER_IP` / `KEFIR_LOGIN_IP_WINDOW_S` \|[^|]*\| "
           r"(\d+) per (\d+) s \|",
           lambda: (DEFAULTS.login_max_per_ip, DEFAULTS.login_ip_window_s)),
    Figure("README.md", r"\| `KEFIR_VERIFY_MAX_PER_IP` / `KEFIR_VERIFY_IP_WINDOW_S` \|[^|]*\| "
           r"(\d+) per (\d+) s \|",
           lambda: (DEFAULTS.verify_max_per_ip, DEFAULTS.verify_ip_window_s)),
    Figure("README.md", r"\| `KEFIR_EXPORT_INLINE_MAX_BYTES` \|[^|]*\| (\d+) \((\d+) MiB\) \|",
           lambda: (DEFAULTS.export_inline_max_bytes, DEFAULTS.export_inline_max_bytes // MIB)),
    Figure("README.md", r"\| `KEFIR_CORS_ORIGINS` \|[^|]*\| `([^`]+)` \|",
           lambda: (",".join(LOCAL_CORS_ORIGINS),)),
    Figure(".env.example", r"# Login codes per email per window \(default (\d+) per (\d+) s\)",
           lambda: (DEFAULTS.login_max_per_email, DEFAULTS.login_email_window_s)),
    Figure(".env.example", r"# Login codes per client IP per window \(default (\d+) per (\d+) s",
           lambda: (DEFAULTS.login_max_per_ip, DEFAULTS.login_ip_window_s)),
    Figure(".env.example", r"instead of inline \(default (\d+) MiB;",
           lambda: (DEFAULTS.export_inline_max_bytes // MIB,)),
    Figure(".env.example", r"Local mode allows Expo's # web dev servers, (\S+) and (\S+);",
           lambda: LOCAL_CORS_ORIGINS),
    # The generated OpenAPI document carries some figures in its descriptions.
    Figure("docs/openapi.json", r"The export is larger than (\d+) MiB",
           lambda: (DEFAULTS.export_inline_max_bytes // MIB,)),
    Figure("docs/openapi.json", r"At most (\d+) answers per session", lambda: (TRIES_PER_CODE,)),
    Figure("docs/openapi.json", r"`size_bytes` \((\d+) MiB at most\)",
           lambda: (MAX_PHOTO_BYTES // MIB,)),
    Figure("docs/openapi.json", r"within (\d+) days, and a batch holds at most (\d+) pending",
           lambda: (reminders.MAX_AHEAD.days, reminders.MAX_PENDING_PER_BATCH)),
]

_WORDS = {"an hour": 3600}


def folded(doc: str) -> str:
    return re.sub(r"\s+", " ", (ROOT / doc).read_text())


def value(text: str):
    if text in _WORDS:
        return _WORDS[text]
    if re.fullmatch(r"[−-]?[\d ]+", text):
        return int(text.replace(" ", "").replace("−", "-"))
    return text


@pytest.mark.parametrize("figure", FIGURES, ids=str)
def test_the_doc_quotes_the_code(figure):
    found = re.findall(figure.pattern, folded(figure.doc))
    assert found, (f"{figure.doc} no longer has the sentence this check reads; if it was "
                   "rewritten, point the check at the new sentence")
    expected = tuple(e for e in figure.expected() if not isinstance(e, bool))
    assert all(e for e in figure.expected() if isinstance(e, bool)), \
        "the doc's wording assumes a value the code no longer has"
    for match in found:
        quoted = tuple(value(t) for t in (match if isinstance(match, tuple) else (match,)))
        assert quoted == expected, f"{figure.doc} says {quoted}, the code {expected}"


def test_every_mention_of_the_answer_cap_names_the_same_size():
    """Lambda caps a synchronous answer at 6 MB (API Gateway's own limit is 10 MB, never
    reached); every doc, comment and description says the same."""
    paths = [ROOT / "README.md", ROOT / ".env.example", ROOT / "docs" / "openapi.json",
             *(ROOT / "docs").glob("*.md"), *(ROOT / "kefir").rglob("*.py")]
    caps = [int(m) for path in paths
            for m in re.findall(r"\bcap(?:s|ped)?\b[^.]{0,40}?\b(?:near|at) (\d+) MB",
                                folded(path.relative_to(ROOT).as_posix()))]
    assert len(caps) >= 4, "the check no longer finds the mentions"
    assert set(caps) == {6}
