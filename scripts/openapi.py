"""Write or check docs/openapi.json, the OpenAPI document the code generates.

    python scripts/openapi.py          # rewrite docs/openapi.json
    python scripts/openapi.py --check  # exit 1 if the committed document is stale
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kefir import create_app
from kefir.api.openapi import build_spec
from kefir.config import Settings

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"

# Building the document touches no AWS service, so placeholder settings are enough.
_OFFLINE = Settings(stage="dev", region="us-east-1", table_name="-", photo_bucket="-",
                    user_pool_id="-", user_pool_client_id="-", signing_key_secret="-",
                    expo_token_secret="-", public_base_url="https://example.invalid")


def render() -> str:
    return json.dumps(build_spec(create_app(_OFFLINE)), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    current = render()
    if "--check" in argv:
        if not DOCUMENT.exists() or DOCUMENT.read_text() != current:
            print("docs/openapi.json is not what the code generates; run `make openapi`.")
            return 1
        print("docs/openapi.json matches the code.")
        return 0
    DOCUMENT.write_text(current)
    print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
