"""What an id can look like (pure), so a path id that cannot be one is refused before any
store call: DynamoDB refuses keys over 2,048 bytes, and a lookup that cannot match costs a
round trip for nothing."""
from __future__ import annotations

import re

# Every id the API issues is URL-safe base64 (batches, events, devices: 22-23 characters;
# reminders: a due time, a dash and 22 more); the range leaves room for new kinds of ids.
ID_ALPHABET_AND_LENGTH = r"^[A-Za-z0-9_-]{16,64}$"
_ID = re.compile(ID_ALPHABET_AND_LENGTH)


def looks_like_id(value: str) -> bool:
    return bool(_ID.fullmatch(value))
