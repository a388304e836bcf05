"""Serialization, outside the core: graphs as TensorFlow's file formats.

`tf_protos` loads TensorFlow's protobuf messages (from the `tensorboard` package, run by the
`protobuf` library, which writes their text and binary forms) on first use, and declares the few
no package ships; `graph_io` turns a graph into a GraphDef and back (`Graph.as_graph_def`,
`tf.import_graph_def`, `tf.train.write_graph`); `meta_graph` writes and reads the `.meta` file
(`tf.train.export_meta_graph`, `import_meta_graph`).
"""
