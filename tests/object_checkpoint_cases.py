"""The programs of the TF 2 object and checkpoint tests (issue 18: tf.Module, Checkpoint).

scripts/record_tf_object_checkpoints.py runs every case on real TensorFlow 2.21 (eager, with
its Keras 3) and writes what it showed to tests/data/tf_object_checkpoints.json;
tests/test_object_checkpoints.py runs the same text on learntf and compares.  A program sees:

    tf        tensorflow / learntf
    np        NumPy
    show      show(label, value): record a value (arrays as numbers, paths relative to tmp_dir)
    error     error(label, fn): call fn() and record the exception's class and first line
    tmp_dir   a fresh directory for checkpoint files
    data_dir  tests/data (TF-written checkpoint files)
    describe  describe(label, prefix, graph=True): record a checkpoint's keys, shapes and values
              (tf.train.list_variables and tf.train.load_checkpoint), and its object graph in
              text form (skipped with graph=False: Keras 3's internal objects, such as
              `_inbound_nodes`, are in TF's graph and not in learntf's)

A case's "compare" says how values are compared: "exact", or "close" (floats after training
steps, where the engines' roundings may differ in the last bits).
"""

import collections
import hashlib
import os
import textwrap

import numpy as np

Case = collections.namedtuple("Case", "name compare source")
CASES = []


def case(name, compare, source):
    assert compare in ("exact", "close") and all(c.name != name for c in CASES)
    CASES.append(Case(name, compare, textwrap.dedent(source).strip() + "\n"))


def source_digest(c):
    return hashlib.sha256(c.source.encode("utf-8")).hexdigest()[:16]


DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def run_case(c, tf, tmp_dir, graph_class):
    """Run the program; return [[label, value], ...] (plain JSON).  `graph_class` is the
    TrackableObjectGraph message class of the engine."""
    shown = []

    def relative(text):
        return text.replace(os.path.realpath(tmp_dir), "TMP").replace(str(tmp_dir), "TMP")

    def plain(value):
        if isinstance(value, str):
            return relative(value)
        if isinstance(value, (bool, int, float)) or value is None:
            return value
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in sorted(value.items())}
        if hasattr(value, "numpy"):
            value = value.numpy()
        array = np.asarray(value)
        if array.dtype == object or array.dtype.kind in "SU":
            return relative(repr(array.tolist()))
        return {"dtype": str(array.dtype), "shape": list(array.shape), "value": array.tolist()}

    def show(label, value):
        shown.append([label, plain(value)])

    def error(label, fn):
        try:
            fn()
        except Exception as e:
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            shown.append([label, {"error": type(e).__name__, "message": relative(message)}])
        else:
            shown.append([label, "no error"])

    def describe(label, prefix, graph=True):
        reader = tf.train.load_checkpoint(prefix)
        keys = [[key, list(shape)] for key, shape in tf.train.list_variables(prefix)]
        show(label + ": keys", keys)
        for key, _ in keys:
            if key != "_CHECKPOINTABLE_OBJECT_GRAPH":
                show(label + ": " + key, reader.get_tensor(key))
        if graph:
            proto = graph_class()
            raw = reader.get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH")
            proto.ParseFromString(np.asarray(raw, dtype=object).reshape(()).item())
            show(label + ": object graph", str(proto).splitlines())

    namespace = dict(tf=tf, np=np, show=show, error=error, tmp_dir=str(tmp_dir), describe=describe)
    namespace["data_dir"] = DATA_DIR
    exec(compile(c.source, "<case %s>" % c.name, "exec"), namespace)
    return shown


# -- the cases -------------------------------------------------------------------------------------
MODULE = """
class Net(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.v = tf.Variable(1.0, name="v")
        self.layers = [tf.Variable([1.0, 2.0], name="l0"), tf.Variable(3.0, name="l1")]
        self.table = {"b": tf.Variable(5.0, trainable=False, name="b"), "a": tf.Variable(4.0)}
        self.pair = (tf.Variable(7.0, name="t0"), 8)
        self.sub = tf.Module(name="sub")
        self.sub.w = tf.Variable([[6.0]], name="w")
"""

