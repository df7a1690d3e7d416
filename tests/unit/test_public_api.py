import inspect

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
