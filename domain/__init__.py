"""The process's own terms, pure: vocabulary (every accepted alias in one place), limits, who
may do what, and calendar arithmetic. Imports nothing of the project."""
