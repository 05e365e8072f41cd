"""The package's own words in Korean: the catalog mlelib.po is complete and keeps the
English's placeholders, maths and numbers; the checker and the explorers speak Korean in
the Korean edition while every key and number a program reads stays the same."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import polib
import pytest
from explorer_specs import all_specs
from glyph_log import missing_glyphs
from matplotlib.text import Text

from mlelib.engine.export import stored_notes
from mlelib.exercises import check, feedback, is_right, load_key
from mlelib.i18n import FIGURE_TEXT

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import package_messages
from translations import glossary, problems, term_problems

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# an English word a learner would read (3+ lowercase letters, outside $maths$)
ENGLISH_WORD = re.compile(r"[a-z]{3,}")
SPECS = {spec.title: spec for spec in all_specs()}


def _catalog() -> polib.POFile:
    return polib.pofile(str(package_messages.catalog_path("ko")))


def _has_words(text: str) -> bool:
    return bool(ENGLISH_WORD.search(re.sub(r"\$[^$]*\$", " ", text)))


@pytest.fixture
def korean(monkeypatch):
    monkeypatch.setenv("MLELIB_LANG", "ko")


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv("MLELIB_LANG", "en")


# ---------------------------------------------------------------- the catalog

def test_every_message_of_the_package_has_a_korean_translation():
    wanted = package_messages.units()
    assert len(wanted) > 300, "the extractor found the package's messages"
    missing = problems(_catalog(), wanted, place="exercise")
    assert not missing, "mlelib/locale/ko/mlelib.po (python tools/package_messages.py " \
                        "update, then translate):\n" + "\n".join(missing)


def test_translations_keep_placeholders_maths_numbers_and_glossary_terms():
    po = _catalog()
    found = package_messages.form_problems(po) + term_problems(po, glossary("ko"),
                                                               place="exercise")
    assert not found, "\n".join(found)


def test_the_form_check_catches_a_lost_placeholder_maths_span_and_number():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="give {count} numbers for $\\mu$ to 4 decimals",
                            msgstr="수를 주십시오", occurrences=[("here.py", "1")]))
    found = package_messages.form_problems(po)
    assert [line.split("changes its ")[1].split("s (")[0] for line in found] == \
        ["placeholder", "maths", "number"]


def test_the_extractor_reports_a_message_that_is_not_a_literal(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('from mlelib.i18n import gettext as _\n\nword = "x"\n'
                      'ok = _("a literal", context="key")\nbad = _(word)\n'
                      'also_bad = _("text", context=word)\n', encoding="utf-8")
    with pytest.raises(package_messages.ExtractionError) as error:
        package_messages.code_units(module)
    assert "module.py:5" in str(error.value) and "module.py:6" in str(error.value)


def test_the_extractor_finds_code_and_answer_key_texts(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('def f(_, N_):\n    return _("one", context="c"), N_("two")\n',
                      encoding="utf-8")
    assert [(u.context, u.text) for u in package_messages.code_units(module)] == \
        [("c", "one"), (None, "two")]
    key = {(u.context, u.text) for u in package_messages.answer_key_units()}
    tiled = load_key()["02-tiled"]
    assert ("02-tiled", tiled.right) in key and ("02-tiled", tiled.otherwise) in key
    assert all(("02-tiled", m.hint) in key for m in tiled.mistakes)


# ---------------------------------------------------------------- the checker

def _answers(exercise):
    """The right answer, every listed mistake, a malformed answer and a wrong number."""
    yield exercise.answer
    yield from (m.value for m in exercise.mistakes)
    yield from ("text", None, ..., [1.0, 2.0, 3.0, 4.0], float("nan"))
    if not exercise.choices:
        yield -np.asarray(exercise.answer, dtype=float) * 3.7 + 11.0


def test_the_checker_speaks_korean_in_the_korean_edition(korean, capsys):
    for key, exercise in load_key().items():
        for answer in _answers(exercise):
            check(key, answer)
            line = capsys.readouterr().out
            assert HANGUL.search(line), f"{key}, answer {answer!r}: {line!r}"
            assert line.startswith(("✓", "✗ 아직 아닙니다:")), line


def test_the_korean_checker_judges_as_the_english_one(monkeypatch):
    exercises = load_key()
    verdicts = {}
    for language in ("en", "ko"):
        monkeypatch.setenv("MLELIB_LANG", language)
        verdicts[language] = [(is_right(key, a), feedback(e, a)[0])
                              for key, e in exercises.items() for a in _answers(e)]
    assert verdicts["en"] == verdicts["ko"]


def test_a_generic_hint_fills_its_korean_template(korean):
    line = feedback(load_key()["02-tiled"], 931.2409262)
    assert line == ("✗ 아직 아닙니다: 부호가 틀렸습니다. 여기서 구하는 양의 값은 음수입니다. "
                    "계산 과정의 마이너스 부호를 하나씩 확인하세요.")


# ---------------------------------------------------------------- the explorers

@pytest.fixture(scope="module")
def built_in_both():
    """Every explorer built in English and in Korean (built once: it takes a while)."""
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        for language in ("en", "ko"):
            patch.setenv("MLELIB_LANG", language)
            out[language] = {title: spec.build() for title, spec in SPECS.items()}
    return out


@pytest.mark.parametrize("title", sorted(SPECS))
def test_a_korean_explorer_shows_korean_names_and_the_same_numbers(built_in_both, title,
                                                                    korean):
    en, ko = built_in_both["en"][title], built_in_both["ko"][title]
    assert list(en.sliders) == list(ko.sliders), "slider keys never change"
    given = en.png_metadata.get(FIGURE_TEXT, [])   # the notebook's words: its own catalog
    for name in en.sliders:
        shown = ko.sliders[name].description
        if _has_words(en.sliders[name].description) and shown not in given:
            assert HANGUL.search(shown), f"slider {name!r} shows {shown!r}"
    readout_en, readout_ko = en.readout_for(**en.values), ko.readout_for(**ko.values)
    assert list(readout_en.numbers) == list(readout_ko.numbers), "quantity keys never change"
    assert readout_en.rows == readout_ko.rows
    for key, a in readout_en.numbers.items():
        assert repr(a) == repr(readout_ko.numbers[key]), key
        label = readout_ko.labels.get(key, key)
        if _has_words(key):
            assert HANGUL.search(label), f"{title}: quantity {key!r} shows {label!r}"
            assert label in readout_ko.text and label in readout_ko.html
    bundle = ko._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert HANGUL.search(bundle["text/plain"])


def test_an_english_explorer_is_unchanged(built_in_both):
    for title, explorer in built_in_both["en"].items():
        readout = explorer.readout
        assert readout.text == "\n".join(f"{k} = {v}" for k, v in readout.rows.items()), title


def test_the_site_notes_and_engine_sentences_follow_the_language(built_in_both, monkeypatch):
    explorer = built_in_both["ko"]["Heights: likelihood of a mean"]
    assert HANGUL.search(explorer.canvas.label)
    monkeypatch.setenv("MLELIB_LANG", "ko")
    notes = stored_notes(explorer.gettext)
    assert all(HANGUL.search(text) and "{position}" in text for text in notes.values())
    monkeypatch.setenv("MLELIB_LANG", "en")
    assert stored_notes(explorer.gettext)["readout"].startswith("This position was not computed")


@pytest.mark.parametrize("title", sorted(SPECS))
def test_a_korean_explorer_picture_has_every_glyph(title, korean):
    with missing_glyphs() as found:
        explorer = SPECS[title].build()   # draws its first frame
        explorer.full_draw_pixels()
    assert not found, found
    texts = [t.get_text() for t in explorer.picture.fig.findobj(Text)]
    assert any(HANGUL.search(text) for text in texts), "the picture's words are Korean"
