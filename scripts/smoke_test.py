"""GET <base>/health on a deployed stage until it answers 200 {"status": "ok"}.

A fresh deployment or a new domain can answer 5xx or not resolve for a little
while, so each URL gets a few tries before the deploy is declared broken.
"""

import json
import sys
import time
import urllib.error
import urllib.request

TRIES = 12
PAUSE_SECONDS = 10


def healthy(base_url: str) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(f"{base_url.rstrip('/')}/health", timeout=10) as response:
            body = json.loads(response.read())
            return response.status == 200 and body.get(
                "status"
            ) == "ok", f"{response.status} {body}"
    except (urllib.error.URLError, ValueError, OSError) as error:
        return False, str(error)


def main(urls: list[str]) -> int:
    for url in urls:
        for attempt in range(1, TRIES + 1):
            ok, detail = healthy(url)
            if ok:
                print(f"{url}/health: {detail}")
                break
            if attempt == TRIES:
                print(f"{url}/health never answered 200 ok; last answer: {detail}", file=sys.stderr)
                return 1
            time.sleep(PAUSE_SECONDS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
