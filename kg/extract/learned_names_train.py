"""Train the learned name-span model (one small spaCy NER per language) from the dev annotations.

The command is ``python tools/train_names.py`` (ontology/models/names-zh and names-en); cross-validation:
``python tools/cv_names.py`` (kg.extract.learned_names_cv).

A blank pipeline of the language (Chinese tokenised by characters, as kg.extract.nlp.blank_pipeline) with a beam NER
(trained greedily, scored by beam search at prediction) over a small hash-embedding CNN tok2vec; labels are class families (kg.extract.learned_names_data).  Deterministic:
fixed seeds, the examples in file order shuffled by a seeded generator, one thread (thinc's matrix products are blis's,
single-threaded; the command also sets the BLAS thread variables to 1).  Sizes, epochs and seed: rules.toml
[learned_names.training].  The model is saved under
ontology/models/names-<lang>/ (a temp folder renamed into place).
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
from pathlib import Path

from kg.extract.learned_names_data import LABELS

log = logging.getLogger(__name__)



def hyper() -> dict:
    """rules.toml [learned_names.training]: seed, epochs, batch, drop, width, embed_rows, depth, hidden_width."""
    from kg.core.resources import rules

    return rules()["learned_names"]["training"]


def _model_config() -> dict:
    h = hyper()
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": h["hidden_width"],
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": h["width"],
            "depth": h["depth"],
            "embed_size": h["embed_rows"],
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }


def blank(lang: str):
    """The untrained pipeline: blank zh (character segmenter) or en, and an NER."""
    import spacy

    nlp = spacy.blank("zh" if lang == "zh" else "en")
    ner = nlp.add_pipe("ner", config={"model": _model_config()})
    for label in LABELS:
        ner.add_label(label)
    return nlp


def examples(nlp, data: list) -> list:
    """spaCy Examples of (text, spans, group) passages; a span that does not fall on token bounds is widened to them."""
    from spacy.training import Example

    out = []
    for text, spans, _ in data:
        doc = nlp.make_doc(text)
        ents = []
        for s, e, label in spans:
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
            if span is not None and not any(x.start < span.end and span.start < x.end for x in ents):
                ents.append(span)
        ref = nlp.make_doc(text)
        ref.set_ents([ref.char_span(x.start_char, x.end_char, label=x.label_) for x in sorted(ents, key=lambda x: x.start)],
                     default="outside")
        out.append(Example(doc, ref))
    return out


def train(data: list, lang: str, epochs: int | None = None):
    """A pipeline trained on *data* (passages of kg.extract.learned_names_data)."""
    import spacy
    from spacy.util import minibatch

    h = hyper()
    epochs = h["epochs"] if epochs is None else epochs
    spacy.util.fix_random_seed(h["seed"])
    nlp = blank(lang)
    train_examples = examples(nlp, data)
    optimizer = nlp.initialize(lambda: train_examples)
    rng = random.Random(h["seed"])
    order = list(range(len(train_examples)))
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch([train_examples[i] for i in order], size=h["batch"]):
            nlp.update(batch, sgd=optimizer, drop=h["drop"], losses=losses)
        log.info("%s epoch %d loss %.1f", lang, epoch + 1, losses.get("ner", 0.0))
    return nlp


def save(nlp, folder: Path) -> None:
    """Write the pipeline to *folder* through a temp folder renamed into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        nlp.to_disk(tmp)
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def model_folder(out: Path, lang: str) -> Path:
    return out / f"names-{lang}"
