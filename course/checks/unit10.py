"""Checks for exercises/10_visualizing_training.ipynb (lesson 10: summaries, event files, reading
them back, image summaries)."""

import glob
import os
import tempfile

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf1 as tf

# Question 1's training: learning rate, epochs, batches per epoch, and a point every 5th batch.
Q1_LEARNING_RATE, Q1_EPOCHS, Q1_BATCHES, Q1_EVERY = 0.1, 3, 10, 5


def _numpy_training_curve(fetch_batch, batch_size=100):
    """The MSE of every 5th batch before its gradient step, by plain NumPy gradient descent from
    theta = 0: what question 1's event file should hold."""
    steps, values, theta = [], [], None
    for epoch in range(Q1_EPOCHS):
        for batch_index in range(Q1_BATCHES):
            X_batch, y_batch = (
                np.asarray(a, dtype=np.float64) for a in fetch_batch(epoch, batch_index, batch_size)
            )
            if theta is None:
                theta = np.zeros((X_batch.shape[1], 1))
            error = X_batch @ theta - y_batch
            if batch_index % Q1_EVERY == 0:
                steps.append(epoch * Q1_BATCHES + batch_index)
                values.append(np.mean(error**2))
            theta -= Q1_LEARNING_RATE * 2.0 / len(X_batch) * X_batch.T @ error
    return steps, np.array(values)


def _event_files(logdir):
    return sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True))


def _events(logdir):
    """{run: [events]}: every event of every event file under `logdir`, read back with
    tf.train.summary_iterator, files in name order."""
    runs = {}
    for path in _event_files(logdir):
        run = os.path.relpath(os.path.dirname(path), logdir)
        runs.setdefault(run, []).extend(tf.train.summary_iterator(path))
    return runs


def _scalars(events):
    tags = {}
    for event in events:
        for value in event.summary.value:
            if value.HasField("simple_value"):
                tags.setdefault(value.tag, []).append((event.step, value.simple_value))
    return {
        tag: (np.array([s for s, _ in points]), np.array([v for _, v in points]))
        for tag, points in tags.items()
    }


@question(1)
def q1(logdir, fetch_batch):
    runs = _events(logdir)
    expect(runs, f"there is no event file in {logdir!r}: create the tf.summary.FileWriter on it.")
    expect(
        len(runs) == 1,
        f"{logdir!r} holds several runs ({', '.join(runs)}): write every point of this "
        "training with one FileWriter, into that directory.",
    )
    (events,) = runs.values()
    tags = _scalars(events)
    expect(
        tags,
        "the event file holds no point yet. A FileWriter keeps events in a buffer: call its "
        "close() (or flush()) when the training is done, so that they reach the disk.",
    )
    graphs = [event.graph_def for event in events if event.graph_def]
    expect(
        graphs,
        "the event file holds no graph: create the writer with the graph, "
        "tf.summary.FileWriter(logdir, tf.get_default_graph()), and write the points that "
        "running mse_summary returns (TensorBoard's Graphs tab draws that graph).",
    )
    graph_def = tf.GraphDef.FromString(graphs[-1])
    names = {node.name for node in graph_def.node}
    expect(
        {"loss/mse", "MSE"} <= names,
        "the graph in the event file is not the model's (no loss/mse and MSE ops): give the "
        "FileWriter the graph that build_model made, tf.get_default_graph().",
    )
    expect(
        "MSE" in tags, f"the event file has the tags {', '.join(tags)}; write mse_summary's value."
    )
    steps, values = tags["MSE"]
    expected_steps, expected_values = _numpy_training_curve(fetch_batch)
    steps = [int(s) for s in steps]
    if len(steps) > 1 and set(steps) == {0}:
        fail(
            "every point is at step 0: add_summary(summary) without its second argument, "
            "global_step, puts every event at step 0, and the curve collapses into a vertical "
            "line."
        )
    if len(steps) > 1 and (steps != sorted(steps) or len(set(steps)) < len(steps)):
        fail(
            f"the steps {steps} start again at 0 every epoch: batch_index restarts with each "
            "epoch. The step must count the batches trained since the start, across epochs."
        )
    expect(
        len(steps) == len(expected_steps),
        f"the event file holds {len(steps)} points; there should be one for every 5th batch "
        f"(batch_index % 5 == 0) of each of the {Q1_EPOCHS} epochs.",
    )
    expect(
        steps == expected_steps,
        f"the points are at steps {steps}: each should be at the number of "
        "batches trained before it, counted across epochs.",
    )
    expect(
        np.allclose(values, expected_values, rtol=1e-3, atol=1e-5),
        "the steps are right but not the values: write the MSE of the batch that is about to be "
        "trained, before running training_op on it (the first point is the MSE with the initial "
        "theta).",
    )


