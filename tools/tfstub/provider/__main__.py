"""python -m tools.tfstub.provider aws|random: what the mirror's launchers run."""

import sys

from .server import serve

if __name__ == "__main__":
    serve(sys.argv[1])
