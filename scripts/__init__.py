"""Developer scripts, not shipped with the package: run them from the repository root as
`python -m scripts.<name>`, so they import the checkout's `qa` and `vectorstore` without
touching `sys.path`.
"""
