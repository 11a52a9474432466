"""Breaking-change gate for asyncapi.yaml: classify the changes between two versions of the spec.

Modules: `loader` (read YAML, git revisions, follow $refs), `surface` (messages per direction),
`schema_diff` (frame schemas), `sections` (servers, channels, topics, close codes, heartbeat),
`rules` (the rule table and why each rule has its kind), `findings`, `version` (the verdict),
`released` (the default base: the commit that released the spec's version), `report`, `cli`.
An own classifier rather than npm @asyncapi/diff, which leaves payload-schema changes
unclassified (see /work/shared/design/toolchain.md).
"""

from specdiff.classifier import classify
from specdiff.findings import Finding

__all__ = ["Finding", "classify"]