case(
    "module_variables_and_submodules",
    "exact",
    MODULE
    + """
net = Net()
show("name", net.name)
show("variables", [v.name for v in net.variables])
show("trainable", [v.name for v in net.trainable_variables])
show("non-trainable", [v.name for v in net.non_trainable_variables])
show("submodules", [m.name for m in net.submodules])
show("layers type", type(net.layers).__name__)
show("table type", type(net.table).__name__)
show("layers repr", repr(net.layers).split("(")[0])
paths = net._flatten(with_path=True, predicate=lambda v: isinstance(v, tf.Variable))
show("flatten paths", [list(p) for p, _ in paths])
show("default name", tf.Module().name)
class MyFancyModule(tf.Module):
    pass
show("camel to snake", MyFancyModule().name)
error("bad name", lambda: tf.Module(name="not valid"))
show("is Dense a tf.Module", isinstance(tf.keras.layers.Dense(2), tf.Module))
""",
)

case(
    "module_checkpoint_write_and_read",
    "exact",
    MODULE
    + """
net = Net()
path = tf.train.Checkpoint(model=net).write(tmp_dir + "/net")
show("write returns", path)
show("files", sorted(os.listdir(tmp_dir)))
describe("net", path)
other = Net()
for v in other.variables:
    v.assign(v * 0 - 1)
status = tf.train.Checkpoint(model=other).read(path)
show("restored", [v.numpy() for v in other.variables])
status.assert_consumed()
show("assert_consumed", "passed")
""".replace("os.listdir", "__import__('os').listdir"),
)

case(
    "checkpoint_save_counter_and_state_file",
    "exact",
    """
v = tf.Variable([1.0, 2.0])
ckpt = tf.train.Checkpoint(v=v)
show("counter before save", ckpt.save_counter)
first = ckpt.save(tmp_dir + "/ckpt")
v.assign([3.0, 4.0])
second = ckpt.save(tmp_dir + "/ckpt")
show("paths", [first, second])
show("save_counter", ckpt.save_counter)
show("state file", open(tmp_dir + "/checkpoint").read().splitlines())
show("latest_checkpoint", tf.train.latest_checkpoint(tmp_dir))
describe("second", second)
fresh = tf.train.Checkpoint(v=tf.Variable([0.0, 0.0]))
status = fresh.restore(first)
show("restored v", fresh.v)
show("restored save_counter", fresh.save_counter)
status.assert_consumed()
show("assert_consumed", "passed")
error("missing checkpoint", lambda: fresh.restore(tmp_dir + "/nothing-here"))
error("not trackable", lambda: tf.train.Checkpoint(x=3))
error("restore(None)", lambda: fresh.restore(None).assert_consumed())
""",
)

case(
    "checkpoint_deferred_restoration_and_status",
    "exact",
    """
class Holder(tf.Module):
    pass
saved = Holder()
saved.a = tf.Variable(1.5)
saved.late = Holder()
saved.late.b = tf.Variable([2.5, 3.5])
path = tf.train.Checkpoint(root=saved).write(tmp_dir + "/h")
describe("holder", path)

partial = Holder()
partial.a = tf.Variable(0.0)
status = tf.train.Checkpoint(root=partial).read(path)
show("a restored at once", partial.a)
status.assert_existing_objects_matched()
show("existing objects matched", "passed")
error("assert_consumed before the rest exists", status.assert_consumed)
status.assert_nontrivial_match()
partial.late = Holder()
partial.late.b = tf.Variable([0.0, 0.0])
show("b restored when created", partial.late.b)
status.assert_consumed()
show("assert_consumed after", "passed")

extra = Holder()
extra.a = tf.Variable(0.0)
extra.unknown = tf.Variable(9.0)
status = tf.train.Checkpoint(root=extra).read(path).expect_partial()
error("an object without a value", status.assert_existing_objects_matched)

stranger = Holder()
stranger.zzz = tf.Variable(0.0)
status = tf.train.Checkpoint(root=stranger).read(path).expect_partial()
error("nontrivial match", status.assert_nontrivial_match)

wrong = Holder()
wrong.a = tf.Variable([0.0, 0.0, 0.0])
error("shape mismatch", lambda: tf.train.Checkpoint(root=wrong).read(path))

grow = Holder()
grow.items = [tf.Variable(1.0)]
grow.items[0] = tf.Variable(2.0)
error("replaced list element", lambda: tf.train.Checkpoint(root=grow).write(tmp_dir + "/g"))
""",
)

