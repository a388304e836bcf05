import tensorflow as tf

print(tf.DeviceSpec.from_string("/job:worker/task:1/gpu:0").to_string())
print(tf.DeviceSpec.from_string("/cpu:0").device_type)
with tf.device("/device:CPU:0"):
    print(tf.ones([2]).device)
with tf.device(lambda op: "/cpu:0"):
    print("never")
