"""Train the learned name-span model (one small spaCy NER per language) from the dev annotations.

    python -m kg.extract.learned_names_train [--lang zh|en] [--out ontology/models] [--epochs N]
    python -m kg.extract.learned_names_train --cv FOLDS --lang zh     (grouped cross-validation, see learned_names_cv)

A blank pipeline of the language (Chinese tokenised by characters, as kg.extract.nlp.blank_pipeline) with a beam NER
(trained greedily, scored by beam search at prediction) over a small hash-embedding CNN tok2vec; labels are class families (kg.extract.learned_names_data).  Deterministic:
fixed seeds, the examples in file order shuffled by a seeded generator, one thread.  The model is saved under
ontology/models/names-<lang>/ (a temp folder renamed into place).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from kg.core.errors import InputError
from kg.extract.learned_names_data import LABELS, passages, training_files

log = logging.getLogger(__name__)

SEED = 0
EPOCHS = 6
BATCH = 1  # passages per update: many small updates (the annotations are few)
DROP = 0.1
WIDTH = 64
EMBED_ROWS = 5000
DEPTH = 4  # with window 1: four characters (words) of context on each side


def _model_config() -> dict:
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": WIDTH,
            "depth": DEPTH,
            "embed_size": EMBED_ROWS,
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


def train(data: list, lang: str, epochs: int = EPOCHS):
    """A pipeline trained on *data* (passages of kg.extract.learned_names_data)."""
    import spacy
    from spacy.util import minibatch

    spacy.util.fix_random_seed(SEED)
    nlp = blank(lang)
    train_examples = examples(nlp, data)
    optimizer = nlp.initialize(lambda: train_examples)
    rng = random.Random(SEED)
    order = list(range(len(train_examples)))
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict = {}
        for batch in minibatch([train_examples[i] for i in order], size=BATCH):
            nlp.update(batch, sgd=optimizer, drop=DROP, losses=losses)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.extract.learned_names_train", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("zh", "en"), action="append", help="language (default: both)")
    parser.add_argument("--out", type=Path, default=None, help="models folder (default: ontology/models)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--gold", type=Path, default=None, help="annotations folder (its dev/ and sample/ are read)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from kg.core.resources import ontology_dir

    out = args.out or ontology_dir() / "models"
    try:
        files = training_files(args.gold)
        if not files:
            raise InputError("no dev annotation files found")
        for lang in args.lang or ["en", "zh"]:
            data = passages(files, lang)
            nlp = train(data, lang, args.epochs)
            save(nlp, model_folder(out, lang))
            print(f"{lang}: {len(data)} passages, {sum(len(s) for _, s, _ in data)} spans -> {model_folder(out, lang)}")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
