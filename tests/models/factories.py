"""Hand-built digests and a fake engine for the model tests (no cleaning stage needed)."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.records import Comment, Digest, Segment, Source

EN_BODY = (
    "The city council approved a plan on Tuesday to rebuild the old harbour bridge by 2027.",
    "Engineers said the current bridge no longer carries heavy lorries safely. Repairs would cost "
    "almost as much as a new structure, the report found.",
    "Residents welcomed the decision but asked for a temporary ferry during the works.",
    "The mayor promised that the ferry would run every twenty minutes and be free of charge.",
)
FR_BODY = (
    "Le conseil municipal a approuvé mardi un projet de reconstruction du vieux pont du port.",
    "Selon les ingénieurs, le pont actuel ne supporte plus les camions lourds. Les travaux "
    "dureraient deux ans.",
    "Les habitants demandent un bac gratuit pendant le chantier.",
)


def make_digest(
    article_id: str = "article-0123456789",
    *,
    language: str = "en",
    body: Sequence[str] = EN_BODY,
    comments: Sequence[Comment] = (),
) -> Digest:
    return Digest(
        article_id=article_id,
        source=Source(path=f"{article_id}.txt", sha256="0" * 64, encoding="utf-8"),
        title="A test article",
        language=language,
        body=tuple(body),
        comments=tuple(comments),
    )


def mixed_comment() -> Comment:
    """A comment with an English and a French segment."""
    en = Segment("I live near the harbour and I agree with this plan.", "en", 0.95)
    fr = Segment("Enfin une bonne décision pour le quartier !", "fr", 0.9)
    return Comment(text=f"{en.text} {fr.text}", language="en", segments=(en, fr), author="Reader")


class FakeEngine:
    """A Seq2SeqModel stand-in: characters are tokens; ``generate`` echoes the input.

    ``detokenize`` prefixes the model id's last part in brackets, so a pivot shows both legs
    (``[en-de][fr-en]text``). Every ``generate`` call's batch size is recorded.
    """

    engine = "fake"
    EOS = 0

    def __init__(self, model_id: str, max_input_tokens: int = 512, keep: int | None = None) -> None:
        self.model_id = model_id
        self.location = f"/fake/{model_id}"
        self.max_input_tokens = max_input_tokens
        self.keep = keep  # summarizer-like: keep only the first ``keep`` tokens
        self.calls: list[int] = []
        self.tag = "[" + model_id.rsplit("-", 2)[-2] + "-" + model_id.rsplit("-", 1)[-1] + "]"

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        return [[ord(c) for c in text] + [self.EOS] for text in texts]

    def generate(self, batch_ids, *, max_new_tokens, min_new_tokens=0, num_beams=1):
        self.calls.append(len(batch_ids))
        for ids in batch_ids:
            assert len(ids) <= self.max_input_tokens, "engine got an input over its limit"
        outputs = []
        for ids in batch_ids:
            body = [i for i in ids if i != self.EOS]
            if self.keep is not None:
                body = body[: self.keep]
            outputs.append(body[:max_new_tokens])
        return outputs

    def detokenize(self, ids) -> str:
        return self.tag + "".join(chr(i) for i in ids)