KERAS_TRAIN_STEP = """
x = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
y = np.ones((4, 1), np.float32)

def train_step(model, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
"""

case(
    "keras_sequential_with_adam",
    "close",
    KERAS_TRAIN_STEP
    + """
def make():
    return tf.keras.Sequential([
        tf.keras.Input(shape=(3,)),
        tf.keras.layers.Dense(2, kernel_initializer="ones"),
        tf.keras.layers.Dense(1, kernel_initializer="ones"),
    ])
model, optimizer = make(), tf.keras.optimizers.Adam(0.1)
train_step(model, optimizer)
path = tf.train.Checkpoint(model=model, optimizer=optimizer).write(tmp_dir + "/seq")
describe("sequential+adam", path, graph=False)
show("model alone", [k for k, _ in tf.train.list_variables(
    tf.train.Checkpoint(model=model).write(tmp_dir + "/alone"))])

new_model, new_optimizer = make(), tf.keras.optimizers.Adam(0.1)
status = tf.train.Checkpoint(model=new_model, optimizer=new_optimizer).read(path)
show("weights restored", [w.numpy() for w in new_model.weights])
show("iterations restored", new_optimizer.iterations)
error("slots not created yet", status.assert_consumed)
new_optimizer.build(new_model.trainable_variables)
status.assert_consumed()
show("slots restored when built", [v.numpy() for v in new_optimizer.variables])
train_step(model, optimizer)
train_step(new_model, new_optimizer)
pairs = zip(model.weights, new_model.weights)
show("same next step", [np.allclose(a.numpy(), b.numpy(), atol=1e-6) for a, b in pairs])
""",
)

case(
    "keras_subclassed_model_and_sgd_momentum",
    "close",
    KERAS_TRAIN_STEP
    + """
class Net(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.first = tf.keras.layers.Dense(2, kernel_initializer="ones")
        self.blocks = [tf.keras.layers.Dense(2, kernel_initializer="ones")]
        self.last = tf.keras.layers.Dense(1, kernel_initializer="ones")

    def call(self, inputs):
        return self.last(self.blocks[0](self.first(inputs)))

model, optimizer = Net(), tf.keras.optimizers.SGD(0.01, momentum=0.9)
train_step(model, optimizer)
path = tf.train.Checkpoint(model=model, optimizer=optimizer).write(tmp_dir + "/sub")
describe("subclassed+sgd", path, graph=False)

unbuilt = Net()
status = tf.train.Checkpoint(model=unbuilt).read(path).expect_partial()
status.assert_existing_objects_matched()
show("unbuilt model matched", "passed")
unbuilt(x)
show("first layer after the model's first call", unbuilt.first.kernel)
show("list of layers not restored", unbuilt.blocks[0].kernel)
dense = tf.keras.layers.Dense(2, kernel_initializer="ones")
layer_path = tf.train.Checkpoint(layer=model.first).write(tmp_dir + "/layer")
tf.train.Checkpoint(layer=dense).read(layer_path)
dense(x)
show("a layer restored when built", dense.kernel)
""",
)

