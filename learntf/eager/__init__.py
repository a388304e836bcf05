"""Eager-mode tools: the gradient tape (lesson 18) and the TF1 contrib eager API (lesson 14)."""
