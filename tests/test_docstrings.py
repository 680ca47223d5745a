"""The examples in kg's docstrings run and show what they claim (pytest's --doctest-modules
only collects the tests folder)."""

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(info.name for info in pkgutil.walk_packages(kg.__path__, "kg."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
