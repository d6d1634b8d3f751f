"""disclosure-nlp: offline checks of government information-disclosure annual reports."""
from .errors import DisclosureError, ReadError, NeedsOCR, ParseError, ModelError
from .schema import Report, RawDoc, Item, Flag, Evidence

__version__ = "0.1.0"
__all__ = ["DisclosureError", "ReadError", "NeedsOCR", "ParseError", "ModelError",
           "Report", "RawDoc", "Item", "Flag", "Evidence", "__version__"]
