"""Backpropagation through a chain of layers: the layer protocol, checked, and the
one update path.

``check_chain`` checks layers against the protocol of ``Network.add_layers``;
``make_plan`` lists what one update walks, last layer first; ``backward_step``
walks it: each layer's true gradients, and every array through the
optimizer's ``step``. A layer's own ``backward(dLdA, learning_rate)`` is
``sgd``: the same path with plain SGD.
"""

import functools
import numbers

import numpy as np

from ._checks import check_clip, describe
from ._twins import unchecked
from .optimizers import _SGD

PROTOCOL = ("input_size", "layer_size", "forward", "params", "grads")


def _public_grads(grads, i, layer, params, dLdA, need_input):
    """A layer of your own, called as nnfs's twins are: its public grads(dLdA), checked
    (names, shapes, dtypes, finite values) before any parameter of the step moves."""
    out = grads(dLdA)
    where = f"layer {i} ({describe(layer)}): grads(dLdA)"
    if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
        raise TypeError(f"{where} must return (dL/dA_prev, {{name: gradient}}), got "
                        f"{describe(out)}")
    dLdA_prev, named = out
    if set(named) != set(params):
        raise ValueError(f"{where} returned gradients named {sorted(map(str, named))}, but "
                         f"params() names {sorted(params)}: one gradient per parameter, "
                         f"under its name")
    arrays = dict(named, **({"dL/dA_prev": dLdA_prev} if need_input else {}))
    shapes = dict(((k, p.shape) for k, p in params.items()),
                  **({"dL/dA_prev": (layer.input_size, np.shape(dLdA)[1])} if need_input
                     else {}))
    for name, g in arrays.items():
        if not (isinstance(g, np.ndarray) and g.dtype.kind == "f"):
            got = (f"an array of dtype {g.dtype}" if isinstance(g, np.ndarray) else
                   describe(g))
            raise TypeError(f"{where} returned {name!r} as {got}, expected a float array of "
                            f"shape {shapes[name]}")
        if g.shape != shapes[name]:
            hint = ": did you mean its transpose (.T)?" if g.shape[::-1] == shapes[name] else ""
            raise ValueError(f"{where} returned {name!r} of shape {g.shape}, expected "
                             f"{shapes[name]}{hint}")
        if not np.all(np.isfinite(g)):
            raise ValueError(f"{where} returned {name!r} with NaN or inf values")
    return out


def check_chain(layers):
    """Check each layer against the protocol and the sizes; return the dtype of the weights."""
    dtypes = {}
    for i, layer in enumerate(layers):
        for attr in PROTOCOL:
            if not hasattr(layer, attr):
                raise TypeError(f"expected a layer such as Layer(...) or NeuronLayer(...), got "
                                f"a {type(layer).__name__} object without {attr} (a layer "
                                f"needs {', '.join(PROTOCOL)}: see help(Network.add_layers))")
        for attr in ("input_size", "layer_size"):
            size = getattr(layer, attr)
            if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1:
                raise TypeError(f"layer {i} ({describe(layer)}) must have a positive int "
                                f"{attr}, got {describe(size)}")
        if i and layers[i - 1].layer_size != layer.input_size:
            raise ValueError(
                f"layer sizes do not chain: layer {i} ({describe(layer)}) expects "
                f"{layer.input_size} inputs but the layer before it gives "
                f"{layers[i - 1].layer_size} outputs")
        params = layer.params()
        for name, p in params.items() if isinstance(params, dict) else [(None, params)]:
            if not (isinstance(p, np.ndarray) and p.dtype.kind == "f" and p.flags.writeable):
                got = (f"a{' read-only' * (not p.flags.writeable)} array of dtype {p.dtype}"
                       if isinstance(p, np.ndarray) else describe(p))
                raise TypeError(f"layer {i} ({describe(layer)}): params() must return a dict "
                                f"of writeable float arrays, got {name!r}: {got}")
            dtypes.setdefault(p.dtype, f"layer {i} {name!r}")
        if isinstance(params, dict) and any(p is not params.get(k) for k, p in
                                            layer.params().items()):
            raise TypeError(f"layer {i} ({describe(layer)}): params() must return the "
                            f"layer's own arrays (the same each call), not copies")
    if len(dtypes) > 1:
        raise ValueError("all layers must have weights of one dtype, got "
                         + " and ".join(f"{d} ({where})" for d, where in dtypes.items()))
    return next(iter(dtypes), np.dtype(np.float64))


def make_plan(layers, input_gradient=False, output_at_Z=False):
    """What one update walks: [(grads, need_input, slots)], last layer first; and {key: param}.

    ``grads(dLdA, need_input)`` is nnfs's unchecked twin ``_grads`` (or a
    layer's own public ``grads``); slots are (key, name, param, clip) with
    key = (layer index, name). The first layer's dL/dX is skipped unless
    ``input_gradient`` (inside ``train`` nobody uses it). With ``output_at_Z``
    the last layer starts from dL/dZ, at ``_grads_from_dLdZ(dLdZ, need_input)``:
    the seam for a loss fused with the last activation.
    """
    steps, params = [], {}
    for i, layer in enumerate(layers):
        grads = getattr(layer, "_grads", None)    # nnfs's twin: _grads(dLdA, need_input)
        if grads is None:                          # a layer of your own: grads(dLdA)
            grads = functools.partial(_public_grads, unchecked(layer, "grads"), i, layer,
                                      layer.params())
        if output_at_Z and i == len(layers) - 1:
            grads = layer._grads_from_dLdZ
        clip = check_clip(getattr(layer, "clip", None))
        slots = [((i, name), name, p, clip) for name, p in layer.params().items()]
        steps.append((grads, input_gradient or i > 0, slots))
        params.update((key, p) for key, _, p, _ in slots)
    return steps[::-1], params


def backward_step(dLdA, plan, step, learning_rate):
    """The one update path: backpropagate ``dLdA`` and step every parameter on the way.

    ``plan``: [(grads, need_input, slots)], last layer first, where
    ``grads(dLdA, need_input)`` gives (dL/dA_prev, {name: true gradient}) and
    each slot (key, name, param, clip) gets ``step(key, param, clip(grad), lr)``;
    with ``clip`` set, each element is first clipped to [-clip, clip] (as the
    article's neurons do). Returns the last dL/dA_prev (None if not needed).
    """
    updates = []       # every layer's gradients first: a refused one leaves all unchanged
    for grads, need_input, slots in plan:
        dLdA, named = grads(dLdA, need_input)
        updates.append((named, slots))
    for named, slots in updates:
        for key, name, param, clip in slots:
            grad = named[name]
            step(key, param, grad if clip is None else np.clip(grad, -clip, clip), learning_rate)
    return dLdA


def sgd(layer, dLdA, learning_rate):
    """A layer's thin ``backward``: its gradients, then plain SGD with its ``clip``."""
    slots = [(name, name, p, layer.clip) for name, p in layer.params().items()]
    return backward_step(dLdA, [(layer._grads, True, slots)], _SGD._step, learning_rate)
