"""archive.analysis.similarity: the scorer and one-to-one matcher shared by threading."""

from cdrp_archive.archive.analysis.similarity import Similarity, content_words, match


def test_content_words_drop_stopwords_and_fold_plurals():
    assert content_words("Assist the vulnerable individuals in their homes") == {
        "assist",
        "vulnerable",
        "individual",
        "home",
    }


def test_a_rare_shared_word_outweighs_a_common_one():
    texts = ["Set up Homeshield scheme", "Run the scheme", "Start a scheme", "Fund the scheme"]
    sim = Similarity(texts)
    rare = sim.score("Set up Homeshield scheme", "Assist people through Homeshield")
    common = sim.score("Set up Homeshield scheme", "Run the scheme")
    assert sim.idf("homeshield") > sim.idf("scheme")
    assert rare > common


def test_an_expanded_successor_scores_one():
    sim = Similarity(["Develop benefits case", "Refine benefits case in light of comments"])
    assert sim.score("Develop benefits case", "Develop benefits case for DVLA data") == 1.0


def test_match_is_one_to_one_best_first_and_honours_the_threshold():
    earlier = ["Send letter to Ordnance Survey", "Set up meeting with OS", "Publish minutes"]
    later = ["Set up meeting with OS", "Send letter to Ordnance Survey on costs", "ODUG branding"]
    found = match(earlier, later, lambda t: t, threshold=0.6)
    assert [(m.earlier, m.later) for m in found] == [
        ("Set up meeting with OS", "Set up meeting with OS"),
        ("Send letter to Ordnance Survey", "Send letter to Ordnance Survey on costs"),
    ]
    assert all(m.score >= 0.6 for m in found)


def test_match_respects_allowed_and_a_custom_normaliser():
    def letters(text):
        return set((text or "").lower().split())

    sim = Similarity(["a b", "a c"], normalise=letters)
    found = match(["a b"], ["a b", "a c"], lambda t: t, 0.4, sim, allowed=lambda a, b: b != "a b")
    # shared "a" (idf 1) over the weight of "a c": 1 / (1 + 1 + ln 1.5) = 0.4157
    assert [(m.later, m.score) for m in found] == [("a c", 0.4157)]
    assert match(["a b"], ["a c"], lambda t: t, 0.42, sim) == []
