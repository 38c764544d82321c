from storyline.extract.evaluation import mean_page_f1, mean_score, page_scores, rouge_lsum
from storyline.extract.language import detect_language


def test_language_detection():
    assert detect_language("The council said on Tuesday that the bridge would be closed for repairs until the end of the month.") == "en"
    assert detect_language("El consejo dijo el martes que el puente estará cerrado por reparaciones hasta el final del mes.") == "es"
    assert detect_language("엘제이 류화영 진흙탕 싸움 공적인 사안으로 봐야하는 이유") == "ko"
    assert detect_language("Hello world") is None
    assert detect_language("12345 !!!") is None


def test_shingle_metric():
    expected = "one two three four five six"
    assert page_scores(expected, expected) == (1.0, 1.0)
    assert page_scores(expected, "") == (0.0, 0.0)
    p, r = page_scores(expected, "one two three four five six seven eight")
    assert r == 1.0 and p == 3 / 5
    score = mean_score([(1.0, 0.5), (0.5, 1.0)])
    assert (score.precision, score.recall, round(score.f1, 4)) == (0.75, 0.75, 0.75)


def test_rouge_lsum_unites_each_expected_lines_lcs_over_predicted_lines():
    assert rouge_lsum("The cat sat\nthe dog ran", "the CAT sat") == (1.0, 0.5)
    precision, recall = rouge_lsum("alpha beta gamma delta epsilon", "alpha beta zeta\neta delta epsilon")
    assert (precision, recall) == (4 / 6, 4 / 5)
    assert rouge_lsum("ferry resumed", "") == (0.0, 0.0)
    assert mean_page_f1([(1.0, 0.5), (0.0, 0.0)]) == (2 / 3) / 2
