"""Entry point: `python -m specdiff` (see `specdiff.cli`)."""

from specdiff.cli import main

raise SystemExit(main())
