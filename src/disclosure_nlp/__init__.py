"""disclosure-nlp: offline checks of government information-disclosure annual reports."""
from importlib.metadata import PackageNotFoundError, version as _version

from .errors import DisclosureError, ModelError, NeedsOCR, ParseError, ReadError
from .schema import Evidence, Flag, Item, RawDoc, Report

try:
    __version__ = _version("disclosure-nlp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["DisclosureError", "ReadError", "NeedsOCR", "ParseError", "ModelError",
           "Report", "RawDoc", "Item", "Flag", "Evidence", "__version__"]
