"""The comparison stage: how the articles of a dossier relate to each other.

It finds the sentences articles share (verbatim, near-verbatim or rewritten), the quotations
they have in common (also where one article paraphrases what another quotes) with a word-level
collation of the versions, how each article describes each shared entity, the dates they
mention, how similar they are, and which entities only one of them names.

`compare()` computes it all and returns one `Comparison` record; the site layer
(`dossier.site.compare_page`, `descriptor_tables`, `compare_json`) renders it. The modules:

- `comparison`: the `Comparison` record and `compare()`, the order of work;
- `words`: folded words and content words, what everything else compares;
- `reading`: what is read of each article alone (sentences, keys, dates, word bag), cached;
- `dates`: the dates an article mentions, resolved against its publication date;
- `matching`: which sentences and quotations of different articles are one text (linear time);
- `passages`: shared passages, and how much of each article is shared or derived;
- `quotations`: direct quotations and their speakers;
- `quote_groups`: one statement across articles, quoted or paraphrased, and its continuation;
- `collation`: word-level alignment of two versions and the class of each difference;
- `descriptors`, `contradictions`: how articles describe an entity, and where they disagree;
- `similarity`, `coverage`: tf-idf similarity of articles; mentions of entities per article;
- `stories`, `story_file`: which articles report one story, and the user's stories.yml;
- `findings`: each finding's kind, evidence, confidence and level (marked, review, info);
- `word_choice`: how each outlet names and labels each shared entity;
- `paragraphs`: what each paragraph shares with other articles, for the article pages.
"""

from .comparison import Comparison, StoryView, compare, contradictions_for, descriptors_for
from .story_file import load_stories

__all__ = ["Comparison", "StoryView", "compare", "contradictions_for", "descriptors_for", "load_stories"]
