"""The site's build steps as plain functions, with no MkDocs in them.

Each module does one step: draw the figures, fill the facts in the prose,
check the snippet includes, turn the executed labs into pages, typeset the
maths. The hooks in ``hooks/*.py`` are the thin MkDocs layer that calls them;
moving to another site generator means rewriting that layer only.
"""
