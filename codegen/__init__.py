"""Spec-first code generator: asyncapi.yaml -> generated/ (Python and TypeScript)."""

VERSION = "1.0.0"