def _summary_tags():
    """Question 2's program in a graph of its own: the tags its two summaries write."""
    with tf.Graph().as_default():
        b = tf.placeholder(tf.float32, shape=(None,), name="b")
        mse = tf.reduce_mean(tf.square(b), name="mse")
        first = tf.summary.scalar("MSE", mse)
        second = tf.summary.scalar("MSE", mse)
        with tf.Session() as sess:
            values = sess.run([first, second], feed_dict={b: [1.0]})
    return tuple(tf.summary.Summary.FromString(value).value[0].tag for value in values)


@question(2)
def q2(tags):
    expect(
        isinstance(tags, (list, tuple))
        and len(tags) == 2
        and all(isinstance(t, str) for t in tags),
        'tags should be a pair of strings, like ("a", "b").',
    )
    expected = _summary_tags()
    if tags[0] == tags[1]:
        fail("two ops of one graph never share a name, and a summary's tag is its op's name.")
    expect(
        tuple(tags) == expected,
        "a summary op is named after its tag, and the graph already has an op called `mse`. "
        "TensorFlow compares names ignoring case when it makes them unique.",
    )


def _merged_file_counts(steps, images):
    """Question 3's program, run in a graph and a folder of its own: (events in the file, values
    in each summary event)."""
    with tf.Graph().as_default() as graph, tempfile.TemporaryDirectory() as logdir:
        loss = tf.placeholder(tf.float32, shape=(), name="loss_value")
        tf.summary.scalar("loss", loss)
        tf.summary.image("digits", tf.constant(images))
        merged = tf.summary.merge_all()
        with tf.Session() as sess, tf.summary.FileWriter(logdir, graph) as writer:
            for step in range(steps):
                writer.add_summary(sess.run(merged, feed_dict={loss: 1.0 / (step + 1)}), step)
        (events,) = _events(logdir).values()
    values = {len(event.summary.value) for event in events if event.summary.value}
    (per_summary,) = values
    return len(events), per_summary


@question(3)
def q3(n_events, n_values, images):
    expect(
        all(isinstance(x, (int, np.integer)) for x in (n_events, n_values)),
        "n_events and n_values should be whole numbers: your predictions.",
    )
    expected_events, expected_values = _merged_file_counts(3, np.asarray(images, np.float32))
    if n_events == 3:
        fail(
            "an event file holds more than the 3 summaries: look at the first events lesson 10 "
            "read back with summary_iterator, before any summary."
        )
    expect(
        n_events == expected_events,
        f"{n_events} events is not what the file holds: count the file's version, what "
        "FileWriter(logdir, graph) writes about the graph, then one event per add_summary call.",
    )
    if n_values == 2:
        fail(
            "merge_all merges the scalar and the image summary, but an image summary writes one "
            "value per image it keeps, each with a tag of its own."
        )
    if n_values == 1 + len(images):
        fail(
            "tf.summary.image does not keep every image of the batch: its max_outputs argument "
            "has a default."
        )
    expect(
        n_values == expected_values,
        "each summary event holds one value for the scalar plus one per image the image "
        "summary keeps.",
    )


