"""Serialization, outside the core: graphs as TensorFlow's file formats.

`proto` is a small protocol-buffer library (the text and binary forms, and the messages learntf
uses); `graph_io` turns a graph into a GraphDef and back (`Graph.as_graph_def`,
`tf.import_graph_def`, `tf.train.write_graph`); `meta_graph` writes and reads the `.meta` file
(`tf.train.export_meta_graph`, `import_meta_graph`).
"""
