"""The labs: one per chapter, executed, checked, downloadable and never stale."""

import importlib
import inspect
import subprocess
from pathlib import Path

import nbformat
import pytest
from labs import (
    asserts_on_its_own_result,
    cells,
    chapters,
    code_cells,
    copied_runs,
    exercises,
    is_solution,
    labs,
    library_windows,
    nnlit_imports,
)
from nbclient import NotebookClient
from project import DOCS, FIXTURES, build, config_with_nav, copy_project
from site_audit import parsed

import nnlit
import nnlit.gradcheck
from nnlit.figures import FIGURES

LABS = pytest.mark.parametrize("lab", labs(), ids=lambda p: p.stem)


# --- The lab files -------------------------------------------------------------


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_every_chapter_has_a_lab_and_each_links_the_other(chapter: Path):
    lab = DOCS / "labs" / f"{chapter.stem}.py"
    assert lab.exists(), f"{chapter.name} has no lab"
    assert f"(labs/{lab.name})" in chapter.read_text(encoding="utf-8")
    assert f"(../{chapter.name})" in cells(lab)[0].source


@LABS
def test_a_lab_is_a_recap_then_exercises_each_with_a_checked_solution(lab: Path):
    recap = cells(lab)[0]
    assert recap.cell_type == "markdown"
    assert recap.source.startswith("# Lab ")
    found = exercises(lab)
    assert 3 <= len(found) <= 5, f"{lab.name}: {len(found)} exercises"
    for heading, solution in found:
        assert is_solution(solution), f"{lab.name}: {heading} has no solution cell"
        assert asserts_on_its_own_result(solution.source), (
            f"{lab.name}: the solution of {heading!r} asserts nothing it computed"
        )
    assert sum(map(is_solution, code_cells(lab))) == len(found)


def test_the_solution_check_wants_an_assert_on_the_cells_own_result():
    assert asserts_on_its_own_result("x = 2 + 2\nassert x == 4")
    assert not asserts_on_its_own_result("print(2 + 2)")
    assert not asserts_on_its_own_result("y = 1\nassert True")
    assert not asserts_on_its_own_result("assert data is not None")
    for tautology in ("gap == gap", "gap <= gap", "gap is gap", "gap or True", "1"):
        source = f"gap = 0.5\nassert {tautology}"
        assert not asserts_on_its_own_result(source), tautology
    assert asserts_on_its_own_result("gap = 0.5\nassert gap == gap * 1.0")


@LABS
def test_labs_use_only_nnlits_public_api(lab: Path):
    for cell in code_cells(lab):
        for module, name in nnlit_imports(cell.source):
            where = f"{lab.name}: {module}.{name}"
            if module == "nnlit":
                assert name in nnlit.__all__, f"{where} is not in nnlit.__all__"
                continue
            assert not any(part.startswith("_") for part in module.split(".")), where
            assert name, f"{where}: import names from a module, not the module"
            assert not name.startswith("_"), f"{where} is private"
            assert hasattr(importlib.import_module(module), name), where


@LABS
def test_labs_copy_no_library_code(lab: Path):
    source = "\n".join(cell.source for cell in code_cells(lab))
    assert copied_runs(source, library_windows()) == []


def test_the_copy_check_catches_a_pasted_library_function():
    pasted = inspect.getsource(nnlit.gradcheck.relative_error)
    assert copied_runs(pasted, library_windows())


# --- The built pages and downloads ------------------------------------------------


@LABS
def test_a_lab_page_reads_like_a_chapter(lab: Path, site: Path):
    article = parsed(site / "labs" / f"{lab.stem}.html").select_one("article")
    shown = [b.get_text() for b in article.select("div.language-python code")]
    assert [s.rstrip("\n") for s in shown] == [c.source for c in code_cells(lab)]
    solutions = article.select("details.success > div.language-python")
    assert len(solutions) == len(exercises(lab))
    titles = {o.select_one(".filename").get_text() for o in outputs_on(article)}
    assert titles == {"Output"}
    assert article.select(".arithmatex"), "the recap's maths was not converted"
    assert article.find(["script", "style"]) is None, "nbconvert's assets remain"
    button = article.select_one("a.md-button[download]")
    assert (site / "labs" / button["href"]).is_file()


def outputs_on(article) -> list:
    return article.select("div.language-text")


