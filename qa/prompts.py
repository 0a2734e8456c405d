"""Every piece of text the system says on its own behalf, and every LLM prompt, in one place.

Named templates only; code elsewhere fills them with `.format(...)`. A test renders each.
"""

from __future__ import annotations

__all__ = ["ABSTAIN", "ABSTAIN_PREFIX", "FALLBACK_NOTICE"]

ABSTAIN_PREFIX = "The articles don't say"

# Shown when no passage answers the question well enough. {closest}: a short pointer.
ABSTAIN = ABSTAIN_PREFIX + ". {closest}"
ABSTAIN_CLOSEST = "The closest passage I found is in “{title}”, but it does not answer this."
ABSTAIN_NOTHING = "Nothing in the indexed articles matches this question."

# Shown above an answer that came from a fallback backend. {backend}, {reason}.
FALLBACK_NOTICE = "The {backend} backend failed ({reason}); this answer is extractive."
