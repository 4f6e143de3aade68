"""The probe's worker process: builds sliced models and runs one training step.

Run as a script (`python -I worker.py TEMP_FOLDER MEMORY_BYTES`), never imported
by the linter. It depends on nothing of ferlint, only on the standard library,
NumPy and TensorFlow. Requests and replies are JSON lines: requests on stdin,
replies on the original stdout, which is moved to a private descriptor before
anything else runs; file descriptor 1 then points at stderr, so whatever the
model code prints never reaches the parent's stdout.

The sliced code runs under an audit hook that refuses network access,
subprocesses and writes or removals outside TEMP_FOLDER. The hook is a
tripwire, not a sandbox: the process boundary, the memory cap and the time
limit the parent enforces are the isolation.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import resource
import sys
import tempfile
import time
import warnings

MODEL_VARIABLE = "__ferlint_model__"
BATCH_SIZE = 4

_REFUSED_EVENTS = {
    "socket.connect": "a network connection",
    "socket.bind": "a network socket",
    "socket.sendto": "a network send",
    "socket.sendmsg": "a network send",
    "socket.getaddrinfo": "a network name lookup",
    "socket.gethostbyname": "a network name lookup",
    "socket.gethostbyaddr": "a network name lookup",
    "subprocess.Popen": "a subprocess",
    "os.system": "a subprocess",
    "os.exec": "a subprocess",
    "os.posix_spawn": "a subprocess",
    "os.spawn": "a subprocess",
    "os.fork": "a subprocess",
    "os.forkpty": "a subprocess",
    "pty.spawn": "a subprocess",
    "os.kill": "a signal to a process",
    "os.killpg": "a signal to a process",
    "ctypes.dlopen": "loading a native library",
    "ctypes.dlsym": "loading a native library",
    "gc.get_objects": "walking the interpreter's objects",
    "gc.get_referrers": "walking the interpreter's objects",
    "gc.get_referents": "walking the interpreter's objects",
}
_PATH_EVENTS = {
    "os.remove": "removing",
    "os.rmdir": "removing",
    "shutil.rmtree": "removing",
    "os.mkdir": "creating a folder",
    "os.link": "linking",
    "os.symlink": "linking",
    "os.truncate": "truncating",
    "os.chmod": "changing permissions of",
    "os.chown": "changing the owner of",
    "os.utime": "touching",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def _make_guard(root: str):
    """An audit hook refusing what model-building code has no business doing."""
    root = os.path.realpath(root)
    state = {"armed": False, "refused": []}

    def inside(path) -> bool:
        if isinstance(path, int):
            return True
        real = os.path.realpath(os.fsdecode(path))
        return real == root or real.startswith(root + os.sep)

    def refusal(event: str, args: tuple) -> str | None:
        kind = _REFUSED_EVENTS.get(event)
        if kind is not None:
            return f"{kind} ({event})"
        if event == "open":
            path, mode, flags = args
            writing = bool(mode and set(str(mode)) & set("wax+"))
            writing |= bool(isinstance(flags, int) and flags & _WRITE_FLAGS)
            if writing and not inside(path):
                return f"writing {os.fsdecode(path)} outside the temporary folder"
        elif event in _PATH_EVENTS and args and not inside(args[0]):
            action = _PATH_EVENTS[event]
            return f"{action} {os.fsdecode(args[0])} outside the temporary folder"
        elif event == "os.rename" and not (inside(args[0]) and inside(args[1])):
            return f"moving {os.fsdecode(args[0])} outside the temporary folder"
        return None

    def hook(event: str, args: tuple) -> None:
        if not state["armed"]:
            return
        reason = refusal(event, args)
        if reason is not None:
            state["refused"].append(reason)
            raise PermissionError(f"ferlint probe refused {reason}")

    return hook, state


# Lines of TensorFlow's and Keras's errors that introduce the reason, not state it.
_NOT_THE_REASON = (
    "Exception encountered",
    "Graph execution error",
    "Detected at node",
    "File ",
    "Traceback",
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _first_line(error: BaseException | str) -> str:
    text = _ANSI.sub("", str(error)).strip() or type(error).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    meaningful = [
        line
        for line in lines
        if not line.startswith(_NOT_THE_REASON) and not line.endswith(":")
    ]
    line = (meaningful or lines)[0]
    return line if len(line) <= 400 else line[:397] + "..."


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _loss_name(loss) -> str | None:
    if loss is None:
        return None
    if isinstance(loss, str):
        return _snake(loss) if any(c.isupper() for c in loss) else loss.lower()
    if isinstance(loss, (list, tuple, dict)):
        return "several losses"
    function = getattr(loss, "fn", None) or loss
    name = getattr(function, "__name__", None) or type(loss).__name__
    return _snake(name) if any(c.isupper() for c in name) else name


# What the built model is.


def _all_layers(model):
    for layer in getattr(model, "layers", ()):
        yield layer
        if getattr(layer, "layers", None):
            yield from _all_layers(layer)


def _rescaling_layer(model) -> str | None:
    """A Rescaling/Normalization layer before the first trainable weights."""
    for layer in _all_layers(model):
        if type(layer).__name__ in ("Rescaling", "Normalization"):
            return f"{type(layer).__name__} ({layer.name})"
        if not getattr(layer, "layers", None) and layer.trainable_weights:
            return None
    return None


def _last_activation(model) -> str | None:
    layer = model
    while getattr(layer, "layers", None):
        layer = layer.layers[-1]
    if type(layer).__name__ == "Softmax":
        return "softmax"
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", None)


def _learn(model) -> dict:
    inputs = getattr(model, "inputs", None) or []
    outputs = getattr(model, "outputs", None) or []
    rescaling = _rescaling_layer(model)
    return {
        "input_shape": list(inputs[0].shape[1:]) if len(inputs) == 1 else None,
        "inputs": len(inputs),
        "output_units": outputs[0].shape[-1] if len(outputs) == 1 else None,
        "output_rank": len(outputs[0].shape) if len(outputs) == 1 else None,
        "outputs": len(outputs),
        "last_activation": _last_activation(model),
        "rescales_inside": rescaling is not None,
        "rescaling_layer": rescaling,
        "loss": _loss_name(getattr(model, "loss", None)),
    }


# The reference batch.


def _sample_shape(spec: dict, learned: dict, batch: dict | None) -> tuple:
    if spec["images"] == "as_fed":
        return tuple(batch["sample_shape"])
    shape = list(learned["input_shape"])
    fed = list(batch["sample_shape"]) if batch else []
    for axis, size in enumerate(shape):
        if size is None:
            same_rank = len(fed) == len(shape)
            shape[axis] = fed[axis] if same_rank and fed[axis] else 48
    return tuple(shape)


def _images(np, shape: tuple, dtype: str, value_range: str):
    rng = np.random.default_rng(0)
    size = (BATCH_SIZE, *shape)
    if value_range == "0-255":
        values = rng.integers(0, 256, size=size)
    elif value_range == "-1-1":
        values = rng.uniform(-1.0, 1.0, size=size)
    elif value_range == "standardized":
        values = rng.standard_normal(size=size)
    else:
        values = rng.uniform(0.0, 1.0, size=size)
    return values.astype(dtype)


def _labels(np, spec: dict, learned: dict, batch: dict | None):
    units = learned["output_units"] or 7
    if spec["labels"] == "as_written" and batch and batch.get("num_classes"):
        # The labels in the form and class count the script produces.
        classes = batch["num_classes"]
        index = np.arange(BATCH_SIZE) % classes
        if batch.get("label_form") == "onehot":
            return np.eye(classes, dtype="float32")[index]
        return index.astype("int64")
    if spec["labels"] == "integer":
        classes = (batch or {}).get("num_classes") or units
        return (np.arange(BATCH_SIZE) % classes).astype("int64")
    index = np.arange(BATCH_SIZE) % units
    if "sparse" in (learned["loss"] or ""):
        return index.astype("int64")
    if units == 1:
        return (index % 2).astype("float32").reshape(BATCH_SIZE, 1)
    return np.eye(units, dtype="float32")[index]


# One training step.


class _Steps:
    def __init__(self, np, tf, keras, model, guard_state) -> None:
        self.np, self.tf, self.keras = np, tf, keras
        self.model = model
        self.guard = guard_state
        self.initial = model.get_weights()

    def run(self, spec: dict, learned: dict, batch: dict | None) -> dict:
        np = self.np
        shape = _sample_shape(spec, learned, batch)
        x = _images(np, shape, spec["dtype"], spec["value_range"])
        y = _labels(np, spec, learned, batch)
        out = {"shape": list(x.shape), "dtype": str(x.dtype), "labels": list(y.shape)}
        self._reset()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.guard["armed"] = True
            try:
                out.update(
                    self._gradient(x, y) if spec["gradient"] else self._train(x, y)
                )
                out["ok"] = True
            except Exception as error:
                out.update(
                    ok=False, error=_first_line(error), error_type=type(error).__name__
                )
            finally:
                self.guard["armed"] = False
        messages = [_first_line(str(w.message)) for w in caught]
        out["warnings"] = list(dict.fromkeys(messages))[:3]
        return out

    def _reset(self) -> None:
        if len(self.initial) == len(self.model.weights):
            self.model.set_weights(self.initial)
        self.keras.utils.set_random_seed(0)

    def _train(self, x, y) -> dict:
        # Eagerly: tracing the train function into a graph costs seconds for a
        # backbone (2.7 s against 0.8 s for VGG16 at 48x48), and one step asks
        # only whether the batch goes through and what the loss is, which the
        # same operations answer either way. A fresh train function for each
        # step: a step that failed must not leave half-made optimizer
        # variables to the next one.
        self.model.run_eagerly = True
        make = getattr(self.model, "make_train_function", None)
        if make is not None:
            try:
                make(force=True)
            except TypeError:
                pass
        result = self.model.train_on_batch(x, y)
        loss = result[0] if isinstance(result, (list, tuple)) else result
        return {"loss": float(loss)}

    def _gradient(self, x, y) -> dict:
        tf, model = self.tf, self.model
        with tf.GradientTape() as tape:
            prediction = model(x, training=True)
            loss = model.compute_loss(x=x, y=y, y_pred=prediction, training=True)
        grads = [
            g for g in tape.gradient(loss, model.trainable_weights) if g is not None
        ]
        return {
            "loss": float(loss),
            "gradient_norm": float(tf.linalg.global_norm(grads)),
        }


# The request loop.


class _Worker:
    def __init__(self, guard_state) -> None:
        import keras
        import numpy
        import tensorflow

        self.np, self.tf, self.keras = numpy, tensorflow, keras
        self.guard = guard_state

    def handle(self, request: dict) -> dict:
        started = time.monotonic()
        self.guard["refused"] = []
        reply = {"id": request["id"]}
        reply.update(self._observe(request))
        reply["refused"] = list(dict.fromkeys(self.guard["refused"]))
        reply["seconds"] = round(time.monotonic() - started, 3)
        return reply

    def _observe(self, request: dict) -> dict:
        self.keras.backend.clear_session()
        self.keras.utils.set_random_seed(0)
        model, error = self._build(request["program"])
        if error is not None:
            return {"build_error": error}
        compiled_by_probe = self._ensure_compiled(model, request.get("static_loss"))
        learned = _learn(model)
        observation = {"learned": learned, "compiled_by_probe": compiled_by_probe}
        if learned["inputs"] != 1 or learned["outputs"] != 1:
            observation["steps_skipped"] = "the model has several inputs or outputs"
            return observation
        steps = _Steps(self.np, self.tf, self.keras, model, self.guard)
        batch = request.get("batch")
        observation["steps"] = {
            spec["name"]: steps.run(spec, learned, batch)
            for spec in request["experiments"]
        }
        return observation

    def _build(self, program: str):
        namespace = {"__name__": "__ferlint_slice__", "__builtins__": builtins}
        self.guard["armed"] = True
        try:
            exec(compile(program, "<ferlint slice>", "exec"), namespace)
        except BaseException as error:  # the model code may even call sys.exit
            return None, f"{type(error).__name__}: {_first_line(error)}"
        finally:
            self.guard["armed"] = False
        model = namespace.get(MODEL_VARIABLE)
        if not isinstance(model, self.keras.Model):
            return (
                None,
                f"the model expression is a {type(model).__name__}, not a Keras model",
            )
        return model, None

    def _ensure_compiled(self, model, static_loss: str | None) -> bool:
        if getattr(model, "compiled", False) and model.loss is not None:
            return False
        model.compile(optimizer="adam", loss=static_loss or "categorical_crossentropy")
        return True


def _reply_channel():
    """Keep the real stdout for replies; fd 1 from now on is stderr."""
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    sys.stdout = sys.stderr
    return requests, replies


def main() -> int:
    root, memory = sys.argv[1], int(sys.argv[2])
    requests, replies = _reply_channel()
    os.chdir(root)
    tempfile.tempdir = root
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    hook, state = _make_guard(root)
    worker = _Worker(state)
    sys.addaudithook(hook)
    ready = {"ready": True, "tensorflow": worker.tf.__version__}
    replies.write(json.dumps(ready) + "\n")
    for line in requests:
        reply = worker.handle(json.loads(line))
        replies.write(json.dumps(reply) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