case(
    "checkpoint_manager",
    "exact",
    """
step = tf.Variable(0, dtype=tf.int64)
ckpt = tf.train.Checkpoint(step=step)
manager = tf.train.CheckpointManager(ckpt, tmp_dir + "/run", max_to_keep=2)
show("latest before", manager.latest_checkpoint)
show("restore_or_initialize, nothing saved", manager.restore_or_initialize())
for _ in range(3):
    step.assign_add(1)
    show("save", manager.save())
show("checkpoints", manager.checkpoints)
show("latest", manager.latest_checkpoint)
show("files", sorted(os.listdir(tmp_dir + "/run")))
state = open(tmp_dir + "/run/checkpoint").read().splitlines()
timeless = [line.split(":")[0] + ": TIME" if "timestamp" in line else line for line in state]
show("state file", timeless)
show("save with a number", manager.save(checkpoint_number=100))
show("save_counter", ckpt.save_counter)
show("checkpoints after", manager.checkpoints)

again = tf.train.CheckpointManager(
    tf.train.Checkpoint(step=tf.Variable(0, dtype=tf.int64)), tmp_dir + "/run", max_to_keep=2,
    checkpoint_name="other")
show("recovered checkpoints", again.checkpoints)
show("restore_or_initialize", again.restore_or_initialize())
show("restored step", again.checkpoint.step)
show("named", again.save())
show("files after", sorted(os.listdir(tmp_dir + "/run")))
show("latest_checkpoint", tf.train.latest_checkpoint(tmp_dir + "/run"))
error("max_to_keep=0", lambda: tf.train.CheckpointManager(ckpt, tmp_dir, max_to_keep=0))
""".replace("os.listdir", "__import__('os').listdir"),
)

case(
    "module_with_adam_checkpoint_files",  # the recorder also keeps this checkpoint's files
    "close",
    """
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2) / 10)
        self.b = tf.Variable(np.zeros(2, np.float32))
        self.out = tf.Variable(np.ones((2, 1), np.float32))

    def __call__(self, inputs):
        return tf.matmul(tf.nn.relu(tf.matmul(inputs, self.w) + self.b), self.out)

model, optimizer = Model(), tf.keras.optimizers.Adam(0.1)
x = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(model(x) - 1.0))
grads = tape.gradient(loss, model.trainable_variables)
optimizer.apply_gradients(zip(grads, model.trainable_variables))
path = tf.train.Checkpoint(model=model, optimizer=optimizer).save(tmp_dir + "/ckpt")
describe("module+adam", path, graph=False)
show("output", model(x))
""",
)

case(
    "tf1_optimizer_slot_variables",
    "close",
    """
v = tf.Variable([1.0, 2.0])
optimizer = tf.compat.v1.train.AdamOptimizer(0.1)

def step(v, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(v * v)
    optimizer.apply_gradients([(tape.gradient(loss, v), v)])

step(v, optimizer)
path = tf.train.Checkpoint(v=v, opt=optimizer).write(tmp_dir + "/tf1")
describe("variable+adam", path)

new_v, new_optimizer = tf.Variable([0.0, 0.0]), tf.compat.v1.train.AdamOptimizer(0.1)
status = tf.train.Checkpoint(v=new_v, opt=new_optimizer).read(path)
show("slot m made by the restore", new_optimizer.get_slot(new_v, "m"))
error("beta powers wait for the first step", status.assert_consumed)
step(new_v, new_optimizer)
step(v, optimizer)
status.assert_consumed()
show("assert_consumed after a step", "passed")
show("same step", [new_v, v])

late = tf.compat.v1.train.AdamOptimizer(0.1)
status = tf.train.Checkpoint(opt=late).read(path)
late_v = tf.Variable([0.0, 0.0])
tf.train.Checkpoint(v=late_v, opt=late).read(path)
show("slot restored once its variable is", late.get_slot(late_v, "v"))
""",
)

