"""Developer tooling that is not part of the app (never packaged into the Lambda zip)."""
