"""Random test models: what ``briefing models make-tiny`` builds and the test suite and bench run on.

- :mod:`briefing.testing.tiny` — ``make_models(dir, size="tiny"|"real")``: every default model id, random
  weights, real layouts and tokenizers
- :mod:`briefing.testing.corpus` — the bundled text the tiny tokenizers are trained from
- :mod:`briefing.testing.wordcorpus` — synthetic text from ``wordfreq`` lists for the real-size tokenizers

Telling a test model from a real one (its marker file, the ``test-model`` flag) is product code, in
:mod:`briefing.models.testmodel`.
"""
