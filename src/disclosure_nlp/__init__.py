"""disclosure-nlp: offline checks of government information-disclosure annual reports."""
from .errors import DisclosureError, ModelError, NeedsOCR, ParseError, ReadError
from .schema import Evidence, Flag, Item, RawDoc, Report

__all__ = ["DisclosureError", "ReadError", "NeedsOCR", "ParseError", "ModelError",
           "Report", "RawDoc", "Item", "Flag", "Evidence", "__version__"]


def __getattr__(name: str):
    """``__version__`` read from the installed metadata on first use (importlib.metadata takes
    ~30 ms to import: ``import disclosure_nlp`` does not pay it)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("disclosure-nlp")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0+unknown"
    globals()["__version__"] = value
    return value
