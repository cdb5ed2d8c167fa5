"""Fill the database with reproducible synthetic data for the benchmarks (idempotent per seed):

    python bench/generate_load.py --provisions 120 --comments 1000000 --organizations 500 [--versions V] [--seed S]

It reads the same environment as manage.py (DATABASE_URL, DEBUG, SECRET_KEY...), refuses sizes
out of bounds, and refuses a database that holds real contributions with DEBUG off unless given
--force. The work is done by bench/load.py."""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=120)
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=200)
    parser.add_argument("--versions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--force", action="store_true", help="allow writing into a database that holds real contributions"
    )
    options = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from bench.load import LoadRefused, generate_load

    try:
        generate_load(**vars(options), out=print)
    except LoadRefused as error:
        parser.exit(1, f"generate_load: {error}\n")


if __name__ == "__main__":
    main()
