import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

logdir = tempfile.mkdtemp()
step_text = tf.placeholder(tf.string, [], name="note")
wave = tf.sin(tf.range(80, dtype=tf.float32) / 4.0)
tf.summary.scalar("loss", tf.reduce_mean(wave))
tf.summary.histogram("wave", wave)
tf.summary.image("square", tf.reshape(wave[:16], [1, 4, 4, 1]))
tf.summary.audio("tone", tf.reshape(wave, [2, 40]), sample_rate=8000, max_outputs=2)
tf.summary.text("note", step_text)
merged = tf.summary.merge_all()
print(len(tf.get_collection(tf.GraphKeys.SUMMARIES)), merged.op.type)
writer = tf.summary.FileWriter(logdir)
with tf.Session() as sess:
    writer.add_summary(sess.run(merged, {step_text: "first run"}), 1)
writer.close()
events = os.path.join(logdir, os.listdir(logdir)[0])
for event in tf.train.summary_iterator(events):
    for value in event.summary.value:
        print(
            event.step, value.tag, value.WhichOneof("value"), value.metadata.plugin_data.plugin_name
        )
        if value.HasField("audio"):
            audio = value.audio
            print(audio.sample_rate, audio.num_channels, audio.length_frames, audio.content_type)
            print(len(audio.encoded_audio_string), audio.encoded_audio_string[:4])
        if value.HasField("tensor"):
            print(tf.make_ndarray(value.tensor))
