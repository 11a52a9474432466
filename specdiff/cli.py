"""`python -m specdiff --base REF [--spec asyncapi.yaml]` or `python -m specdiff OLD NEW`.

Exit codes: 0 no breaking change (or breaking ones with a raised major version, or nothing to
compare: no commit or no spec before the base), 1 breaking changes without a raised major
version, 2 a document cannot be read or the base is not a commit of the repository.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from specdiff.classifier import classify
from specdiff.loader import Doc, SpecError, base_problem, git_show, load_file, parse
from specdiff.report import render
from specdiff.version import api_version, judge

EXIT_OK, EXIT_BREAKING, EXIT_ERROR = 0, 1, 2


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m specdiff",
        description="Classify changes between two versions of an AsyncAPI spec; "
                    "exit 1 on a breaking change without a raised major info.version.",
    )
    parser.add_argument("files", nargs="*", metavar="OLD NEW", help="two spec files to compare")
    parser.add_argument("--base", metavar="REF", help="compare the spec at this git ref with the working copy")
    parser.add_argument("--spec", default="asyncapi.yaml", type=Path, help="spec path (with --base)")
    args = parser.parse_args(argv)
    if (args.base is None) == (len(args.files) != 2) or (args.base is not None and args.files):
        parser.error("give either --base REF or exactly two files OLD NEW")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        if args.base is not None:
            new = load_file(args.spec)
            problem = base_problem(args.base, args.spec.parent if str(args.spec.parent) else Path("."))
            if problem == "before history":
                print(f"no commit at {args.base}; nothing to compare")
                return EXIT_OK
            if problem == "shallow":  # CI clones may be shallow: say so loudly, do not fail the build
                print(f"specdiff: WARNING: {args.base} is not in this shallow clone; the gate did not run "
                      "(fetch the history, e.g. `git fetch --unshallow`)", file=sys.stderr)
                return EXIT_OK
            if problem is not None:
                raise SpecError(f"--base {args.base}: {problem}")
            text, reason = git_show(args.base, args.spec)
            if text is None:  # the spec is new since the base: there is nothing it could break
                print(f"no previous spec at {args.base}; nothing to compare")
                print(f"  (git: {reason})", file=sys.stderr)
                return EXIT_OK
            old, old_label = parse(text, f"{args.base}:{args.spec}"), f"{args.spec} at {args.base}"
            new_label = f"{args.spec} (working copy)"
        else:
            old_path, new_path = (Path(f) for f in args.files)
            old, old_label, new, new_label = load_file(old_path), str(old_path), load_file(new_path), str(new_path)
        return _gate(old, new, old_label, new_label)
    except SpecError as exc:
        print(f"specdiff: cannot compare: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _gate(old: Doc, new: Doc, old_label: str, new_label: str) -> int:
    findings = classify(old, new)
    old_version, new_version = api_version(old), api_version(new)
    verdict = judge(findings, old_version, new_version)
    print(render(findings, verdict, f"{old_label} ({old_version})", f"{new_label} ({new_version})"))
    return EXIT_OK if verdict.passed else EXIT_BREAKING