@question(4)
def q4(logdir, images):
    images = np.asarray(images)
    runs = _events(logdir)
    expect(runs, f"there is no event file in {logdir!r}: run the whole program, writer included.")
    (events,) = runs.values() if len(runs) == 1 else (None,)
    expect(events is not None, f"{logdir!r} should hold one run, not {', '.join(runs)}.")
    per_step = {}
    for event in events:
        for value in event.summary.value:
            if value.HasField("image"):
                per_step.setdefault(event.step, []).append((value.tag, value.image))
    expect(per_step, "the event file holds no image: keep the tf.summary.image op and write it.")
    expect(
        sorted(per_step) == [0, 1],
        f"images were written at steps {sorted(per_step)}: keep the program's two steps, 0 and 1.",
    )
    wanted = [f"digits/image/{i}" for i in range(len(images))]
    for step, values in sorted(per_step.items()):
        tags = sorted(tag for tag, _ in values)
        if len(tags) == 3 and tags == wanted[:3]:
            fail(
                f"step {step} still holds 3 images: tf.summary.image keeps at most max_outputs "
                "images of a batch, and its default is 3."
            )
        expect(
            tags == wanted,
            f"step {step} holds the images {tags}: one tf.summary.image op of the whole batch "
            f"'digits' writes them as {wanted[0]} ... {wanted[-1]}, one tag per image "
            "(separate summary ops get separate names).",
        )
        for _, image in values:
            expect(
                (image.height, image.width, image.colorspace) == images.shape[1:]
                and image.encoded_image_string.startswith(b"\x89PNG"),
                f"an image at step {step} is {image.height}x{image.width}x{image.colorspace}: "
                "log the batch `images` as it is, shape [batch, height, width, channels].",
            )
        encoded = [image.encoded_image_string for _, image in sorted(values, key=lambda v: v[0])]
        expect(
            len(set(encoded)) == len(encoded),
            "two of the logged images are the same picture: log the four different images of "
            "the batch.",
        )


Q5_PAYLOADS = (30, 45, 50)


def _framed_records():
    """Question 5: the file learntf's event writer frames for payloads of Q5_PAYLOADS bytes
    (each payload one repeated letter), so the expected answer never drifts from the engine."""
    import io

    from learntf.summary import writer as event_writer

    buffer = io.BytesIO()
    record_writer = event_writer._record_writer()(buffer)
    payloads = [letter * size for letter, size in zip((b"a", b"b", b"c"), Q5_PAYLOADS)]
    for payload in payloads:
        record_writer.write(payload)
    framed = buffer.getvalue()
    return len(framed), framed.find(payloads[-1])


@question(5, optional=True)
def q5(file_size, third_starts):
    for name, value in (("file_size", file_size), ("third_starts", third_starts)):
        expect(
            isinstance(value, (int, np.integer)) and not isinstance(value, bool),
            f"{name} should be a whole number of bytes.",
        )
    size, start = _framed_records()
    data = sum(Q5_PAYLOADS)
    per_record = (size - data) // len(Q5_PAYLOADS)  # framing bytes around each payload
    header = start - (Q5_PAYLOADS[0] + Q5_PAYLOADS[1] + 2 * per_record)  # before a payload
    if file_size == data:
        fail(
            "the file holds more than the events: each record carries framing besides its data. "
            "Count the parts that RecordWriter.write joins, and their struct formats."
        )
    expect(
        file_size == size,
        f"a file of {file_size} bytes does not fit these records. Count the bytes of each part "
        "RecordWriter.write joins ('<Q' packs 8 bytes, '<I' packs 4) for one record, then add.",
    )
    if third_starts == start - header:
        fail(
            "that offset is where the third record starts, but its data comes after its own "
            "header: which parts does RecordWriter.write put before the data?"
        )
    if third_starts == start + (per_record - header):
        fail(
            "one checksum too many before the data: the data's checksum is written after the "
            "data, as the footer."
        )
    expect(
        third_starts == start,
        f"the third event's data does not start at byte {third_starts}. Add up the two whole "
        "records before it, then the parts of the third record that come before its data.",
    )
