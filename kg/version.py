"""The package version, recorded as the extractor version in every graph's provenance."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policy-kg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
