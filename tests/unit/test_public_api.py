import inspect
import subprocess
import sys
import tomllib

from project import ROOT

import nnlit


def test_every_public_function_is_nnlits_own_and_documented():
    functions = [
        getattr(nnlit, name) for name in nnlit.__all__ if name != "ACTIVATIONS"
    ]
    for function in functions:
        assert inspect.isfunction(function), function
        assert function.__module__.startswith("nnlit."), function
        assert inspect.getdoc(function), function.__name__


def test_the_aliases_point_at_each_chapters_trainer():
    from nnlit import backprop, gradient_descent

    assert nnlit.train_unit is gradient_descent.train
    assert nnlit.train_network is backprop.train


def test_the_maths_installs_without_plotting():
    """Matplotlib is the ``figures`` extra: nothing but nnlit.figures needs it.

    The library needs NumPy, and threadpoolctl for ``nnlit.fast``'s teams.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [d.split(">")[0] for d in project["dependencies"]]
    assert names == ["numpy", "threadpoolctl"]
    assert project["optional-dependencies"]["figures"][0].startswith("matplotlib")
    modules = sorted(
        f"nnlit.{path.stem}"
        for path in (ROOT / "nnlit").glob("*.py")
        if path.stem != "__init__"
    )
    blocked = "import sys; sys.modules['matplotlib'] = None; " + "; ".join(
        f"import {module}" for module in modules
    )
    result = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert {"nnlit.course", "nnlit.facts"} <= set(modules)


def test_no_name_of_the_package_hides_one_of_its_modules():
    """``import nnlit.x as m`` must give the module x, never a function."""
    modules = [p.stem for p in (ROOT / "nnlit").glob("*.py") if p.stem != "__init__"]
    for name in modules:
        found = getattr(nnlit, name, None)
        assert found is None or inspect.ismodule(found), f"nnlit.{name} is {found!r}"
    assert "neuron" in nnlit.__all__  # the function, beside nnlit.one_neuron
