"""CLI: python -m codegen [--spec asyncapi.yaml] [--out generated] [--check]."""

import argparse
import sys
from pathlib import Path

from .build_ir import build_api
from .loader import SpecLoadError, load_spec
from .render import render_all
from .tsbuild import TsBuildError
from .writer import check, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--spec", type=Path, default=Path("asyncapi.yaml"))
    parser.add_argument("--out", type=Path, default=Path("generated"))
    parser.add_argument("--package", default=None, help="Python package name (default: the --out folder's name)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if --out is stale")
    args = parser.parse_args(argv)

    try:
        spec = load_spec(args.spec)
    except (OSError, SpecLoadError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    api, errors = build_api(spec)
    if api is None:
        print(f"{args.spec}: {len(errors)} error(s); nothing was written", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 2
    try:
        files = render_all(api, python_package=args.package or args.out.name)
    except TsBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.check:
        drift = check(files, args.out)
        if drift.clean:
            print(f"{args.out}: up to date ({len(files)} files)")
            return 0
        for rel in drift.stale:
            print(f"stale: {args.out / rel}", file=sys.stderr)
        for rel in drift.orphans:
            print(f"orphan: {args.out / rel}", file=sys.stderr)
        print(drift.diff, file=sys.stderr)
        print("run `make generate` and commit the result", file=sys.stderr)
        return 1
    changed = write(files, args.out)
    print(f"{args.out}: {len(files)} files, {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
