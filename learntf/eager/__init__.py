"""Eager-mode tools: the gradient tape (lesson 11) and the TF1 contrib eager API (lesson 09)."""
