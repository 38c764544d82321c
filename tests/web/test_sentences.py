"""Numbered sentences of an article and finding the one a citation cites."""

from storyline.web.sentences import find, paragraphs

TEXT = ("The Lantern ferry ran aground off Quillon Point on Monday. Capt. Holt said all were safe.\n\n"
        "Tugs refloated the ferry on Tuesday.")


def test_paragraphs_keep_the_text_and_number_sentences_through_it():
    paras = paragraphs(TEXT)
    assert [[p.number for p in para if p.number] for para in paras] == [[1, 2], [3]]
    assert "".join(p.text for p in paras[0]) == TEXT.split("\n\n")[0]
    assert paragraphs("") == [] and paragraphs("   \n\n  ") == []


def test_find_exact_contained_reworded_or_none():
    assert find(TEXT, "Tugs refloated the ferry on Tuesday.") == 3
    assert find(TEXT, "Capt. Holt  said all were safe.") == 2  # spacing differs
    assert find(TEXT, "all were safe") == 2
    assert find(TEXT, "The Lantern ferry ran aground off Quillon Point.") == 1  # a copy dropped "on Monday"
    assert find(TEXT, "A crane collapsed in Vellmar.") is None
    assert find(TEXT, None) is None and find("", "x") is None
