"""The Gradio web app (work in progress)."""