case(
    "tracked_containers_and_name_scopes",
    "exact",
    """
class Holder(tf.Module):
    pass

h = Holder()
h.items = []
h.items.append(tf.Variable(1.0))
h.items.extend([tf.Variable(2.0), 3])
h.items += [tf.Variable(4.0)]
show("appended children", sorted(h.items._trackable_children()))
show("list equals a list", h.items[2:3] == [3])
error("hash of a tracked list", lambda: hash(h.items))
h.items.pop()
error("popped, then saved", lambda: tf.train.Checkpoint(h=h).write(tmp_dir + "/pop"))

s = Holder()
s.numbers = [3, 1, 2]
s.numbers.sort()
written = tf.train.Checkpoint(s=s).write(tmp_dir + "/s")
show("sorting numbers is fine", [list(s.numbers), written])

d = Holder()
d.table = {1: tf.Variable(1.0)}
error("non-string key", lambda: tf.train.Checkpoint(d=d).write(tmp_dir + "/d"))
d2 = Holder()
d2.table = {"w": tf.Variable(1.0)}
d2.table["z"] = tf.Variable(2.0)
del d2.table["w"]
path = tf.train.Checkpoint(d=d2).write(tmp_dir + "/d2")
show("dict after del", [k for k, _ in tf.train.list_variables(path)])

t = Holder()
t.pair = (tf.Variable(1.0), [tf.Variable(2.0)])
show("tuple type", type(t.pair).__name__)
show("tuple equals", t.pair[1] == t.pair[1])
path = tf.train.Checkpoint(t=t).write(tmp_dir + "/t")
show("tuple keys", [k for k, _ in tf.train.list_variables(path)])
t.plain = (1, 2)
show("tuple of numbers stays a tuple", type(t.plain).__name__)

class Scoped(tf.Module):
    @tf.Module.with_name_scope
    def make(self):
        return tf.Variable(1.0, name="w")

scoped = Scoped()
show("name_scope name", scoped.name_scope.name)
show("with_name_scope keeps the method name", Scoped.make.__name__)
show("variable made in the scope", scoped.make().name)
""",
)

case(
    "checkpoint_manager_keep_every_n_hours_and_interval",
    "exact",
    """
import os
ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
keep = tf.train.CheckpointManager(ckpt, tmp_dir + "/keep", max_to_keep=1,
                                  keep_checkpoint_every_n_hours=0)
for _ in range(3):
    keep.save()
show("kept files", sorted(os.listdir(tmp_dir + "/keep")))
show("managed checkpoints", keep.checkpoints)

step = tf.Variable(0, dtype=tf.int64)
every = tf.train.CheckpointManager(tf.train.Checkpoint(step=step), tmp_dir + "/every",
                                   max_to_keep=None, step_counter=step, checkpoint_interval=3)
saved = []
for i in range(8):
    step.assign(i)
    saved.append(every.save())
show("saved by interval", saved)
show("forced", every.save(check_interval=False))
error("interval without step_counter", lambda: tf.train.CheckpointManager(
    ckpt, tmp_dir, max_to_keep=1, checkpoint_interval=2))
show("directory", every.directory == tmp_dir + "/every")
show("checkpoint_interval", every.checkpoint_interval)
""",
)

case(
    "keras_compiled_model_holds_its_optimizer",
    "close",
    """
dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
model = tf.keras.Sequential([tf.keras.Input((3,)), dense])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1, momentum=0.5), loss="mse", metrics=["mae"])
x = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
model.fit(x, np.ones((4, 1), np.float32), verbose=0, batch_size=4, shuffle=False)
path = tf.train.Checkpoint(model=model).write(tmp_dir + "/compiled")
describe("compiled", path, graph=False)
""",
)

case(
    "name_based_saver_checkpoint",
    "exact",
    """
path = data_dir + "/tf_checkpoints/saver/model.ckpt-7"  # written by TF 1's Saver
m = tf.Module()
m.kernel = tf.Variable(tf.zeros([3, 2]), name="dense/kernel")
m.unknown = tf.Variable(0.0, name="nothing")
checkpoint = tf.train.Checkpoint(m=m)
status = checkpoint.restore(path)
show("status", type(status).__name__)
show("kernel restored by name", m.kernel)
error("a variable the checkpoint lacks", status.assert_consumed)
m.bias = tf.Variable(tf.zeros([2], dtype=tf.float64), name="dense/bias")
show("a variable added later", m.bias)
other = tf.Module()
other.step = tf.Variable(0, dtype=tf.int64, name="global_step")
status = tf.train.Checkpoint(m=other).restore(path)
status.assert_consumed()
show("global_step", other.step)
""",
)
