"""The exception tree of disclosure-nlp. Imports nothing from the package."""


class DisclosureError(Exception):
    """Base class of every error the package raises on purpose."""


class ReadError(DisclosureError):
    """A file could not be turned into text (missing, unsupported, encrypted, corrupt, image-only)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NeedsOCR(ReadError):
    """A PDF without a text layer: it needs OCR, which this tool does not do."""


class ParseError(DisclosureError):
    """Text was read but no report structure could be found in it."""


class ModelError(DisclosureError):
    """A theme model is missing, was not written by us, or does not match its metadata."""


class RuleError(DisclosureError):
    """An unknown rule id or a malformed rule definition."""


class ExportError(DisclosureError):
    """An output could not be written (missing input CSV, mismatched header on append)."""


class BatchError(DisclosureError):
    """The batch cannot run: a Dask scheduler that cannot be reached, workers of another version."""


class GeneratorError(DisclosureError, ValueError):
    """A request the generator cannot meet (unknown defect or format, a defect that needs a series)."""


__all__ = ["DisclosureError", "ReadError", "NeedsOCR", "ParseError", "ModelError", "RuleError", "ExportError",
           "BatchError", "GeneratorError"]