@LABS
def test_the_download_runs_in_a_fresh_kernel_and_prints_what_the_page_shows(
    lab: Path, site: Path, tmp_path: Path
):
    notebook = nbformat.read(site / "labs" / f"{lab.stem}.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert not any(cell.get("outputs") for cell in notebook.cells)
    solutions = [cell for cell in notebook.cells if is_solution(cell)]
    assert solutions
    assert all(cell.metadata["jupyter"]["source_hidden"] for cell in solutions)

    run = NotebookClient(notebook, timeout=120, kernel_name="python3")
    run.execute(cwd=str(tmp_path))  # raises CellExecutionError on a failing cell

    printed = "".join(
        output.get("text", "") or output.get("data", {}).get("text/plain", "") + "\n"
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    article = parsed(site / "labs" / f"{lab.stem}.html").select_one("article")
    shown = "".join(block.code.get_text() for block in outputs_on(article))
    assert printed
    assert printed == shown


# --- The build: failing cells, stale outputs ---------------------------------------

PROBE = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Probe

# %%
from nnlit.examples import SOURCE_NETWORK_SIZES

print(SOURCE_NETWORK_SIZES)
"""


def project_with_lab(tmp_path: Path, lab: str, name: str = "probe") -> Path:
    """A copy of the project whose site is one page and one lab.

    The copy has its own nnlit, which the build and the lab's kernel import
    (through ``PYTHONPATH``), so a test may edit the library.
    """
    pages = {"index.md": "# Home\n", f"labs/{name}.py": lab}
    project = copy_project(tmp_path / "project", pages)
    config_with_nav(project, ["index.md", f"labs/{name}.py"])
    return project


def build_one_lab(project: Path) -> subprocess.CompletedProcess:
    return build(project, config="small-site.yml")


def shown_output(project: Path) -> str:
    page = (project / "site" / "labs" / "probe.html").read_text(encoding="utf-8")
    return page.split('<span class="filename">Output</span>')[1].split("</code>")[0]


@pytest.mark.builds
@pytest.mark.usefixtures("warm_caches")
def test_a_change_in_nnlit_redraws_the_figures_and_reruns_the_labs(tmp_path: Path):
    project = project_with_lab(tmp_path, PROBE)
    diagram = project / "site" / "figures" / "backprop-diagram.svg"  # draws the sizes
    first = build_one_lab(project)
    assert first.returncode == 0, first.stderr
    assert "(2, 4, 3, 1)" in shown_output(project)
    drawn_first = diagram.read_bytes()

    examples = project / "nnlit" / "examples.py"
    text = examples.read_text(encoding="utf-8")
    assert "SOURCE_NETWORK_SIZES = (2, 4, 3, 1)" in text
    examples.write_text(text.replace("(2, 4, 3, 1)", "(2, 5, 3, 1)", 1))
    second = build_one_lab(project)
    assert second.returncode == 0, second.stderr
    assert "(2, 5, 3, 1)" in shown_output(project)
    assert "Cache hit" not in second.stderr
    assert f"figures: {len(FIGURES)} drawn, 0 from the cache" in second.stderr
    assert diagram.read_bytes() != drawn_first

    third = build_one_lab(project)  # nothing changed: the caches serve it all
    assert "Cache hit" in third.stderr
    assert "(2, 5, 3, 1)" in shown_output(project)
    assert f"figures: 0 drawn, {len(FIGURES)} from the cache" in third.stderr


@pytest.mark.builds
@pytest.mark.usefixtures("warm_caches")
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("broken-lab.py", ["print(rate / 0)", "ZeroDivisionError"]),  # the cell
        ("warning-lab.py", ["RuntimeWarning: divide by zero"]),
    ],
)
def test_a_failing_or_warning_cell_fails_the_build_naming_the_lab(
    fixture: str, expected: list[str], tmp_path: Path
):
    name = fixture.removesuffix("-lab.py")
    lab = (FIXTURES / fixture).read_text(encoding="utf-8")
    project = project_with_lab(tmp_path, lab, name=name)
    result = build_one_lab(project)
    assert result.returncode != 0
    error = result.stderr.split("ERROR", 1)[-1]
    assert f"labs/{name}.py" in error
    for text in expected:
        assert text in error
    assert not (project / "site" / "labs" / f"{name}.html").exists()
