"""The learned name-span model: training data, deterministic training, the shipped models, gating and the switch."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.core.errors import InputError
from kg.extract import learned_names
from kg.extract.learned_names_data import case_spans, passages, training_files
from kg.extract.learned_names_train import model_folder, save, train
from kg.extract.nlp import normalize

# passages written for these tests (not from any annotation file), with their labelled spans
FIXTURES = [
    ("The Ministry of Justice of Ruritania and the Regional Programme for the Andes met in Vienna.",
     [("Ministry of Justice of Ruritania", "Organization"), ("Regional Programme for the Andes", "Programme")]),
    ("Officers of the Harbour Police Unit of Freedonia attended the Port Security Initiative.",
     [("Harbour Police Unit of Freedonia", "Organization"), ("Port Security Initiative", "Programme")]),
    ("鲁里塔尼亚司法部和安第斯区域方案在维也纳举行了会议。", [("鲁里塔尼亚司法部", "Organization"), ("安第斯区域方案", "Programme")]),
    ("弗里多尼亚港口警察局参加了港口安全举措。", [("弗里多尼亚港口警察局", "Organization"), ("港口安全举措", "Programme")]),
]


def _data(lang: str) -> list:
    out = []
    for text, names in FIXTURES:
        if (lang == "zh") == ("区" in text or "局" in text):
            out.append((text, sorted((text.index(n), text.index(n) + len(n), label) for n, label in names), "fixture"))
    return out


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_training_is_deterministic(tmp_path, lang):
    first, second = tmp_path / "a", tmp_path / "b"
    save(train(_data(lang), lang, epochs=2), model_folder(first, lang))
    save(train(_data(lang), lang, epochs=2), model_folder(second, lang))
    assert _digest(model_folder(first, lang)) == _digest(model_folder(second, lang))


def test_training_files_leave_out_the_test_half():
    files = training_files()
    assert files and not any("test" in f.parent.name for f in files)


def test_a_held_out_file_is_refused(tmp_path):
    held = tmp_path / "annotations" / "test" / "x.toml"
    held.parent.mkdir(parents=True)
    held.write_text('[[case]]\ntext = "x"\n', encoding="utf-8")
    with pytest.raises(InputError):
        passages([held], "en")


@pytest.mark.parametrize("text,items,expected", [
    ("Pakistan and the Anti-Narcotics Force of Pakistan", ["country/PAK", "new:NationalBody:Anti-Narcotics Force of Pakistan"],
     [("Pakistan", "Country"), ("Anti-Narcotics Force of Pakistan", "Organization")]),
    ("阿富汗禁毒部与毒品和犯罪问题办公室", ["new:NationalBody:阿富汗禁毒部", "organization/unodc", "country/AFG"],
     [("阿富汗禁毒部", "Organization"), ("毒品和犯罪问题办公室", "Organization")]),
], ids=["en-nested-state", "zh-nested-state"])
def test_case_spans_keep_the_longest_name(text, items, expected):
    norm = normalize(text).text
    lang = "zh" if "阿" in text else "en"
    assert [(norm[s:e], label) for s, e, label in case_spans(norm, lang, items)] == expected


@pytest.mark.parametrize("name,lang,cls", [
    ("Global Programme on Maritime Crime", "en", "Programme"),
    ("Ministry of Interior of Ruritania", "en", "NationalBody"),
    ("鲁里塔尼亚禁毒署", "zh", "NationalBody"),
    ("港口安全举措", "zh", "Initiative"),
    ("举措", "zh", None),
], ids=["en-programme", "en-ministry", "zh-agency", "zh-initiative", "zh-bare-head"])
def test_head_class(name, lang, cls):
    assert learned_names.head_class(name, lang) == cls


def test_switched_off_proposes_nothing():
    learned_names.configure(enabled=False)
    try:
        assert learned_names.propose("鲁里塔尼亚司法部和安第斯区域方案在维也纳举行了会议。", "zh", [], []) == []
    finally:
        learned_names.configure()


def test_folds_share_no_document():
    from kg.extract.folds import case_keys
    from kg.extract.gold import load_cases
    from kg.extract.learned_names_cv import fold_files

    folds = fold_files(training_files(), 2)
    owner = {}
    for number, files in enumerate(folds):
        for path in files:
            for case in load_cases(path):
                for key in case_keys(case, path):
                    assert owner.setdefault(key, number) == number, key


def test_switched_off_extraction_is_the_rules_alone(monkeypatch):
    from kg.extract import document
    from kg.extract.ingest import parse_document

    text = "鲁里塔尼亚司法部和安第斯区域方案在维也纳举行了会议。\n\nThe Harbour Police Unit of Freedonia joined the Port Security Initiative."
    learned_names.configure(enabled=False)
    try:
        off = document.Extractor().extract(parse_document("a.txt", text.encode(), None))
        monkeypatch.setattr(document, "with_learned", lambda text, lang, matches, minted: minted)
        alone = document.Extractor().extract(parse_document("a.txt", text.encode(), None))
    finally:
        learned_names.configure()
    assert (off.mentions, off.relations, off.new_entities) == (alone.mentions, alone.relations, alone.new_entities)


STUB_TEXT = "鲁里塔尼亚海港安全局与港口禁毒署合作。"


@pytest.mark.parametrize("span,score,matches,minted,kept", [
    ((0, 10, "Organization"), 0.95, [], [], True),
    ((0, 10, "Organization"), 0.5, [], [], False),  # below min_score
    ((0, 10, "Programme"), 0.95, [], [], False),  # the head (局) is an organisation's, not a programme's
    ((0, 7, "Organization"), 0.95, [], [], False),  # no head word at its end (鲁里塔尼亚海港)
    ((0, 10, "Organization"), 0.95, [(8, 13)], [], False),  # crosses a linked name
    ((0, 10, "Organization"), 0.95, [(0, 10)], [], False),  # is a linked name
    ((0, 10, "Organization"), 0.95, [(0, 5)], [], True),  # a linked name nested in it (the State)
    ((0, 10, "Organization"), 0.95, [], [(5, 10)], False),  # overlaps a name the rules minted
], ids=["kept", "low-score", "family-head-disagree", "no-head", "crosses-linked", "is-linked", "nests-linked", "rule-minted"])
def test_gates(monkeypatch, span, score, matches, minted, kept):
    from kg.extract.link import Match
    from kg.extract.minted import Minted

    monkeypatch.setattr(learned_names, "scored_spans", lambda text, lang: [(*span, score)])
    learned_names.configure(enabled=True, min_score=0.9)
    try:
        found = learned_names.propose(STUB_TEXT, "zh", [Match(s, e, "x", "Country", "label") for s, e in matches],
                                      [Minted(s, e, STUB_TEXT[s:e], "NationalBody", "zh") for s, e in minted])
    finally:
        learned_names.configure()
    assert [(m.start, m.end) for m in found] == ([span[:2]] if kept else [])


def test_a_missing_model_is_one_clear_error(tmp_path):
    learned_names.configure(enabled=True, models=str(tmp_path))
    try:
        with pytest.raises(InputError):
            learned_names.scored_spans("港口安全举措", "zh")
    finally:
        learned_names.configure()


@pytest.mark.parametrize("lang,text", [
    ("zh", "弗里多尼亚海关总署与港口安全举措在维也纳举行了会议。"),
    ("en", "The Customs Service of Freedonia and the Port Security Initiative met in Vienna."),
], ids=["zh", "en"])
def test_a_trained_model_loads_and_scores_the_same_twice(tmp_path, lang, text):
    save(train(_data(lang), lang, epochs=2), model_folder(tmp_path, lang))
    learned_names.configure(enabled=True, models=str(tmp_path))
    try:
        first = learned_names.scored_spans(text, lang)
        learned_names.configure(enabled=True, models=str(tmp_path))  # a fresh load
        second = learned_names.scored_spans(text, lang)
    finally:
        learned_names.configure()
    assert first == second
    assert all(0.0 <= score <= 1.0 + 1e-9 and 0 <= s < e <= len(text) for s, e, _, score in first)


def test_a_fold_model_retrains_when_its_settings_change(tmp_path, monkeypatch):
    from kg.extract import learned_names_cv

    trained = []
    monkeypatch.setattr(learned_names_cv, "training_files", lambda: [])
    monkeypatch.setattr("kg.extract.learned_names_train.train", lambda data, lang, epochs: trained.append(epochs) or "nlp")
    monkeypatch.setattr("kg.extract.learned_names_train.save", lambda nlp, folder: folder.mkdir(parents=True, exist_ok=True))
    learned_names_cv.train_fold(2, 0, "en", tmp_path, 1)
    learned_names_cv.train_fold(2, 0, "en", tmp_path, 1)  # same settings: reused
    learned_names_cv.train_fold(2, 0, "en", tmp_path, 2)  # other epochs: retrained
    assert trained == [1, 2]
