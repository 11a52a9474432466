"""`python -m specdiff [--base REF] [--spec asyncapi.yaml]` or `python -m specdiff OLD NEW`.

Without --base the working copy is compared with the last released spec (see
`specdiff.released`), and the base chosen is printed with the reason; when that release had a
previous version, the working copy is compared with its last commit as well (listing only
breaking changes), and the worse verdict decides.

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
from specdiff.released import released_base
from specdiff.report import render
from specdiff.version import api_version, judge

EXIT_OK, EXIT_BREAKING, EXIT_ERROR = 0, 1, 2
_UNSHALLOW = "the gate did not run (fetch the history, e.g. `git fetch --unshallow`)"


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m specdiff",
        description="Classify changes between two versions of an AsyncAPI spec; "
                    "exit 1 on a breaking change without a raised major info.version.",
    )
    parser.add_argument("files", nargs="*", metavar="OLD NEW", help="two spec files to compare")
    parser.add_argument("--base", metavar="REF", help="compare the spec at this git ref with the working copy "
                                                      "(default: the commit that released its info.version)")
    parser.add_argument("--spec", default="asyncapi.yaml", type=Path, help="spec path (without OLD NEW)")
    args = parser.parse_args(argv)
    if args.files and (len(args.files) != 2 or args.base is not None):
        parser.error("give either [--base REF] or exactly two files OLD NEW")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        if not args.files:
            return _against_git(args.spec, args.base)
        old_path, new_path = (Path(f) for f in args.files)
        return _gate(load_file(old_path), load_file(new_path), str(old_path), str(new_path))
    except SpecError as exc:
        print(f"specdiff: cannot compare: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _against_git(spec: Path, ref: str | None) -> int:
    new = load_file(spec)
    if ref is not None:
        problem = base_problem(ref, spec.parent if str(spec.parent) else Path("."))
        if problem is not None:
            return _no_base(problem, f"--base {ref}", f"no commit at {ref}", f"{ref} is not in this shallow clone")
        return _against_commit(spec, new, ref, ref)
    found = released_base(spec, api_version(new))
    if isinstance(found, str):
        return _no_base(found, "default base", "no commit yet",
                        f"this shallow clone stops before the commit that released {api_version(new)}")
    print(found.line())
    code = _against_commit(spec, new, found.ref, found.label)
    if found.previous is None:
        return code
    print(found.previous.line())  # what the release itself broke, which it cannot see compared with itself
    return max(code, _against_commit(spec, new, found.previous.ref, found.previous.label, breaking_only=True))


def _against_commit(spec: Path, new: Doc, ref: str, label: str, breaking_only: bool = False) -> int:
    text, reason = git_show(ref, spec)
    if text is None:  # the spec is new since the base: there is nothing it could break
        print(f"no previous spec at {label}; nothing to compare")
        print(f"  (git: {reason})", file=sys.stderr)
        return EXIT_OK
    old = parse(text, f"{label}:{spec}")
    return _gate(old, new, f"{spec} at {label}", f"{spec} (working copy)", breaking_only)


def _no_base(problem: str, what: str, before_history: str, shallow: str) -> int:
    if problem == "before history":
        print(f"{before_history}; nothing to compare")
        return EXIT_OK
    if problem == "shallow":  # CI clones may be shallow: say so loudly, do not fail the build
        print(f"specdiff: WARNING: {shallow}; {_UNSHALLOW}", file=sys.stderr)
        return EXIT_OK
    raise SpecError(f"{what}: {problem}")


def _gate(old: Doc, new: Doc, old_label: str, new_label: str, breaking_only: bool = False) -> int:
    """Print the comparison and its verdict; `breaking_only` lists only the breaking findings
    (the verdict still weighs them all)."""
    findings = classify(old, new)
    old_version, new_version = api_version(old), api_version(new)
    verdict = judge(findings, old_version, new_version)
    listed = [f for f in findings if f.kind == "breaking"] if breaking_only else findings
    print(render(listed, verdict, f"{old_label} ({old_version})", f"{new_label} ({new_version})",
                 "no breaking changes" if breaking_only else "no API changes"))
    return EXIT_OK if verdict.passed else EXIT_BREAKING
