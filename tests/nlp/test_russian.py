"""Russian and Ukrainian extraction: the UD rewrite, citation forms, dash speech, name
keys (no model), then the natasha-backed pipeline on our own fictional sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sourcetrace import extract
from sourcetrace.nlp.forms import FORMS_KEY, citation
from sourcetrace.nlp.lexicon import load_lexicon
from sourcetrace.nlp.quotes import dash_speech, find_quotes
from sourcetrace.nlp.translit import canonical_outlet, name_key
from sourcetrace.nlp.ud import UdToken, penn_tag, to_clear
from tests.conftest import REPO


def ud(*rows: tuple[str, str, int, str], feats: dict[int, dict[str, str]] | None = None) -> list[UdToken]:
    """Tokens from ``(text, pos, head (1-based, 0 = root), rel)`` rows, as CoNLL-U writes them."""
    feats = feats or {}
    return [UdToken(t, p, feats.get(i, {}), h - 1, r) for i, (t, p, h, r) in enumerate(rows)]


# -- the UD rewrite ----------------------------------------------------------------------


def test_adposition_heads_its_noun_and_labels_are_renamed() -> None:
    # "Усов рассказал Би-би-си о пленных"
    sent = ud(
        ("Усов", "PROPN", 2, "nsubj"), ("рассказал", "VERB", 0, "root"),
        ("Би-би-си", "PROPN", 2, "iobj"), ("о", "ADP", 5, "case"), ("пленных", "NOUN", 2, "obl"),
    )
    heads, deps = to_clear(sent)
    assert deps == ["nsubj", "ROOT", "dative", "prep", "pobj"]
    assert heads == [1, 1, 1, 1, 3]


def test_flat_name_is_headed_by_its_last_word() -> None:
    # "Дмитрий Песков сказал"
    sent = ud(("Дмитрий", "PROPN", 3, "nsubj"), ("Песков", "PROPN", 1, "flat:name"), ("сказал", "VERB", 0, "root"))
    heads, deps = to_clear(sent)
    assert (heads, deps) == ([1, 2, 2], ["compound", "nsubj", "ROOT"])


def test_descriptor_noun_before_a_name_becomes_its_compound() -> None:
    # "правозащитница Валентина Чупик заявила"
    sent = ud(
        ("правозащитница", "NOUN", 4, "nsubj"), ("Валентина", "PROPN", 1, "appos"),
        ("Чупик", "PROPN", 2, "flat:name"), ("заявила", "VERB", 0, "root"),
    )
    heads, deps = to_clear(sent)
    assert deps[2] == "nsubj" and heads[2] == 3
    assert (heads[0], deps[0]) == (2, "compound") and (heads[1], deps[1]) == (2, "compound")


def test_appositive_after_a_comma_stays_an_apposition() -> None:
    # "Марта Великан, адвокат, заявила"
    sent = ud(
        ("Марта", "PROPN", 5, "nsubj"), ("Великан", "PROPN", 1, "flat:name"), (",", "PUNCT", 4, "punct"),
        ("адвокат", "NOUN", 1, "appos"), ("заявила", "VERB", 0, "root"),
    )
    heads, deps = to_clear(sent)
    assert deps[3] == "appos" and heads[3] == 1


def test_negation_possessive_and_genitive_modifier() -> None:
    # "его слова министерства не подтвердились"
    sent = ud(
        ("его", "DET", 2, "det"), ("слова", "NOUN", 5, "nsubj"), ("министерства", "NOUN", 2, "nmod"),
        ("не", "PART", 5, "advmod"), ("подтвердились", "VERB", 0, "root"),
        feats={2: {"Case": "Gen"}, 3: {"Polarity": "Neg"}},
    )
    _, deps = to_clear(sent, possessives=frozenset({"его"}))
    assert deps == ["poss", "nsubj", "poss", "neg", "ROOT"]


def test_cycles_are_broken_and_extra_roots_joined() -> None:
    sent = ud(("а", "X", 2, "dep"), ("б", "X", 1, "dep"), ("в", "VERB", 0, "root"), ("г", "VERB", 0, "root"))
    heads, _ = to_clear(sent)
    roots = [i for i, h in enumerate(heads) if h == i]
    assert len(roots) == 1
    for i in range(len(heads)):  # every path ends at the root
        k, steps = i, 0
        while heads[k] != k and steps < 10:
            k, steps = heads[k], steps + 1
        assert heads[k] == k


def test_quoted_caseless_name_after_a_recipient_verb_is_the_recipient() -> None:
    # "рассказала «Харбор Леджер» Марта Великан", the outlet glued to the subject
    sent = [
        UdToken("рассказала", "VERB", {}, -1, "root", "рассказать"),
        UdToken("«", "PUNCT", {}, 3, "punct"),
        UdToken("Харбор", "PROPN", {}, 3, "compound"),
        UdToken("Леджер", "PROPN", {"Case": "Nom"}, 6, "appos"),
        UdToken("»", "PUNCT", {}, 3, "punct"),
        UdToken("Марта", "PROPN", {"Case": "Nom"}, 0, "nsubj"),
        UdToken("Великан", "PROPN", {"Case": "Nom"}, 0, "nsubj"),
    ]
    heads, deps = to_clear(sent, dative_verbs=frozenset({"рассказать"}))
    assert (heads[3], deps[3]) == (0, "dative") and (heads[2], deps[2]) == (3, "compound")
    assert (heads[6], deps[6]) == (0, "nsubj") and (heads[5], deps[5]) == (6, "compound")


def test_penn_tags_from_ud_features() -> None:
    assert penn_tag("NOUN", {"Number": "Plur"}) == "NNS"
    assert penn_tag("PROPN", {}) == "NNP"
    assert penn_tag("VERB", {"VerbForm": "Inf"}) == "VB"
    assert penn_tag("VERB", {"VerbForm": "Conv"}) == "VBG"
    assert penn_tag("VERB", {"VerbForm": "Part", "Voice": "Pass"}) == "VBN"
    assert penn_tag("VERB", {"VerbForm": "Fin", "Tense": "Past"}) == "VBD"


# -- citation forms, quotes, name keys -----------------------------------------------------


def test_citation_inflects_the_head_and_its_agreeing_words_only() -> None:
    # "Министерства внутренних дел": only the head goes to the nominative
    words = ["Министерства", "внутренних", "дел"]
    doc = Doc(
        Vocab(), words=words, spaces=[True, True, False], heads=[0, 2, 0],
        deps=["ROOT", "amod", "poss"], morphs=["Case=Gen", "Case=Gen", "Case=Gen"],
    )
    doc.user_data[FORMS_KEY] = {0: "Министерство", 1: "внутренние", 2: "дела"}
    assert citation(list(doc)) == "Министерство внутренних дел"
    # "Валентины Чупик": a name's parts agree with its head
    doc = Doc(Vocab(), words=["Валентины", "Чупик"], heads=[1, 1], deps=["compound", "ROOT"], morphs=["Case=Gen", "Case=Gen"])
    doc.user_data[FORMS_KEY] = {0: "Валентина"}
    assert citation(list(doc)) == "Валентина Чупик"


def test_citation_without_forms_is_the_plain_join() -> None:
    doc = Doc(Vocab(), words=["Andriy", "Usov"])
    assert citation(list(doc)) == "Andriy Usov"


def test_guillemets_and_low_high_quotes() -> None:
    lex = load_lexicon("ru")
    text = "Он сказал: «Мы не знали, что такое „контракт“». Потом — «Всё»."
    spans = [text[q.start:q.end] for q in find_quotes(text, lex)]
    assert spans[0] == "«Мы не знали, что такое „контракт“»"


def test_dash_speech_segments() -> None:
    text = "Вступление.\n— Нас никто не спрашивал, — рассказал он. — Просто посадили в автобус.\n— Почему? — спросила я."
    assert [text[q.start:q.end] for q in dash_speech(text)] == [
        "Нас никто не спрашивал", "Просто посадили в автобус.", "Почему?",
    ]


def test_dash_speech_only_where_the_lexicon_says_so() -> None:
    text = "— Мы не можем, — сказал он."
    assert find_quotes(text, load_lexicon("en")) == []
    assert len(find_quotes(text, load_lexicon("ru"))) == 1


@pytest.mark.parametrize(("a", "b"), [
    ("Чупик", "Chupik"), ("Chupik", "Cupik"), ("Čupik", "Чупик"), ("Усов", "Usov"), ("Юсов", "Usov"),
    ("Валентина Чупик", "Valentina Cupik"), ("Бастрыкин", "Bastrykin"), ("Бастрикін", "Bastrykin"),
    ("Медиазона", "Mediazona"), ("«Медиазоне»", "Mediazona"), ("Би-би-си", "BBC"), ("the BBC", "BBC"),
    ("Радио Свобода", "RFE/RL"), ("Radio Liberty", "RFE/RL"),
])
def test_name_keys_across_scripts(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_keys_keep_different_names_apart() -> None:
    assert name_key("Усов") != name_key("Сов")
    assert name_key("Mediazona") != name_key("Meduza")
    assert canonical_outlet("Новой газеты") == "Novaya Gazeta"
    assert canonical_outlet("Valentina Cupik") is None


# -- the pipeline (natasha's models) ---------------------------------------------------------

slow = pytest.mark.slow


def check_offsets(record) -> None:  # type: ignore[no-untyped-def]
    text = record.text
    for a in record.attributions:
        spans = [a.cue, *a.content] + ([a.source] if a.source else []) + ([a.channel] if a.channel and a.channel.start is not None else [])
        for s in spans:
            assert text[s.start:s.end] == s.text


@slow
def test_according_to_with_a_genitive_source_in_citation_form() -> None:
    r = extract("По словам правозащитницы Валентины Чупик, мигрантов задерживают у станции метро и отправляют в военкомат.")
    assert r.doc.lang == "ru"
    (a,) = r.attributions
    assert a.kind == "according_to" and a.cue.stance == "report"
    assert a.source is not None and a.source.name == "Валентина Чупик" and a.source.type == "person"
    assert a.content[0].text.startswith("мигрантов задерживают")
    check_offsets(r)


@slow
def test_recipient_outlet_in_the_dative_is_the_channel() -> None:
    r = extract("Андрей Усов рассказал «Медиазоне», что пленные сами просились в штурмовой отряд.", lang="ru")
    (a,) = r.attributions
    assert a.source is not None and a.source.name == "Андрей Усов"
    assert a.cue.lemma == "рассказать" and a.cue.stance == "assert"
    assert a.channel is not None and a.channel.name == "Mediazona"
    assert a.content[0].text == "что пленные сами просились в штурмовой отряд"


@slow
def test_nesting_and_indeclinable_outlet_channel() -> None:
    r = extract("Усов сообщил Би-би-си, что пленные утверждают, что их отправили на фронт без подготовки.", lang="ru")
    outer, inner = r.attributions
    assert outer.channel is not None and outer.channel.name == "BBC"
    assert inner.parent == outer.id and inner.cue.stance == "claim"
    assert inner.source is not None and inner.source.text == "пленные"
    check_offsets(r)


@slow
def test_direct_quote_with_dash_and_pronoun_resolution() -> None:
    text = (
        "Председатель СК Александр Бастрыкин заявил, что на фронт отправлены десять тысяч мигрантов.\n"
        "«Мы их проверяем», — сказал он.\n"
        "По его словам, следователи проверяют всех, кто получил гражданство."
    )
    r = extract(text, lang="ru")
    kinds = [a.kind for a in r.attributions]
    assert kinds == ["indirect", "direct", "according_to"]
    assert {a.source.name for a in r.attributions if a.source} == {"Александр Бастрыкин"}
    assert r.attributions[0].source is not None and r.attributions[0].source.descriptor == "Председатель СК"
    check_offsets(r)


@slow
def test_locative_source_denial_and_hedged_assertion() -> None:
    text = "В МВД отвергли обвинения, заявив, что набор идёт добровольно.\nПленные якобы подписали контракты прямо в колонии."
    r = extract(text, lang="ru")
    deny = r.attributions[0]
    assert deny.cue.stance == "deny" and deny.source is not None and deny.source.name == "МВД"
    assert deny.source.type == "government"
    (assertion,) = r.assertions
    assert assertion.hedge is not None and assertion.hedge.text == "якобы"


@slow
def test_outlet_named_with_its_kind_and_known_outlet_as_source() -> None:
    r = extract("Как сообщает «Медиазона», в колонии приезжали вербовщики.", lang="ru")
    (a,) = r.attributions
    assert a.source is not None and (a.source.name, a.source.type) == ("Mediazona", "outlet")


@slow
def test_ukrainian_cues_and_hedge() -> None:
    r = extract("Він заявив, що росіяни вербують мігрантів у Москві. Полонені нібито підписали контракти.")
    assert r.doc.lang == "uk"
    a = r.attributions[0]
    assert a.cue.lemma == "заявити" and a.content[0].text == "що росіяни вербують мігрантів у Москві"
    assert any(s.hedge is not None and s.hedge.text == "нібито" for s in r.assertions)
    r = extract("«Нас відправили на фронт без підготовки», — розповів полонений журналістам.", lang="uk")
    (a,) = r.attributions
    assert a.kind == "direct" and a.cue.lemma == "розповісти"


@slow
def test_the_demo_translation() -> None:
    path = REPO / "demo" / "perevod-ru.txt"
    r = extract(path.read_text("utf-8"), path=str(path))
    assert r.doc.lang == "ru"
    check_offsets(r)
    by_name = {s.name: s for s in r.sources}
    velikan = by_name["Марта Великан"]
    assert velikan.type == "person" and velikan.descriptor == "адвокат заключённых"
    assert "Харбор Леджер" in velikan.channels
    assert by_name["Харбор Леджер"].type == "outlet"
    drevin = by_name["Оскар Древин"]
    assert drevin.descriptor == "заместитель директора Управления по делам резерва МВД"
    stances = {(a.source.name if a.source else None, a.cue.stance) for a in r.attributions}
    assert ("МВД", "deny") in stances
    # "По словам Великан" and "Она назвала …" resolve to the same speaker
    assert sum(1 for a in r.attributions if a.source and a.source.name == "Марта Великан") >= 3


@slow
def test_dialogue_dash_speech_and_its_continuation() -> None:
    r = extract("— Нас никто не спрашивал, — рассказал бывший заключённый. — Просто посадили в автобус и увезли.", lang="ru")
    (a,) = r.attributions
    assert a.source is not None and a.source.text == "бывший заключённый"
    assert [c.text for c in a.content] == ["Нас никто не спрашивал", "Просто посадили в автобус и увезли."]
    assert r.assertions == ()


@pytest.mark.slow
def test_a_sentence_initial_adverb_is_not_part_of_the_name() -> None:
    # natasha tags a capitalised "Раніше" ("earlier") as the first word of a name
    record = extract("Раніше Петренко заявляв, що мобілізація у Валдорії не планується.",
                     lang="uk")
    assert [a.source.name for a in record.attributions if a.source] == ["Петренко"]
    record = extract("Ранее Петренко заявил, что мобилизация в Валдории не планируется.",
                     lang="ru")
    assert [a.source.name for a in record.attributions if a.source] == ["Петренко"]


@pytest.mark.slow
def test_a_closing_reporting_clause_names_its_speaker() -> None:
    # "…, заявил глава комитета Иван Петренко": the speaker follows the cue
    record = extract("Около ста мигрантов, получивших гражданство Валдории, стали "
                     "добровольцами, заявил глава Следственного комитета Иван Петренко.",
                     lang="ru")
    (attribution,) = record.attributions
    assert attribution.source is not None and attribution.source.name == "Иван Петренко"
    assert attribution.source.descriptor == "глава Следственного комитета"


# -- channels: the outlet a statement came through ------------------------------------------


def channel_of(text: str, lang: str):  # type: ignore[no-untyped-def]
    """The one attribution of ``text``, its offsets checked."""
    record = extract(text, lang=lang)
    check_offsets(record)
    (attribution,) = record.attributions
    return attribution


@slow
@pytest.mark.parametrize(("lang", "text", "channel", "content"), [
    # relays: "…, передает ТАСС", "Как пишет X, …", "цитата по X"
    ("ru", "Министр Иван Петренко заявил, что призыва не будет, передает ТАСС.", ("TASS", "ТАСС"), "что призыва не будет"),
    ("ru", "Петренко заявил, что призыва не будет, сообщает РИА Новости.", ("RIA Novosti", "РИА Новости"), "что призыва не будет"),
    ("ru", "Депутат Петренко заявил, что призыва не будет, пишет «Коммерсантъ».", ("Kommersant", "Коммерсантъ"), "что призыва не будет"),
    ("ru", "Призыва в Валдории не будет, заявил Петренко, цитирует РБК.", ("RBC", "РБК"), "Призыва в Валдории не будет"),
    ("ru", "Призыва в Валдории не будет, заявил Петренко, цитата по РБК.", ("RBC", "РБК"), "Призыва в Валдории не будет"),
    ("ru", "Цитата по РБК: призыва в Валдории не будет, заявил Петренко.", ("RBC", "РБК"), "призыва в Валдории не будет"),
    ("ru", "Как передает ТАСС, Петренко заявил, что призыва не будет.", ("TASS", "ТАСС"), "что призыва не будет"),
    ("ru", "«Призыва не будет», — заявил Петренко, передает ТАСС.", ("TASS", "ТАСС"), "«Призыва не будет»"),
    ("uk", "Міністр Петренко заявив, що призову не буде, передає Укрінформ.", ("Ukrinform", "Укрінформ"), "що призову не буде"),
    ("uk", "Петренко заявив, що призову не буде, пише «Українська правда».", ("Ukrainska Pravda", "Українська правда"), "що призову не буде"),
    ("uk", "Призову не буде, заявив Петренко, цитує Укрінформ.", ("Ukrinform", "Укрінформ"), "Призову не буде"),
    ("uk", "Петренко заявив, що призову не буде, повідомляє Укрінформ.", ("Ukrinform", "Укрінформ"), "що призову не буде"),
    # recipients: "в интервью «Известиям»", "рассказал изданию Kloop"
    ("ru", "Как сообщил Петренко в интервью «Известиям», призыва не будет.", ("Izvestia", "Известиям"), "призыва не будет"),
    ("ru", "Как рассказал Петренко в интервью изданию «Новая газета», призыва не будет.",
     ("Novaya Gazeta", "изданию «Новая газета»"), "призыва не будет"),
    ("ru", "Призыва не будет, рассказал Петренко изданию Kloop.", ("Kloop", "изданию Kloop"), "Призыва не будет"),
    ("uk", "Як розповів Петренко в інтерв'ю «Українській правді», призову не буде.",
     ("Ukrainska Pravda", "Українській правді"), "призову не буде"),
    ("uk", "Як розповів Петренко в інтерв’ю виданню «Суспільне», призову не буде.", ("Suspilne", "виданню «Суспільне»"), "призову не буде"),
])
def test_the_outlet_a_statement_came_through_is_its_channel(lang: str, text: str, channel: tuple[str, str], content: str) -> None:
    a = channel_of(text, lang)
    assert a.source is not None and a.source.name.endswith("Петренко")
    assert a.channel is not None and (a.channel.name, a.channel.text) == channel
    assert [c.text for c in a.content] == [content]


@slow
def test_a_relayed_statement_about_the_sentence_before() -> None:
    record = extract("Призыва не будет. Об этом сообщил глава комитета Петренко, передает «Интерфакс».", lang="ru")
    (a,) = record.attributions
    assert a.source is not None and a.source.name == "Петренко"
    assert a.channel is not None and (a.channel.name, a.channel.text) == ("Interfax", "Интерфакс")
    assert [c.text for c in a.content] == ["Призыва не будет"]
    # "со ссылкой на" inside the relay phrase is the outlet's own source, not another attribution
    a = channel_of("Министр заявил, что призыва не будет, передает ТАСС со ссылкой на пресс-службу.", "ru")
    assert a.channel is not None and a.channel.name == "TASS"


@slow
def test_an_outlet_that_relays_nothing_or_is_a_person_stays_a_source() -> None:
    a = channel_of("Как пишет «Коммерсантъ», в Валдории готовят призыв.", "ru")
    assert a.source is not None and a.source.name == "Kommersant" and a.channel is None
    record = extract("«Коммерсантъ» пишет, что Петренко заявил, что призыва не будет.", lang="ru")
    outer, inner = record.attributions
    assert outer.source is not None and outer.source.name == "Kommersant"
    assert inner.parent == outer.id and inner.channel is not None and inner.channel.name == "Kommersant"
    # a person who writes is a source of his own ("…, пишет Иванов")
    record = extract("Петренко заявил, что призыва не будет, пишет Иванов.", lang="ru")
    assert {a.source.name for a in record.attributions if a.source} == {"Петренко", "Иванов"}


@slow
@pytest.mark.parametrize(("text", "name", "descriptor"), [
    ("Раніше голова комітету Петренко заявляв, що призову не буде.", "Петренко", "голова комітету"),
    ("Раніше міністр оборони Петренко заявив, що призову не буде.", "Петренко", "міністр оборони"),
    ("Раніше голова Слідчого комітету Іван Петренко заявляв, що призову не буде.", "Іван Петренко", "голова Слідчого комітету"),
])
def test_ukrainian_title_and_name_after_an_initial_adverb(text: str, name: str, descriptor: str) -> None:
    (a,) = extract(text, lang="uk").attributions
    assert a.source is not None and (a.source.name, a.source.descriptor) == (name, descriptor)


def test_a_cue_verb_that_only_leads_to_something_is_no_cue() -> None:
    # "привести слова" cites; "привести к тому, что …" leads to: no nested attribution
    r = extract("Мэр Дунмера заявил: «Мы нашли меру, которая привела к тому, что паромы стали "
                "ходить реже».", lang="ru")
    assert [a.cue.text for a in r.attributions] == ["заявил"]


@slow
def test_a_relative_pronoun_the_parse_hung_apart_names_the_noun_before_its_comma() -> None:
    r = extract("В качестве примера он привел участника рейда - уроженца Пелхейвена, который, по его "
                "словам, согласился пойти на войну ради получения гражданства.", lang="ru")
    agreed = [a for a in r.attributions if a.cue.text == "согласился"]
    assert len(agreed) == 1 and agreed[0].source is not None
    assert agreed[0].source.name == "участник"


@slow
@pytest.mark.parametrize("quoted", [True, False])
def test_an_outlet_named_in_quotation_marks_after_its_noun_is_itself(quoted: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.sources.QUOTED_OUTLET_NAMES", quoted)
    record = extract("Издание «Медиазона» сообщило, что заключенных отправили на фронт. "
                     "Агентство «Норд-Информ» сообщило, что паром не прошел проверку.", lang="ru")
    names = [a.source.name for a in record.attributions if a.source]
    # without the marks read, "Агентство" was taken for the outlet named before it
    assert (names[-1] == "Норд-Информ") is quoted
    record = extract("The weekly “Harbour Notes” reported that the ferry had failed an inspection.")
    (a,) = record.attributions
    assert a.source is not None
    assert ((a.source.name, a.source.type, a.source.descriptor) == ("Harbour Notes", "outlet", "weekly")) is quoted


@slow
@pytest.mark.parametrize("fixed", [True, False])
def test_a_closing_reporting_clause_keeps_the_words_before_its_comma(fixed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.slavic.CLOSING_CLAUSE_WORDS", fixed)
    monkeypatch.setattr("sourcetrace.nlp.pipeline.NAMES_IN_GUILLEMETS", fixed)
    text = ("КАЛДМИР — Министерство внутренних дел Вальдории с февраля завербовало в Гражданскую "
            "резервную бригаду не менее 1200 из примерно 4800 мужчин, содержащихся в центре "
            "заключения «Бренник», сообщила газета «Харбор Леджер» со ссылкой на тюремные документы.")
    (a,) = extract(text, lang="ru").attributions
    whole = text[text.index("Министерство"):text.index(", сообщила")]
    # the parse hung "из … мужчин" on "ссылкой"; a name in guillemets is no quotation
    assert ([c.text for c in a.content] == [whole] and a.kind == "indirect") is fixed


@slow
def test_a_ukrainian_closing_clause_keeps_its_subject_and_its_speakers_title() -> None:
    text = ("Близько 10 тисяч мігрантів, які набули громадянства Пелхейвену, стали учасниками "
            "операції, заявив голова комітету Остап Гренко.")
    (a,) = extract(text, lang="uk").attributions
    assert [c.text for c in a.content] == [text[:text.index(", заявив")]]
    assert a.source is not None and a.source.descriptor == "голова комітету"


@slow
@pytest.mark.parametrize("off", [None, "slavic.SUBJECT_AFTER_DASH", "cues.COORDINATED_COMPLEMENTS",
                                 "cues.QUOTED_INTERVIEWER"])
def test_what_was_told_then_a_dash_then_who_told_it(off: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if off is not None:
        monkeypatch.setattr(f"sourcetrace.nlp.{off}", False)
    text = ("Как паромы работают зимой и почему докеры недовольны – правозащитница Мара Восс "
            "рассказала в интервью «Вестнику».")
    (a,) = extract(text, lang="ru").attributions
    # the parse gives the speaker to "недовольны", hangs the two questions on the cue
    # apart and the interviewer's name in guillemets on "интервью" as an adverbial phrase
    assert (a.source is not None and a.source.name == "Мара Восс") is (off != "slavic.SUBJECT_AFTER_DASH")
    whole = ["Как паромы работают зимой и почему докеры недовольны"]
    assert ([c.text for c in a.content] == whole) is (off not in {"cues.COORDINATED_COMPLEMENTS",
                                                                  "slavic.SUBJECT_AFTER_DASH"})
    assert (a.channel is not None and a.channel.name == "Вестник") is (off != "cues.QUOTED_INTERVIEWER")


@slow
@pytest.mark.parametrize("outside", [True, False])
def test_a_source_keeps_none_of_its_cues_words(outside: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.pipeline.SOURCE_OUTSIDE_CUE", outside)
    (a,) = extract("Згідно з указом, іноземці зможуть отримати паспорт.", lang="uk").attributions
    assert a.source is not None
    assert (a.source.text, a.source.name, a.source.type) == (
        ("указом", "указ", "document") if outside else ("Згідно з указом", "Згідно указ", "document"))
    # a possessive inside the cue stays its speaker
    (a,) = extract("Паром опоздал. По его словам, причал закрыт.", lang="ru").attributions
    assert a.source is not None and a.source.text == "его"
